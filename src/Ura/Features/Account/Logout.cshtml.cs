using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Account;

/// <summary>Open to anyone so that a half-signed-in user (two-factor owed) can always leave.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<User> signIn, CurrentUser current, AuditLog audit, UraDbContext db) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (current.Id is { } id)
        {
            audit.Record("auth.signout", nameof(User), id);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/account/login");
    }
}
