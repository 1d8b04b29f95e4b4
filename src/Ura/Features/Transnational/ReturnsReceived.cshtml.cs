using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Transnational;

/// <summary>Return plans proposed to the user's organisation by peer nodes; its case workers and supervisors only.</summary>
[Authorize(Policy = Policies.ReferralReceiver)]
public sealed class ReturnsReceivedModel(ReturnReception reception) : PageModel
{
    public IReadOnlyList<ReturnSummary> Returns { get; private set; } = [];

    public async Task OnGetAsync() => Returns = await reception.ListAsync(HttpContext.RequestAborted);
}
