using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ura.Features.Transnational;

/// <summary>Referrals from other countries: the focal point's while they wait there, then the receiving organisation's.</summary>
[Authorize]
public sealed class TransnationalInboxModel(TransnationalReceiving receiving) : PageModel
{
    public IReadOnlyList<TransnationalSummary> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await receiving.InboxAsync(HttpContext.RequestAborted);
}
