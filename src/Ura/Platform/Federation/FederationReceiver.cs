using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Platform.Audit;
using Ura.Platform.Data;

namespace Ura.Platform.Federation;

/// <summary>Why an envelope was refused (docs/federation.md, "Refusals"). Codes, not sentences: they travel between nodes.</summary>
public static class Refusals
{
    public const string Malformed = "malformed";
    public const string NotANode = "not_a_node";
    public const string WrongRecipient = "wrong_recipient";
    public const string UnknownSender = "unknown_sender";
    public const string BadSignature = "bad_signature";
    public const string Expired = "expired";
    public const string NotYetValid = "not_yet_valid";
    public const string UnknownType = "unknown_type";
    public const string BadCiphertext = "bad_ciphertext";
    public const string ReplayedDifferent = "replayed_different";
    public const string SequenceReused = "sequence_reused";
    public const string SequenceGap = "sequence_gap";

    /// <summary>A refusal the sender should retry later rather than give up on.</summary>
    public static bool IsTemporary(string code) => code is SequenceGap or NotANode;
}

/// <summary>The receiver's signed proof that it stored an envelope (docs/federation.md, "Receipt").</summary>
public sealed record Receipt
{
    [JsonPropertyName("v")] public int V { get; init; } = 1;
    [JsonPropertyName("envelope")] public required string Envelope { get; init; }
    [JsonPropertyName("sender")] public required string Sender { get; init; }
    [JsonPropertyName("receiver")] public required string Receiver { get; init; }
    [JsonPropertyName("digest")] public required string Digest { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("received")] public required string Received { get; init; }
    [JsonPropertyName("signature")] public string Signature { get; init; } = "";

    public string CanonicalSigned() => Canonical.Json(
    [
        new("v", V), new("envelope", Envelope), new("sender", Sender), new("receiver", Receiver),
        new("digest", Digest), new("status", Status), new("received", Received),
    ]);
}

public sealed record ReceiveResult(Receipt? Receipt, string? Refusal);

