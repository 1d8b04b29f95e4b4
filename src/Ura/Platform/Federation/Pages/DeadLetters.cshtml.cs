using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Platform.Federation.Pages;

/// <summary>
/// <c>/admin/federation/dead-letters</c>: messages that could not be delivered, with why; retry one,
/// or all of one peer's. Expired ones stay: the peer would refuse them.
/// </summary>
[Authorize(Policy = Policies.SystemAdmin)]
public sealed class DeadLettersModel(FederationMonitor monitor, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<DeadLetter> Letters { get; private set; } = [];
    public string? Peer { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? peer, int? retried, int? expired)
    {
        Peer = string.IsNullOrEmpty(peer) ? null : peer;
        if (retried is { } count)
            Notice = expired is > 0 ? text["Federation.DeadLetters.RetriedSomeExpired", count, expired.Value] : text["Federation.DeadLetters.Retried", count];
        Letters = await monitor.DeadLettersAsync(Peer, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, string? peer)
    {
        var result = await monitor.RetryAsync(id, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/admin/federation/dead-letters?retried=1{PeerQuery(peer)}");
        result.Errors.AddTo(ModelState, text);
        Peer = string.IsNullOrEmpty(peer) ? null : peer;
        Letters = await monitor.DeadLettersAsync(Peer, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAllAsync(string peer)
    {
        var result = await monitor.RetryAllAsync(peer ?? "", HttpContext.RequestAborted);
        if (result is null)
            return NotFound();
        return LocalRedirect($"/admin/federation/dead-letters?retried={result.Retried}&expired={result.Expired}{PeerQuery(peer)}");
    }

    private static string PeerQuery(string? peer) => string.IsNullOrEmpty(peer) ? "" : "&peer=" + Uri.EscapeDataString(peer);
}
