using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;

namespace Ura.Features.Referrals;

/// <summary>
/// A referral of a person from one organisation's case to another organisation's service. The
/// receiving organisation sees only <see cref="SharedData"/>, a copy of the fields the sender chose
/// to share, taken when it was sent; it never reaches the sender's case.
/// </summary>
public sealed class Referral : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The sending organisation and its case.</summary>
    public Guid OrganisationId { get; set; }
    public Guid CaseId { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    public Guid ServiceId { get; set; }
    public Guid ReceivingOrganisationId { get; set; }

    /// <summary>The service category asked for (a taxonomy code), when the service offers several.</summary>
    public string? CategoryCode { get; set; }

    public ReferralUrgency Urgency { get; set; }
    public ReferralStatus Status { get; set; } = ReferralStatus.Draft;

    /// <summary>Why the person is referred, and the message to the receiver (encrypted).</summary>
    public string? Reason { get; set; }
    public string? Message { get; set; }

    /// <summary>The <see cref="SharedField"/> names chosen, comma separated.</summary>
    public string SharedFields { get; set; } = "";

    /// <summary>JSON of the shared values, copied at sending (encrypted); erased when consent is withdrawn.</summary>
    public string? SharedData { get; set; }

    /// <summary>The consent that covered the referral when it was sent, or the supervisor's override.</summary>
    public Guid? ConsentId { get; set; }
    public Guid? OverrideById { get; set; }
    public string? OverrideReason { get; set; }

    public DateTime? SentAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedById { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedById { get; set; }
    public DeclineReason? DeclineReason { get; set; }
    public string? DeclineNote { get; set; }
    public DateTime? CompletedAt { get; set; }
    public bool? Successful { get; set; }
    public string? OutcomeNote { get; set; }

    /// <summary>Case service types given (<see cref="Ura.Features.Cases.ServiceType"/> names, comma separated).</summary>
    public string ServicesGiven { get; set; } = "";
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawReason { get; set; }

    /// <summary>When the receiver must acknowledge, then decide, by (set at sending from the urgency).</summary>
    public DateTime? AcknowledgeBy { get; set; }
    public DateTime? DecideBy { get; set; }

    /// <summary>When the last overdue reminder went out, so each deadline reminds once.</summary>
    public DateTime? RemindedAt { get; set; }

    /// <summary>The receiving organisation's own case opened from this referral.</summary>
    public Guid? ReceivingCaseId { get; set; }

    /// <summary>Set when the person withdrew the consent that covered the referral; the shared data is gone.</summary>
    public DateTime? ConsentWithdrawnAt { get; set; }

    /// <summary>Concurrency token: two people acting on one referral at once cannot both win.</summary>
    public int Version { get; set; }

    public IEnumerable<string> SharedFieldList => SharedFields.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ReferralUrgency>))]
public enum ReferralUrgency
{
    Emergency,
    Urgent,
    Routine,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ReferralStatus>))]
public enum ReferralStatus
{
    Draft,
    Sent,
    Acknowledged,
    Accepted,
    Declined,
    Completed,
    Withdrawn,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DeclineReason>))]
public enum DeclineReason
{
    NoCapacity,
    NotEligible,
    ServiceNotOffered,
    PersonNotReachable,
    PersonRefused,
    Other,
}

/// <summary>What a sender may share. The first seven are the minimal default; the rest only by choice.</summary>
public enum SharedField
{
    Reference,
    FirstName,
    AgeBand,
    Gender,
    Languages,
    Needs,
    RiskLevel,
    FamilyName,
    BirthDate,
    Citizenships,
    Phone,
    TraffickingStatus,
    ExploitationTypes,
}

/// <summary>One step in a referral's life, for its history on both sides.</summary>
public sealed class ReferralEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReferralId { get; set; }
    public ReferralAction Action { get; set; }
    public ReferralStatus Status { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }

    /// <summary>The organisation of whoever acted (sender or receiver); null for the system.</summary>
    public Guid? OrganisationId { get; set; }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> e)
    {
        e.Property(r => r.CategoryCode).HasMaxLength(60);
        e.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Reason!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.Message!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.SharedFields).HasMaxLength(300);
        e.Property(r => r.SharedData!).IsEncrypted(FieldClass.PersonName);
        e.Property(r => r.OverrideReason!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.DeclineReason).HasConversion<string>().HasMaxLength(30);
        e.Property(r => r.DeclineNote!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.OutcomeNote!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.ServicesGiven).HasMaxLength(300);
        e.Property(r => r.WithdrawReason!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasOne<Cases.Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Directory.Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.CaseId, r.CreatedAt });
        e.HasIndex(r => new { r.ReceivingOrganisationId, r.Status, r.SentAt });
        // The whole inbox, newest first, across statuses (migration 0015).
        e.HasIndex(r => new { r.ReceivingOrganisationId, r.SentAt });
        e.HasIndex(r => new { r.OrganisationId, r.Status, r.SentAt });
        e.HasIndex(r => new { r.Status, r.DecideBy });
        e.HasIndex(r => r.ServiceId);
    }
}

internal sealed class ReferralEventConfiguration : IEntityTypeConfiguration<ReferralEvent>
{
    public void Configure(EntityTypeBuilder<ReferralEvent> e)
    {
        e.Property(x => x.Action).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ReferralId, x.At });
    }
}
