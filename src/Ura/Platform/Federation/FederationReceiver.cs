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
/// Checks an envelope from a peer, stores it once, and applies what is ready. Every refusal is
/// logged, audited and counted; a refused envelope changes nothing else.
/// </summary>
public sealed class FederationReceiver(
    UraDbContext db, NodeIdentity identity, FederationApplier applier, IEnumerable<IFederationHandler> handlers,
    AuditLog audit, IOptions<FederationOptions> options, TimeProvider clock, ILogger<FederationReceiver> log)
{
    public async Task<ReceiveResult> ReceiveAsync(string body, string? clientAddress, CancellationToken ct)
    {
        var envelope = Envelope.Parse(body);
        if (envelope is null)
            return await RefuseAsync(null, Refusals.Malformed, clientAddress, ct);
        var node = await identity.LoadAsync(ct);
        if (node is null)
            return await RefuseAsync(envelope, Refusals.NotANode, clientAddress, ct);
        if (envelope.Recipient != node.NodeId)
            return await RefuseAsync(envelope, Refusals.WrongRecipient, clientAddress, ct);
        var peer = await db.FederationPeers.FindAsync([envelope.Sender], ct);
        if (peer is null)
            return await RefuseAsync(envelope, Refusals.UnknownSender, clientAddress, ct);
        if (!EnvelopeCrypto.VerifySignature(envelope, peer.SigningPublicKey))
            return await RefuseAsync(envelope, Refusals.BadSignature, clientAddress, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.Parse(envelope.Id);
        var digest = envelope.Digest();
        var earlier = await db.FederationInbox.AsNoTracking().Where(m => m.Id == id).Select(m => m.Digest).FirstOrDefaultAsync(ct);
        if (earlier is not null)
            return earlier == digest ? await DuplicateAsync(id, envelope, node, now, ct) : await RefuseAsync(envelope, Refusals.ReplayedDifferent, clientAddress, ct);

        if (Envelope.Time(envelope.Expires) < now)
            return await RefuseAsync(envelope, Refusals.Expired, clientAddress, ct);
        if (Envelope.Time(envelope.Created) > now + options.Value.ClockSkew)
            return await RefuseAsync(envelope, Refusals.NotYetValid, clientAddress, ct);
        if (!handlers.Any(h => h.Type == envelope.Type))
            return await RefuseAsync(envelope, Refusals.UnknownType, clientAddress, ct);
        var payload = EnvelopeCrypto.Open(envelope, node.Agreement);
        if (payload is null)
            return await RefuseAsync(envelope, Refusals.BadCiphertext, clientAddress, ct);

        var correlation = Guid.Parse(envelope.Correlation);
        var applied = await db.MessageStreams.AsNoTracking()
            .Where(s => s.PeerNodeId == peer.NodeId && s.CorrelationId == correlation && s.Direction == StreamDirection.Incoming)
            .Select(s => (long?)s.Sequence).FirstOrDefaultAsync(ct) ?? 0;
        if (envelope.Sequence <= applied
            || await db.FederationInbox.AnyAsync(m => m.SenderNodeId == peer.NodeId && m.CorrelationId == correlation && m.Sequence == envelope.Sequence, ct))
            return await RefuseAsync(envelope, Refusals.SequenceReused, clientAddress, ct);
        if (envelope.Sequence > applied + options.Value.SequenceGapLimit)
            return await RefuseAsync(envelope, Refusals.SequenceGap, clientAddress, ct);

        db.FederationInbox.Add(new InboxMessage
        {
            Id = id,
            SenderNodeId = peer.NodeId,
            Type = envelope.Type,
            CorrelationId = correlation,
            Sequence = envelope.Sequence,
            CreatedAt = Envelope.Time(envelope.Created)!.Value,
            ReceivedAt = now,
            Digest = digest,
            Payload = Encoding.UTF8.GetString(payload),
            Status = InboxStatus.Waiting,
        });
        peer.LastContactAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same envelope arriving twice at once (a retry racing the first try): the other one stored it.
            db.ChangeTracker.Clear();
            var stored = await db.FederationInbox.AsNoTracking().Where(m => m.Id == id).Select(m => m.Digest).FirstOrDefaultAsync(ct);
            if (stored == digest)
                return await DuplicateAsync(id, envelope, node, now, ct);
            return await RefuseAsync(envelope, stored is null ? Refusals.SequenceReused : Refusals.ReplayedDifferent, clientAddress, ct);
        }

        await applier.ApplyReadyAsync(peer.NodeId, correlation, ct);
        return new ReceiveResult(SignReceipt(envelope, node, digest, "stored", now), null);
    }

    private async Task<ReceiveResult> DuplicateAsync(Guid id, Envelope envelope, LocalNode node, DateTime now, CancellationToken ct)
    {
        await db.FederationInbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Deliveries, m => m.Deliveries + 1), ct);
        return new ReceiveResult(SignReceipt(envelope, node, envelope.Digest(), "duplicate", now), null);
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

    private async Task<ReceiveResult> RefuseAsync(Envelope? envelope, string reason, string? clientAddress, CancellationToken ct)
    {
        log.LogWarning("Federation envelope {Id} of type {Type} claiming to be from {Sender} refused: {Reason}",
            envelope?.Id, envelope?.Type, envelope?.Sender, reason);
        db.ChangeTracker.Clear();
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
        await db.SaveChangesAsync(ct);
        return new ReceiveResult(null, reason);
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
