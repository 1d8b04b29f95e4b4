using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Features.Reports.Dashboards;

namespace Ura.Features.Home;

/// <summary>The home page: the signed-in user's dashboard, one part per role, then where to go.</summary>
public sealed class IndexModel(Dashboard dashboard) : PageModel
{
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public DashboardView Dashboard { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Roles = Platform.Identity.Roles.All.Where(User.IsInRole).ToList();
        Dashboard = await dashboard.ForCurrentUserAsync(HttpContext.RequestAborted);
    }
}
