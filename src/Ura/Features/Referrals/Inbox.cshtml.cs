using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Referrals;

/// <summary>Referrals sent to the user's organisation, newest first, with the overdue ones marked; its case workers and supervisors.</summary>
[Authorize(Policy = Policies.ReferralReceiver)]
public sealed class InboxModel(ReferralReceiving receiving) : PageModel
{
    public ReferralStatus? Status { get; private set; }
    public ReferralPage Result { get; private set; } = new([], 1, false);

    public async Task OnGetAsync(string? status, int page = 1)
    {
        // An unknown status in the address shows everything rather than an error page.
        Status = Enum.TryParse<ReferralStatus>(status, out var s) && Enum.IsDefined(s) && s != ReferralStatus.Draft ? s : null;
        Result = await receiving.InboxAsync(Status, page, HttpContext.RequestAborted);
    }
}
