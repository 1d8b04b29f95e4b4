using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Cases;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;

namespace Ura.Features.Identification;

/// <summary>
/// A case submitted by its team to an identification authority of the case's country (SOP 1), and
/// the authority's decision. The authority's officers see this submission, never the whole case.
/// </summary>
public sealed class IdentificationSubmission : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }

    /// <summary>The case's organisation (the submitting one).</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The identification authority the case was submitted to.</summary>
    public Guid AuthorityId { get; set; }

    public DateTime SubmittedAt { get; set; }
    public Guid SubmittedById { get; set; }

    /// <summary>Why the worker submits the case, in their words (may describe the person, so encrypted).</summary>
    public required string Statement { get; set; }

    /// <summary>ActualVictimOfTrafficking or NotAVictimOfTrafficking once decided.</summary>
    public TraffickingStatus? Decision { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? Basis { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedById { get; set; }

    public bool IsDecided => Decision is not null;
}

/// <summary>Whether the person chose to cooperate with the authorities. It never limits assistance.</summary>
public enum Cooperation
{
    NotDecidedYet,
    Cooperates,
    DoesNotCooperate,
}

/// <summary>
/// The case's identification record: the reflection and recovery period granted at identification
/// as an actual victim, and the person's choice about cooperating with the authorities.
/// </summary>
public sealed class CaseIdentification : IOrganisationOwned
{
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }

    public DateOnly? ReflectionStartsOn { get; set; }
    public DateOnly? ReflectionEndsOn { get; set; }

    public Cooperation? Cooperation { get; set; }
    public DateOnly? CooperationOn { get; set; }
    public Guid? CooperationRecordedById { get; set; }
}

/// <summary>
/// The reflection and recovery period: it starts on the day of the decision and lasts the country's
/// number of days, so it ends that many days later. Its team is reminded before it ends and on the day.
/// </summary>
public static class ReflectionPeriod
{
    /// <summary>How many days before the end the first reminder falls due.</summary>
    public const int ReminderLeadDays = 7;

    public static DateOnly EndsOn(DateOnly startsOn, int days) => startsOn.AddDays(days);

    /// <summary>
    /// The reminder dates: <see cref="ReminderLeadDays"/> before the end (never before the start) and the end itself.
    /// A period too short for an early reminder gets just one on its last day.
    /// </summary>
    public static IReadOnlyList<DateOnly> RemindersFor(DateOnly startsOn, DateOnly endsOn)
    {
        var early = endsOn.AddDays(-ReminderLeadDays);
        if (early < startsOn)
            early = startsOn;
        return early == endsOn ? [endsOn] : [early, endsOn];
    }
}

internal sealed class IdentificationSubmissionConfiguration : IEntityTypeConfiguration<IdentificationSubmission>
{
    public void Configure(EntityTypeBuilder<IdentificationSubmission> e)
    {
        e.Property(s => s.Statement).IsEncrypted(FieldClass.FreeText);
        e.Property(s => s.Decision).HasConversion<string>().HasMaxLength(40);
        e.Property(s => s.Basis!).IsEncrypted(FieldClass.FreeText);
        e.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Platform.Identity.Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Platform.Identity.Organisation>().WithMany().HasForeignKey(s => s.AuthorityId).OnDelete(DeleteBehavior.Restrict);
        // A case's first decision that the person is a victim, which the reports count, read from the index alone.
        e.HasIndex(s => new { s.CaseId, s.Decision, s.DecidedOn });
        e.HasIndex(s => s.OrganisationId);
        // The authority's inbox, newest first.
        e.HasIndex(s => new { s.AuthorityId, s.SubmittedAt });
    }
}

internal sealed class CaseIdentificationConfiguration : IEntityTypeConfiguration<CaseIdentification>
{
    public void Configure(EntityTypeBuilder<CaseIdentification> e)
    {
        e.HasKey(i => i.CaseId);
        e.Property(i => i.Cooperation).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Case>().WithOne().HasForeignKey<CaseIdentification>(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Platform.Identity.Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(i => i.OrganisationId);
    }
}
