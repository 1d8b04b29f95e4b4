using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Data;

namespace Ura.Platform.Federation.Pages;

/// <summary>This node as peers see it: its id, country, address and fingerprint.</summary>
public sealed record NodeSummary(string NodeId, string CountryCode, string Url, string Fingerprint, string CardJson);

/// <summary>A pinned peer and how delivery to and from it stands. No message content.</summary>
public sealed record PeerStatus(string NodeId, string CountryCode, string Url, string Fingerprint, DateTime AddedAt, DateTime? LastContactAt,
    int MessagesWaiting, int DeadLetters);

/// <summary>A refused envelope: when, who it claimed to be from, its type and the reason code.</summary>
public sealed record RefusalSummary(DateTime At, string? ClaimedSender, string? Type, string Reason);

/// <summary>The monitoring numbers of the federation page and <c>GET /api/v1/federation/status</c>.</summary>
public sealed record FederationStatus(NodeSummary? Node, IReadOnlyList<PeerStatus> Peers, int InboundWaiting, int InboundFailed,
    int RefusalsLastDay, IReadOnlyList<RefusalSummary> RecentRefusals);

/// <summary>A message that could not be delivered. Its content is sealed for the peer and is never shown.</summary>
public sealed record DeadLetter(Guid Id, string PeerNodeId, string Type, long Sequence, DateTime CreatedAt, DateTime ExpiresAt, int Attempts,
    string? LastError, bool Expired);

/// <summary>What "retry all" did for one peer.</summary>
public sealed record RetryAllResult(int Retried, int Expired);

/// <summary>
/// The system admin's view of the federation: status numbers, a test message per peer, and dead
/// letters sent again. Reads only envelope metadata, never payloads.
/// </summary>
public sealed class FederationMonitor(UraDbContext db, NodeIdentity identity, FederationSender sender, DispatchSignal signal, AuditLog audit, TimeProvider clock)
{
    public const int RecentRefusals = 20;

    public async Task<FederationStatus> StatusAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var node = await identity.LoadAsync(ct);
        var card = node?.Card();
        var outbox = await db.FederationOutbox.AsNoTracking()
            .Where(o => o.Status != OutboxStatus.Delivered)
            .GroupBy(o => new { o.PeerNodeId, o.Status })
            .Select(g => new { g.Key.PeerNodeId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        int Count(string peer, OutboxStatus status) => outbox.Where(o => o.PeerNodeId == peer && o.Status == status).Sum(o => o.Count);
        var peers = (await db.FederationPeers.AsNoTracking().OrderBy(p => p.NodeId).ToListAsync(ct))
            .Select(p => new PeerStatus(p.NodeId, p.CountryCode, p.Url, NodeCard.Readable(p.Fingerprint), p.AddedAt, p.LastContactAt,
                Count(p.NodeId, OutboxStatus.Pending), Count(p.NodeId, OutboxStatus.Dead)))
            .ToList();
        var inbound = await db.FederationInbox.AsNoTracking()
            .Where(m => m.Status != InboxStatus.Applied)
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var dayAgo = now.AddDays(-1);
        var refusalsLastDay = await db.FederationRefusals.CountAsync(r => r.At >= dayAgo, ct);
        var recent = await db.FederationRefusals.AsNoTracking()
            .OrderByDescending(r => r.At).Take(RecentRefusals)
            .Select(r => new RefusalSummary(r.At, r.ClaimedSender, r.Type, r.Reason))
            .ToListAsync(ct);
        return new FederationStatus(
            card is null ? null : new NodeSummary(card.Node, card.Country, card.Url, NodeCard.Readable(card.Fingerprint), card.ToJson()),
            peers,
            inbound.Where(i => i.Status == InboxStatus.Waiting).Sum(i => i.Count),
            inbound.Where(i => i.Status == InboxStatus.Failed).Sum(i => i.Count),
            refusalsLastDay,
            recent);
    }

    public Task<FederationPeer?> PeerAsync(string nodeId, CancellationToken ct) =>
        db.FederationPeers.AsNoTracking().FirstOrDefaultAsync(p => p.NodeId == nodeId, ct);

    /// <summary>Sends <c>federation.ping</c> on a correlation of its own; false when there is no such peer or this node has no identity.</summary>
    public async Task<bool> PingAsync(string peerNodeId, CancellationToken ct)
    {
        if (await identity.LoadAsync(ct) is null || !await db.FederationPeers.AnyAsync(p => p.NodeId == peerNodeId, ct))
            return false;
        var message = await sender.SendAsync(peerNodeId, PingHandler.MessageType, Guid.CreateVersion7(), new { }, ct);
        audit.Record("federation.ping", "Envelope", message.Id, peerNodeId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? peerNodeId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var letters = db.FederationOutbox.Where(o => peerNodeId == null || o.PeerNodeId == peerNodeId)
            .OrderBy(o => o.PeerNodeId).ThenBy(o => o.CreatedAt).ThenBy(o => o.Sequence);
        return await DeadLettersQuery(letters, now).Take(500).ToListAsync(ct);
    }

    /// <summary>
    /// Puts a dead letter back in line: pending, no attempts, due now. An expired one cannot be sent
    /// again: the peer would refuse it, since its sender signed when it stops being valid.
    /// </summary>
    public async Task<CommandResult<DeadLetter>> RetryAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var letter = await DeadLettersQuery(db.FederationOutbox.Where(o => o.Id == id), now).FirstOrDefaultAsync(ct);
        if (letter is null)
            return CommandResult<DeadLetter>.NotFound();
        if (letter.Expired)
            return CommandResult<DeadLetter>.Refused("", "Federation.DeadLetters.ExpiredCannotRetry");
        await RequeueAsync(db.FederationOutbox.Where(o => o.Id == id && o.Status == OutboxStatus.Dead), now, ct);
        audit.Record("federation.retry", "Envelope", id, letter.PeerNodeId);
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return CommandResult<DeadLetter>.Done(letter with { Attempts = 0 });
    }

    /// <summary>Retries every dead letter to <paramref name="peerNodeId"/> that has not expired; null when there is no such peer.</summary>
    public async Task<RetryAllResult?> RetryAllAsync(string peerNodeId, CancellationToken ct)
    {
        if (!await db.FederationPeers.AnyAsync(p => p.NodeId == peerNodeId, ct))
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var dead = db.FederationOutbox.Where(o => o.Status == OutboxStatus.Dead && o.PeerNodeId == peerNodeId);
        var expired = await dead.CountAsync(o => o.ExpiresAt <= now, ct);
        var retried = await RequeueAsync(dead.Where(o => o.ExpiresAt > now), now, ct);
        audit.Record("federation.retry", "Peer", peerNodeId, retried.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return new RetryAllResult(retried, expired);
    }

    /// <summary>Filter and order before this projection: EF cannot translate a condition on the record it builds.</summary>
    private static IQueryable<DeadLetter> DeadLettersQuery(IQueryable<OutboxMessage> outbox, DateTime now) => outbox.AsNoTracking()
        .Where(o => o.Status == OutboxStatus.Dead)
        .Select(o => new DeadLetter(o.Id, o.PeerNodeId, o.Type, o.Sequence, o.CreatedAt, o.ExpiresAt, o.Attempts, o.LastError, o.ExpiresAt <= now));

    private static Task<int> RequeueAsync(IQueryable<OutboxMessage> letters, DateTime now, CancellationToken ct) =>
        letters.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Pending).SetProperty(o => o.Attempts, 0)
            .SetProperty(o => o.NextAttemptAt, now).SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeasedUntil, (DateTime?)null), ct);
}
