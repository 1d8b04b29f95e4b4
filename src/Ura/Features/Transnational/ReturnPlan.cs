using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;

namespace Ura.Features.Transnational;

/// <summary>Where a voluntary return stands. Every change after confirmation puts it back to <see cref="Proposed"/>.</summary>
public enum ReturnStatus
{
    Draft,
    Proposed,
    Confirmed,
    Declined,
    HandedOver,
}

/// <summary>The return risk assessment's judgement of safety at the destination.</summary>
public enum ReturnRisk
{
    Low,
    Medium,
    High,
}

public enum TravelMode
{
    Air,
    Land,
}

/// <summary>Who travels with the person.</summary>
public enum ReturnEscort
{
    None,
    CaseWorker,
    SocialWorker,
    Police,
    FamilyMember,
    Other,
}

public enum TravelDocumentStatus
{
    Valid,
    Requested,
    Issued,
    Missing,
}

/// <summary>The return assistance package of TRM SOP 4, one row per service.</summary>
public enum ReturnAssistanceType
{
    AirTransport,
    DomesticTransport,
    ReturnPackage,
    FamilyContactOrTracing,
    ReintegrationGrant,
    TranslationAndInterpretation,
    VocationalTraining,
}

/// <summary>How the person is doing at a follow-up after return.</summary>
public enum ReturnSituation
{
    Stable,
    NeedsSupport,
    AtRisk,
    ContactLost,
}

/// <summary>
/// The voluntary return plan of one transnational referral (SOP 4), one per referral on each node:
/// the sending node writes it on its case and proposes it; the receiving node keeps the copy it
/// received, confirms or declines it, records the handover and files the follow-up reports.
/// Codes stay in clear for statistics; what describes the person's life is encrypted.
/// </summary>
public sealed class ReturnPlan : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TransnationalReferralId { get; set; }
    public TransnationalSide Side { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary>The case on this node: the sending case, or the receiver's linked case once there is one.</summary>
    public Guid? CaseId { get; set; }

    public ReturnStatus Status { get; set; }

    /// <summary>Which proposal the receiving side answers: raised by every proposal and update, so a confirmation of an older one is ignored.</summary>
    public int Revision { get; set; }

    public bool InformedDecision { get; set; }
    public DateOnly? DecisionOn { get; set; }
    public string? DecisionNote { get; set; }
    public ReturnRisk SafetyRisk { get; set; }
    public string? SafetyNote { get; set; }
    public string? FamilySituation { get; set; }
    public string? Route { get; set; }
    public TravelMode TravelMode { get; set; }
    public DateOnly DepartureOn { get; set; }
    public DateOnly? ArrivalOn { get; set; }
    public ReturnEscort Escort { get; set; }
    public string? EscortDetails { get; set; }
    public TravelDocumentStatus TravelDocuments { get; set; }

    public List<ReturnAssistance> Assistance { get; set; } = [];

    public DateTime? ProposedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DeclineReason { get; set; }

    public DateOnly? HandedOverOn { get; set; }
    public string? HandoverPlace { get; set; }
    public string? ReceivedBy { get; set; }
    public DateTime? HandedOverAt { get; set; }

    /// <summary>On the receiving node: when the person's consent was withdrawn and what was received was erased.</summary>
    public DateTime? PurgedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<ReturnFollowUp> FollowUps { get; set; } = [];
}

/// <summary>One service of the return assistance package; the amount and currency are kept in clear for the reports.</summary>
public sealed class ReturnAssistance : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReturnPlanId { get; set; }
    public Guid OrganisationId { get; set; }
    public ReturnAssistanceType Type { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A follow-up after return, due a number of months after the handover. On the receiving node it is
/// the scheduled report with its case task; on the sending node the report as it arrived.
/// </summary>
public sealed class ReturnFollowUp : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReturnPlanId { get; set; }
    public Guid OrganisationId { get; set; }
    public int Month { get; set; }
    public DateOnly DueOn { get; set; }

    /// <summary>The receiving side's task reminding the worker of this report.</summary>
    public Guid? TaskId { get; set; }

    public DateOnly? ReportedOn { get; set; }
    public ReturnSituation? Situation { get; set; }
    public string? Summary { get; set; }
    public DateTime? RecordedAt { get; set; }
    public Guid? RecordedById { get; set; }

    /// <summary>Receiving side: when the report left for the sender; null with <see cref="NotSentReason"/> when consent did not allow it.</summary>
    public DateTime? SentAt { get; set; }
    public string? NotSentReason { get; set; }

    /// <summary>Sending side: when the report arrived.</summary>
    public DateTime? ReceivedAt { get; set; }
}

internal sealed class ReturnPlanConfiguration : IEntityTypeConfiguration<ReturnPlan>
{
    public void Configure(EntityTypeBuilder<ReturnPlan> e)
    {
        e.Property(p => p.Side).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.DecisionNote!).IsEncrypted(FieldClass.FreeText);
        e.Property(p => p.SafetyRisk).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.SafetyNote!).IsEncrypted(FieldClass.FreeText);
        e.Property(p => p.FamilySituation!).IsEncrypted(FieldClass.FreeText);
        e.Property(p => p.Route!).IsEncrypted(FieldClass.FreeText);
        e.Property(p => p.TravelMode).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Escort).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.EscortDetails!).IsEncrypted(FieldClass.FreeText);
        e.Property(p => p.TravelDocuments).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.DeclineReason!).IsEncrypted(FieldClass.FreeText);
        e.Property(p => p.HandoverPlace!).IsEncrypted(FieldClass.Address);
        e.Property(p => p.ReceivedBy!).IsEncrypted(FieldClass.StaffName);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<TransnationalReferral>().WithMany().HasForeignKey(p => p.TransnationalReferralId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Cases.Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(p => p.Assistance).WithOne().HasForeignKey(a => a.ReturnPlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.FollowUps).WithOne().HasForeignKey(f => f.ReturnPlanId).OnDelete(DeleteBehavior.Cascade);
        // One plan per referral on each node.
        e.HasIndex(p => p.TransnationalReferralId).IsUnique();
        e.HasIndex(p => p.CaseId);
        e.HasIndex(p => new { p.OrganisationId, p.Side, p.Status });
    }
}

internal sealed class ReturnAssistanceConfiguration : IEntityTypeConfiguration<ReturnAssistance>
{
    public void Configure(EntityTypeBuilder<ReturnAssistance> e)
    {
        e.Property(a => a.Type).HasConversion<string>().HasMaxLength(40);
        e.Property(a => a.Amount).HasPrecision(14, 2);
        e.Property(a => a.Currency).HasMaxLength(3);
        e.Property(a => a.Note!).IsEncrypted(FieldClass.FreeText);
        e.HasIndex(a => new { a.ReturnPlanId, a.Type }).IsUnique();
    }
}

internal sealed class ReturnFollowUpConfiguration : IEntityTypeConfiguration<ReturnFollowUp>
{
    public void Configure(EntityTypeBuilder<ReturnFollowUp> e)
    {
        e.Property(f => f.Situation).HasConversion<string>().HasMaxLength(20);
        e.Property(f => f.Summary!).IsEncrypted(FieldClass.FreeText);
        e.Property(f => f.NotSentReason).HasMaxLength(100);
        e.HasOne<Cases.CaseTask>().WithMany().HasForeignKey(f => f.TaskId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(f => new { f.ReturnPlanId, f.Month }).IsUnique();
        e.HasIndex(f => f.TaskId);
    }
}
