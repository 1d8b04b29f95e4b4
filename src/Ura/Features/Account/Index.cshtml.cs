using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Identity;

namespace Ura.Features.Account;

public sealed class IndexModel(UserManager<User> users) : PageModel
{
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return NotFound();
        (Name, Email, TwoFactorEnabled) = (user.DisplayName, user.Email ?? "", user.TwoFactorEnabled);
        return Page();
    }
}