/// <summary>
/// Checks envelopes from peers, stores each once, and applies what is ready, all of one delivery in
/// one transaction (on SQLite each commit waits for the disk). Every refusal is logged, audited and
/// counted; a refused envelope changes nothing else.
/// </summary>
public sealed class FederationReceiver(
    UraDbContext db, NodeIdentity identity, FederationApplier applier, IEnumerable<IFederationHandler> handlers,
    AuditLog audit, IOptions<FederationOptions> options, TimeProvider clock, ILogger<FederationReceiver> log)
{
    /// <summary>Most envelopes in one delivery.</summary>
    public const int MaxBatch = 50;

    // SQLite takes one writer at a time, and Microsoft.Data.Sqlite sleeps 150 ms each time it finds the
    // database busy: a peer's parallel deliveries, stored one after another in this process, never collide.
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    /// <summary>What is known of an envelope before the database is asked: whether its signature verifies, and its payload.</summary>
    private sealed record Unsealed(Envelope? Envelope, bool Signed, byte[]? Payload);

    /// <summary>One result per envelope, in order: a signed receipt once it is stored, or the refusal code.</summary>
    public async Task<IReadOnlyList<ReceiveResult>> ReceiveAsync(IReadOnlyList<string> bodies, string? clientAddress, CancellationToken ct)
    {
        var node = await identity.LoadAsync(ct);
        var envelopes = bodies.Select(Envelope.Parse).ToList();
        var senders = envelopes.OfType<Envelope>().Select(e => e.Sender).Distinct().ToList();
        var peers = await db.FederationPeers.AsNoTracking().Where(p => senders.Contains(p.NodeId)).ToListAsync(ct);
        // Verifying and decrypting take much of the time and need no database: done before waiting for
        // SQLite's one writer, so several deliveries share the cores.
        List<Unsealed> unsealed;
        using (var keys = new PeerKeys(peers))
            unsealed = envelopes.Select(e => Unseal(e, node, keys)).ToList();
        var pinned = peers.Select(p => p.NodeId).ToHashSet();

        var gate = db.IsPostgres ? null : SqliteWriter;
        if (gate is not null)
            await gate.WaitAsync(ct);
        try
        {
            return await StoreAsync(unsealed, node, pinned, clientAddress, ct);
        }
        catch (DbUpdateException)
        {
            // The same envelope stored by another process at the same moment (a retry racing the first
            // try): nothing of this delivery was kept; the second look answers "duplicate" for it.
            db.ChangeTracker.Clear();
            return await StoreAsync(unsealed, node, pinned, clientAddress, ct);
        }
        finally
        {
            gate?.Release();
        }
    }

    private static Unsealed Unseal(Envelope? envelope, LocalNode? node, PeerKeys keys)
    {
        if (envelope is null || node is null || envelope.Recipient != node.NodeId || keys.For(envelope.Sender) is not { } key
            || !EnvelopeCrypto.VerifySignature(envelope, key))
            return new(envelope, false, null);
        return new(envelope, true, EnvelopeCrypto.Open(envelope, node.Agreement));
    }

    /// <summary>Checks each envelope against what is stored, then stores the accepted ones and applies what is ready, in one transaction.</summary>
    private async Task<IReadOnlyList<ReceiveResult>> StoreAsync(List<Unsealed> unsealed, LocalNode? node, HashSet<string> pinned,
        string? clientAddress, CancellationToken ct)
    {
        var valid = unsealed.Where(u => u.Signed).Select(u => u.Envelope!).ToList();
        var ids = valid.Select(e => Guid.Parse(e.Id)).ToList();
        var stored = await db.FederationInbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Digest, ct);
        // The senders too, so that the stream key and the inbox's (sender, correlation, sequence) index serve these lookups.
        var senders = pinned.ToList();
        var correlations = valid.Select(e => Guid.Parse(e.Correlation)).Distinct().ToList();
        var applied = await db.MessageStreams.AsNoTracking()
            .Where(s => senders.Contains(s.PeerNodeId) && correlations.Contains(s.CorrelationId) && s.Direction == StreamDirection.Incoming)
            .ToDictionaryAsync(s => (s.PeerNodeId, s.CorrelationId), s => s.Sequence, ct);
        // Applied messages are at or below their stream's sequence; the others are waiting here.
        var taken = (await db.FederationInbox.AsNoTracking()
            .Where(m => senders.Contains(m.SenderNodeId) && correlations.Contains(m.CorrelationId) && m.Status != InboxStatus.Applied)
            .Select(m => new { m.SenderNodeId, m.CorrelationId, m.Sequence })
            .ToListAsync(ct)).Select(m => (m.SenderNodeId, m.CorrelationId, m.Sequence)).ToHashSet();

        var now = clock.GetUtcNow().UtcDateTime;
        var results = new ReceiveResult[unsealed.Count];
        var receipts = new List<(int Index, Envelope Envelope, string Digest, string Status)>();
        var duplicates = new List<Guid>();
        var ready = new HashSet<(string Sender, Guid Correlation)>();
        for (var i = 0; i < unsealed.Count; i++)
        {
            var envelope = unsealed[i].Envelope;
            var refusal = Check(unsealed[i], node, pinned, stored, applied, taken, now);
            if (refusal is not null)
            {
                results[i] = new ReceiveResult(null, refusal);
                Refuse(envelope, refusal, clientAddress);
                continue;
            }
            var id = Guid.Parse(envelope!.Id);
            var digest = envelope.Digest();
            if (stored.ContainsKey(id))
            {
                duplicates.Add(id);
                receipts.Add((i, envelope, digest, "duplicate"));
                continue;
            }
            var correlation = Guid.Parse(envelope.Correlation);
            db.FederationInbox.Add(new InboxMessage
            {
                Id = id,
                SenderNodeId = envelope.Sender,
                Type = envelope.Type,
                CorrelationId = correlation,
                Sequence = envelope.Sequence,
                CreatedAt = Envelope.Time(envelope.Created)!.Value,
                ReceivedAt = now,
                Digest = digest,
                Payload = Encoding.UTF8.GetString(unsealed[i].Payload!),
                Status = InboxStatus.Waiting,
            });
            stored[id] = digest;
            taken.Add((envelope.Sender, correlation, envelope.Sequence));
            ready.Add((envelope.Sender, correlation));
            receipts.Add((i, envelope, digest, "stored"));
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // Every applied message writes an audit event, so applying waits for the audit chain's lock
            // anyway; taking it first, before any stream row, means two deliveries never deadlock.
            await AuditChain.LockAsync(db, ct);
            await db.SaveChangesAsync(ct);
            if (duplicates.Count > 0)
                await db.FederationInbox.Where(m => duplicates.Contains(m.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Deliveries, m => m.Deliveries + 1), ct);
            var contacted = ready.Select(r => r.Sender).Distinct().ToList();
            if (contacted.Count > 0)
                await db.FederationPeers.Where(p => contacted.Contains(p.NodeId)).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactAt, now), ct);
            foreach (var (sender, correlation) in ready)
                await applier.ApplyReadyAsync(sender, correlation, ct);
            await transaction.CommitAsync(ct);
        }
        // Receipts only once the envelopes are safely stored.
        foreach (var (index, envelope, digest, status) in receipts)
            results[index] = new ReceiveResult(SignReceipt(envelope, node!, digest, status, now), null);
        return results;
    }

    /// <summary>The refusal code for an envelope, in the order of docs/federation.md, or null when it is to be stored (or answered as a duplicate).</summary>
    private string? Check(Unsealed unsealed, LocalNode? node, HashSet<string> pinned, Dictionary<Guid, string> stored,
        Dictionary<(string, Guid), long> applied, HashSet<(string, Guid, long)> taken, DateTime now)
    {
        var envelope = unsealed.Envelope;
        if (envelope is null)
            return Refusals.Malformed;
        if (node is null)
            return Refusals.NotANode;
        if (envelope.Recipient != node.NodeId)
            return Refusals.WrongRecipient;
        if (!pinned.Contains(envelope.Sender))
            return Refusals.UnknownSender;
        if (!unsealed.Signed)
            return Refusals.BadSignature;
        if (stored.TryGetValue(Guid.Parse(envelope.Id), out var earlier))
            return earlier == envelope.Digest() ? null : Refusals.ReplayedDifferent;
        if (Envelope.Time(envelope.Expires) < now)
            return Refusals.Expired;
        if (Envelope.Time(envelope.Created) > now + options.Value.ClockSkew)
            return Refusals.NotYetValid;
        if (!handlers.Any(h => h.Type == envelope.Type))
            return Refusals.UnknownType;
        if (unsealed.Payload is null)
            return Refusals.BadCiphertext;
        var correlation = Guid.Parse(envelope.Correlation);
        var last = applied.GetValueOrDefault((envelope.Sender, correlation));
        if (envelope.Sequence <= last || taken.Contains((envelope.Sender, correlation, envelope.Sequence)))
            return Refusals.SequenceReused;
        if (envelope.Sequence > last + options.Value.SequenceGapLimit)
            return Refusals.SequenceGap;
        return null;
    }

    private static Receipt SignReceipt(Envelope envelope, LocalNode node, string digest, string status, DateTime now)
    {
        var receipt = new Receipt
        {
            Envelope = envelope.Id,
            Sender = envelope.Sender,
            Receiver = node.NodeId,
            Digest = digest,
            Status = status,
            Received = Envelope.Time(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond))),
        };
        return receipt with { Signature = Convert.ToBase64String(EnvelopeCrypto.Sign(node.Signer, receipt.CanonicalSigned())) };
    }

    /// <summary>Adds the refusal and its audit event to this delivery's unit of work.</summary>
    private void Refuse(Envelope? envelope, string reason, string? clientAddress)
    {
        log.LogWarning("Federation envelope {Id} of type {Type} claiming to be from {Sender} refused: {Reason}",
            envelope?.Id, envelope?.Type, envelope?.Sender, reason);
        var envelopeId = Guid.TryParse(envelope?.Id, out var parsed) ? parsed : (Guid?)null;
        db.FederationRefusals.Add(new FederationRefusal
        {
            At = clock.GetUtcNow().UtcDateTime,
            ClaimedSender = Truncate(envelope?.Sender, 20),
            EnvelopeId = envelopeId,
            Type = Truncate(envelope?.Type, 60),
            Reason = reason,
            ClientAddress = Truncate(clientAddress, 60),
        });
        audit.Record("federation.refused", "Envelope", envelopeId, reason);
    }

    /// <summary>Each peer's signing key, imported once per delivery rather than once per envelope.</summary>
    private sealed class PeerKeys(IEnumerable<FederationPeer> peers) : IDisposable
    {
        private readonly Dictionary<string, ECDsa> keys = peers.ToDictionary(p => p.NodeId, p => ECDsa.Create(EnvelopeCrypto.FromPoint(p.SigningPublicKey)));

        public ECDsa? For(string nodeId) => keys.GetValueOrDefault(nodeId);

        public void Dispose()
        {
            foreach (var key in keys.Values)
                key.Dispose();
        }
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
