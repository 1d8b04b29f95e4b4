using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Referrals;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;

namespace Ura.Features.Transnational;

/// <summary>Which side of a transnational referral this node is.</summary>
public enum TransnationalSide
{
    /// <summary>This node's organisation referred the person abroad.</summary>
    Sending,
    /// <summary>A peer referred the person to an organisation here.</summary>
    Receiving,
}

/// <summary>
/// A referral of a person from a case on one node to an organisation on a peer node (TRM SOP 4).
/// Each node keeps its own row with the same <see cref="Id"/>, which is also the federation
/// correlation id: every later message about the person between the two nodes (decision, return
/// plan, handover, follow-up reports, consent withdrawal) travels on it, in order.
/// </summary>
public sealed class TransnationalReferral : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public TransnationalSide Side { get; set; }
    public string PeerNodeId { get; set; } = "";

    /// <summary>
    /// This node's organisation: the sender on the sending side; on the receiving side the receiving
    /// organisation (or, while it waits at the focal point, the national coordinator's office).
    /// </summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The case on this node: the sender's case, or the receiver's own case once opened.</summary>
    public Guid? CaseId { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The organisation and service on the other node (as published in its directory), by id and name.</summary>
    public Guid RemoteOrganisationId { get; set; }
    public string RemoteOrganisationName { get; set; } = "";
    public Guid? RemoteServiceId { get; set; }
    public string? RemoteServiceName { get; set; }

    /// <summary>On the receiving side: the service here the person was referred to.</summary>
    public Guid? ServiceId { get; set; }
    public string? CategoryCode { get; set; }

    public ReferralUrgency Urgency { get; set; }
    public ReferralStatus Status { get; set; } = ReferralStatus.Draft;

    /// <summary>True while a received referral waits for the national coordinator's focal point to forward or decline it.</summary>
    public bool AtFocalPoint { get; set; }
    public DateTime? ForwardedAt { get; set; }
    public Guid? ForwardedById { get; set; }

    public string? Reason { get; set; }
    public string? Message { get; set; }
    public string SharedFields { get; set; } = "";

    /// <summary>JSON of the shared values (encrypted); erased when consent is withdrawn.</summary>
    public string? SharedData { get; set; }

    /// <summary>The cross-border consent that covered sending (sending side).</summary>
    public Guid? ConsentId { get; set; }

    public DateTime? SentAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DeclineReason? DeclineReason { get; set; }
    public string? DeclineNote { get; set; }
    public DateTime? CompletedAt { get; set; }
    public bool? Successful { get; set; }
    public string? OutcomeNote { get; set; }
    public string ServicesGiven { get; set; } = "";
    public DateTime? WithdrawnAt { get; set; }

    /// <summary>Consent withdrawn: on the sending side when the person withdrew it, on the receiving side when the purge request arrived.</summary>
    public DateTime? ConsentWithdrawnAt { get; set; }

    /// <summary>When the receiving node erased the shared data (on the sending side: as its signed confirmation says).</summary>
    public DateTime? PurgedAt { get; set; }

    public int Version { get; set; }
}

internal sealed class TransnationalReferralConfiguration : IEntityTypeConfiguration<TransnationalReferral>
{
    public void Configure(EntityTypeBuilder<TransnationalReferral> e)
    {
        e.Property(r => r.Side).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.PeerNodeId).HasMaxLength(20);
        e.Property(r => r.RemoteOrganisationName).HasMaxLength(300);
        e.Property(r => r.RemoteServiceName).HasMaxLength(300);
        e.Property(r => r.CategoryCode).HasMaxLength(60);
        e.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Reason!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.Message!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.SharedFields).HasMaxLength(300);
        e.Property(r => r.SharedData!).IsEncrypted(FieldClass.PersonName);
        e.Property(r => r.DeclineReason).HasConversion<string>().HasMaxLength(30);
        e.Property(r => r.DeclineNote!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.OutcomeNote!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.ServicesGiven).HasMaxLength(300);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasOne<Cases.Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.CaseId, r.CreatedAt });
        e.HasIndex(r => new { r.OrganisationId, r.Side, r.SentAt });
    }
}
