using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Crypto;

namespace Ura.Platform.Federation;

/// <summary>
/// This installation's identity in the federation: one row, written by <c>ura node init</c>. The two
/// private keys are wrapped with the operator's key-encryption key, like the Data Protection key ring.
/// </summary>
public sealed class NodeIdentityRecord
{
    public required string NodeId { get; set; }
    public required string CountryCode { get; set; }
    public required string Url { get; set; }

    /// <summary>ECDSA P-256 signing key: public SubjectPublicKeyInfo, private PKCS#8 wrapped by the KEK.</summary>
    public required byte[] SigningPublicKey { get; set; }
    public required byte[] SigningPrivateKey { get; set; }

    /// <summary>ECDH P-256 key agreement key, stored the same way.</summary>
    public required byte[] AgreementPublicKey { get; set; }
    public required byte[] AgreementPrivateKey { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>Another node, pinned from its node card after its fingerprint was checked.</summary>
public sealed class FederationPeer
{
    public required string NodeId { get; set; }
    public required string CountryCode { get; set; }
    public required string Url { get; set; }
    public required byte[] SigningPublicKey { get; set; }
    public required byte[] AgreementPublicKey { get; set; }
    public required string Fingerprint { get; set; }
    public DateTime AddedAt { get; set; }

    /// <summary>Last time a message from the peer was accepted or the peer acknowledged one of ours.</summary>
    public DateTime? LastContactAt { get; set; }
}

public enum OutboxStatus
{
    Pending,
    Delivered,
    Dead,
}

/// <summary>
/// A sealed envelope waiting for (or done with) delivery. Written in the same transaction as the
/// change it reports; sent by the leased dispatcher; its payload is already encrypted for the peer.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The envelope id (UUIDv7).</summary>
    public Guid Id { get; set; }
    public required string PeerNodeId { get; set; }
    public required string Type { get; set; }
    public Guid CorrelationId { get; set; }
    public long Sequence { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>The whole envelope as sent on the wire (JSON).</summary>
    public required string Envelope { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeasedUntil { get; set; }

    /// <summary>Why the last attempt failed: a refusal code from the peer or a transport error, never personal data.</summary>
    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }

    /// <summary>The peer's signed receipt (JSON), kept as proof of delivery.</summary>
    public string? Receipt { get; set; }
}

public enum InboxStatus
{
    /// <summary>Stored, waiting for its turn (an earlier message of its correlation has not arrived).</summary>
    Waiting,
    Applied,
    /// <summary>Its handler failed; it is tried again by the apply job.</summary>
    Failed,
}

/// <summary>An envelope accepted from a peer. Its decrypted payload is kept (encrypted at rest) until applied, then erased.</summary>
public sealed class InboxMessage
{
    public Guid Id { get; set; }
    public required string SenderNodeId { get; set; }
    public required string Type { get; set; }
    public Guid CorrelationId { get; set; }
    public long Sequence { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>SHA-256 (hex) of the canonical signed envelope, to tell a harmless resend from a replay with other content.</summary>
    public required string Digest { get; set; }
    public string? Payload { get; set; }
    public InboxStatus Status { get; set; }
    public DateTime? AppliedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>How many times the envelope arrived (more than one when a receipt was lost on the way back).</summary>
    public int Deliveries { get; set; } = 1;
}

public enum StreamDirection
{
    Outgoing,
    Incoming,
}

/// <summary>
/// The sequence of one correlation towards or from one peer: the last number given to an outgoing
/// message, or the last one applied of the incoming ones. Applying message n is a conditional
/// update from n-1 to n in the same transaction as its effect, so it happens exactly once.
/// </summary>
public sealed class MessageStream
{
    public required string PeerNodeId { get; set; }
    public Guid CorrelationId { get; set; }
    public StreamDirection Direction { get; set; }
    public long Sequence { get; set; }
}

/// <summary>An envelope this node refused, with the reason code. No payload, no personal data.</summary>
public sealed class FederationRefusal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTime At { get; set; }

    /// <summary>The sender the envelope claimed (may be unknown or forged).</summary>
    public string? ClaimedSender { get; set; }
    public Guid? EnvelopeId { get; set; }
    public string? Type { get; set; }
    public required string Reason { get; set; }
    public string? ClientAddress { get; set; }
}

internal sealed class FederationConfiguration :
    IEntityTypeConfiguration<NodeIdentityRecord>, IEntityTypeConfiguration<FederationPeer>,
    IEntityTypeConfiguration<OutboxMessage>, IEntityTypeConfiguration<InboxMessage>,
    IEntityTypeConfiguration<MessageStream>, IEntityTypeConfiguration<FederationRefusal>
{
    public void Configure(EntityTypeBuilder<NodeIdentityRecord> e)
    {
        e.ToTable("NodeIdentity");
        e.HasKey(n => n.NodeId);
        e.Property(n => n.NodeId).HasMaxLength(20);
        e.Property(n => n.CountryCode).HasMaxLength(2);
        e.Property(n => n.Url).HasMaxLength(300);
    }

    public void Configure(EntityTypeBuilder<FederationPeer> e)
    {
        e.HasKey(p => p.NodeId);
        e.Property(p => p.NodeId).HasMaxLength(20);
        e.Property(p => p.CountryCode).HasMaxLength(2);
        e.Property(p => p.Url).HasMaxLength(300);
        e.Property(p => p.Fingerprint).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("FederationOutbox");
        e.Property(o => o.PeerNodeId).HasMaxLength(20);
        e.Property(o => o.Type).HasMaxLength(60);
        e.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(o => o.LeaseOwner).HasMaxLength(100);
        e.Property(o => o.LastError).HasMaxLength(300);
        e.HasIndex(o => new { o.Status, o.NextAttemptAt });
        e.HasIndex(o => new { o.PeerNodeId, o.Status });
        e.HasIndex(o => new { o.PeerNodeId, o.CorrelationId, o.Sequence }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<InboxMessage> e)
    {
        e.ToTable("FederationInbox");
        e.Property(i => i.SenderNodeId).HasMaxLength(20);
        e.Property(i => i.Type).HasMaxLength(60);
        e.Property(i => i.Digest).HasMaxLength(64);
        e.Property(i => i.Payload!).IsEncrypted(FieldClass.FreeText);
        e.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(i => i.LastError).HasMaxLength(300);
        e.HasIndex(i => new { i.SenderNodeId, i.CorrelationId, i.Sequence }).IsUnique();
        e.HasIndex(i => new { i.Status, i.ReceivedAt });
    }

    public void Configure(EntityTypeBuilder<MessageStream> e)
    {
        e.HasKey(s => new { s.PeerNodeId, s.CorrelationId, s.Direction });
        e.Property(s => s.PeerNodeId).HasMaxLength(20);
        e.Property(s => s.Direction).HasConversion<string>().HasMaxLength(10);
        e.Property(s => s.Sequence).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<FederationRefusal> e)
    {
        e.Property(r => r.ClaimedSender).HasMaxLength(20);
        e.Property(r => r.Type).HasMaxLength(60);
        e.Property(r => r.Reason).HasMaxLength(40);
        e.Property(r => r.ClientAddress).HasMaxLength(60);
        e.HasIndex(r => r.At);
    }
}
