using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Ura.Platform.Data;

namespace Ura.Platform.Federation;

/// <summary>
/// Puts a message for a peer into the outbox, in the caller's unit of work: it is committed by the
/// caller's <c>SaveChangesAsync</c> together with the change it reports, or not at all.
/// </summary>
public sealed class FederationSender(UraDbContext db, NodeIdentity identity, IOptions<FederationOptions> options, TimeProvider clock, DispatchSignal signal)
{
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private bool signalOnSave;

    /// <summary>
    /// Seals <paramref name="payload"/> for <paramref name="peerNodeId"/> as the next message of
    /// <paramref name="correlationId"/>. Throws when this node has no identity or the peer is not pinned:
    /// callers offer federation only when both exist.
    /// </summary>
    public async Task<OutboxMessage> SendAsync(string peerNodeId, string type, Guid correlationId, object payload, CancellationToken ct)
    {
        var node = await identity.LoadAsync(ct) ?? throw new InvalidOperationException("This node has no federation identity (ura node init).");
        var peer = await db.FederationPeers.FindAsync([peerNodeId], ct) ?? throw new InvalidOperationException($"Peer '{peerNodeId}' is not pinned.");

        var stream = await db.MessageStreams.FindAsync([peerNodeId, correlationId, StreamDirection.Outgoing], ct);
        if (stream is null)
        {
            stream = new MessageStream { PeerNodeId = peerNodeId, CorrelationId = correlationId, Direction = StreamDirection.Outgoing };
            db.MessageStreams.Add(stream);
        }
        // A concurrency token: two transactions numbering the same correlation at once cannot both commit.
        stream.Sequence++;

        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var expires = now + options.Value.MessageLifetime;
        var header = new Envelope
        {
            Id = Guid.CreateVersion7(now).ToString(),
            Sender = node.NodeId,
            Recipient = peer.NodeId,
            Type = type,
            Created = Envelope.Time(now),
            Expires = Envelope.Time(expires),
            Correlation = correlationId.ToString(),
            Sequence = stream.Sequence,
            Epk = "",
        };
        var envelope = EnvelopeCrypto.Seal(header, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload, PayloadJson)), peer.AgreementPublicKey, node.Signer);
        var message = new OutboxMessage
        {
            Id = Guid.Parse(envelope.Id),
            PeerNodeId = peer.NodeId,
            Type = type,
            CorrelationId = correlationId,
            Sequence = stream.Sequence,
            CreatedAt = now,
            ExpiresAt = expires,
            Envelope = envelope.ToJson(),
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
        };
        db.FederationOutbox.Add(message);
        if (!signalOnSave)
        {
            signalOnSave = true;
            db.SavedChanges += (_, _) => signal.Wake();
        }
        return message;
    }
}

/// <summary>Wakes this process's dispatcher as soon as a message is committed, instead of at its next round.</summary>
public sealed class DispatchSignal
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: one round sends everything due.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => wake.WaitAsync(timeout, ct);
}
