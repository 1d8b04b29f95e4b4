using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Identity;

namespace Ura.Features.Home;

public sealed class IndexModel : PageModel
{
    public IReadOnlyList<string> Roles { get; private set; } = [];

    public void OnGet() => Roles = Platform.Identity.Roles.All.Where(User.IsInRole).ToList();
}
