using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;

namespace Ura.Features.Cases;

/// <summary>
/// A case: one person's file at one organisation, with its HTCDS status, the SOP stage it is in and
/// the person's trafficking status. The content (consent, plans, notes...) hangs off the case id.
/// </summary>
public sealed class Case : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }

    /// <summary>Human reference such as AL-2026-000123.</summary>
    public required string Reference { get; set; }
    public DateTime OpenedAt { get; set; }

    public CaseStatus Status { get; set; } = CaseStatus.Active;
    public CaseStage Stage { get; set; } = CaseStage.Identification;
    public TraffickingStatus TraffickingStatus { get; set; } = TraffickingStatus.PossibleVictimOfTrafficking;

    /// <summary>The supervisor responsible for the case (any supervisor of the organisation may read it).</summary>
    public Guid? SupervisorId { get; set; }

    /// <summary>Set by the worker's closure request, cleared when approved, refused or reopened.</summary>
    public ClosureReason? ClosureReason { get; set; }
    public DateTime? ClosureRequestedAt { get; set; }
    public Guid? ClosureRequestedById { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>Last time anything on the case changed; lists sort by it.</summary>
    public DateTime UpdatedAt { get; set; }

    public bool IsClosed => Status is CaseStatus.Closed or CaseStatus.ClosedReferred;

    /// <summary>The person the case is about (the person row points here: one person, one case).</summary>
    public Person? Person { get; set; }

    public List<CaseTeamMember> Team { get; set; } = [];
}

/// <summary>HTCDS 2.0 <c>cas_Status</c>.</summary>
public enum CaseStatus
{
    Active,
    FollowUp,
    Closed,
    ClosedReferred,
}

/// <summary>The stages of the Western Balkans TRM standard operating procedures.</summary>
public enum CaseStage
{
    Identification,
    FirstAssistanceAndProtection,
    LongTermAssistanceAndSocialInclusion,
    Return,
    CriminalAndCivilProceedings,
}

/// <summary>HTCDS 2.0 <c>vic_TraffickingStatus</c>.</summary>
public enum TraffickingStatus
{
    PossibleVictimOfTrafficking,
    ActualVictimOfTrafficking,
    NotAVictimOfTrafficking,
}

/// <summary>
/// Why a case closed. HTCDS 2.0 keeps <c>cas_ReasonForCaseClosure</c> as free text; Ura records a
/// reason from this list so reports can count them (a referral closes as <c>ClosedReferred</c>).
/// </summary>
public enum ClosureReason
{
    AssistanceCompleted,
    ReferredToAnotherOrganisation,
    PersonDeclinedFurtherAssistance,
    ContactLost,
    NotAVictimOfTrafficking,
    PersonDeceased,
    Other,
}

/// <summary>A case worker assigned to a case. Supervisors of the owning organisation need no assignment.</summary>
public sealed class CaseTeamMember
{
    public Guid CaseId { get; set; }
    public Guid UserId { get; set; }
    public DateTime AssignedAt { get; set; }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> e)
    {
        e.Property(c => c.Reference).HasMaxLength(20);
        e.HasIndex(c => c.Reference).IsUnique();
        // The defaults fill cases opened before these columns existed (migration CaseManagement).
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20).HasDefaultValue(CaseStatus.Active);
        e.Property(c => c.Stage).HasConversion<string>().HasMaxLength(40).HasDefaultValue(CaseStage.Identification);
        e.Property(c => c.TraffickingStatus).HasConversion<string>().HasMaxLength(40).HasDefaultValue(TraffickingStatus.PossibleVictimOfTrafficking);
        e.Property(c => c.UpdatedAt).HasDefaultValue(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        e.Property(c => c.ClosureReason).HasConversion<string>().HasMaxLength(40);
        e.HasIndex(c => new { c.OrganisationId, c.UpdatedAt });
        // No foreign key: SQLite cannot add one to an existing table; assignment checks the supervisor.
        e.HasIndex(c => c.SupervisorId);
        e.HasOne<Platform.Identity.Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(c => c.Person).WithOne().HasForeignKey<Person>(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(c => c.Team).WithOne().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseTeamMemberConfiguration : IEntityTypeConfiguration<CaseTeamMember>
{
    public void Configure(EntityTypeBuilder<CaseTeamMember> e)
    {
        e.HasKey(m => new { m.CaseId, m.UserId });
        e.HasIndex(m => m.UserId);
        e.HasOne<Platform.Identity.User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
