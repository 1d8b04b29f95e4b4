using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Identity;

namespace Ura.Features.Home;

public sealed class IndexModel(ReferralDashboard dashboard) : PageModel
{
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public ReferralDashboardView Referrals { get; private set; } = new(null, null, null);

    public async Task OnGetAsync()
    {
        Roles = Platform.Identity.Roles.All.Where(User.IsInRole).ToList();
        Referrals = await dashboard.ForCurrentUserAsync(HttpContext.RequestAborted);
    }
}
