using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Platform.Federation.Pages;

/// <summary>
/// <c>/admin/federation/peers/{nodeId}/remove</c>: asks before unpinning a peer, saying how many
/// messages to it are still waiting (they become dead letters).
/// </summary>
[Authorize(Policy = Policies.SystemAdmin)]
public sealed class RemovePeerModel(FederationMonitor monitor, Peering peering) : PageModel
{
    public PeerStatus Peer { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string nodeId)
    {
        var status = await monitor.StatusAsync(HttpContext.RequestAborted);
        var peer = status.Peers.FirstOrDefault(p => p.NodeId == nodeId);
        if (peer is null)
            return NotFound();
        Peer = peer;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string nodeId) =>
        await peering.RemoveAsync(nodeId, HttpContext.RequestAborted)
            ? LocalRedirect("/admin/federation?done=Removed")
            : NotFound();
}
