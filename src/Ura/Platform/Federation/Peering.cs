using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Data;

namespace Ura.Platform.Federation;

/// <summary>Creates the node identity and pins or removes peers: the rules shared by the command line and the admin page.</summary>
public sealed class Peering(UraDbContext db, NodeIdentity identity, AuditLog audit, TimeProvider clock)
{
    public async Task<CommandResult<LocalNode>> InitAsync(string? nodeId, string? countryCode, string? url, CancellationToken ct)
    {
        var errors = new List<RuleError>();
        if (!NodeIdentity.IsValidId(nodeId))
            errors.Add(new("Id", "Federation.Node.BadId"));
        var country = countryCode?.Trim().ToUpperInvariant();
        if (country is null || !await db.Countries.AnyAsync(c => c.Code == country, ct))
            errors.Add(new("Country", "Federation.Node.UnknownCountry"));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http"))
            errors.Add(new("Url", "Federation.Node.BadUrl"));
        if (await db.NodeIdentity.AnyAsync(ct))
            errors.Add(new("", "Federation.Node.AlreadyInitialised"));
        if (errors.Count > 0)
            return CommandResult<LocalNode>.Refused([.. errors]);
        audit.Record("federation.node.init", "Node", nodeId);
        return CommandResult<LocalNode>.Done(await identity.InitAsync(db, nodeId!, country!, url!, ct));
    }

    /// <summary>Pins the peer of a node card; the person has compared its fingerprint with the peer's operator.</summary>
    public async Task<CommandResult<FederationPeer>> PinAsync(string cardJson, CancellationToken ct)
    {
        var (card, problem) = NodeCard.Parse(cardJson);
        if (card is null)
            return CommandResult<FederationPeer>.Refused("Card", problem == "fingerprint_mismatch" ? "Federation.Peer.FingerprintMismatch" : "Federation.Peer.NotACard");
        var self = await identity.LoadAsync(ct);
        if (self is null)
            return CommandResult<FederationPeer>.Refused("", "Federation.Node.NotInitialised");
        if (card.Node == self.NodeId)
            return CommandResult<FederationPeer>.Refused("Card", "Federation.Peer.IsSelf");
        if (await db.FederationPeers.AnyAsync(p => p.NodeId == card.Node, ct))
            return CommandResult<FederationPeer>.Refused("Card", "Federation.Peer.AlreadyPinned");
        var peer = new FederationPeer
        {
            NodeId = card.Node,
            CountryCode = card.Country,
            Url = card.Url.TrimEnd('/'),
            SigningPublicKey = Convert.FromBase64String(card.SigningKey),
            AgreementPublicKey = Convert.FromBase64String(card.AgreementKey),
            Fingerprint = card.Fingerprint,
            AddedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.FederationPeers.Add(peer);
        audit.Record("federation.peer.pin", "Peer", peer.NodeId, peer.Fingerprint);
        await db.SaveChangesAsync(ct);
        return CommandResult<FederationPeer>.Done(peer);
    }

    /// <summary>Unpins a peer. Its messages still waiting become dead letters when the dispatcher next looks at them.</summary>
    public async Task<bool> RemoveAsync(string nodeId, CancellationToken ct)
    {
        var peer = await db.FederationPeers.FindAsync([nodeId], ct);
        if (peer is null)
            return false;
        db.FederationPeers.Remove(peer);
        audit.Record("federation.peer.remove", "Peer", nodeId, peer.Fingerprint);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
