using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Cases;

/// <summary>The closure requests waiting for a supervisor of the organisation, oldest first.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class ClosureRequestsModel(CaseClosures closures) : PageModel
{
    public IReadOnlyList<ClosureView> Pending { get; private set; } = [];

    public async Task OnGetAsync() => Pending = await closures.PendingAsync(HttpContext.RequestAborted);
}
