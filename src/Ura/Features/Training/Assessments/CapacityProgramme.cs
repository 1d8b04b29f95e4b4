using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Identity;

namespace Ura.Features.Training.Assessments;

/// <summary>
/// A capacity-building programme of one organisation (usually the outreach or programme team) in one
/// country: over a period it assesses the country's service providers, aiming at a target number
/// (nine by default), and repeats the assessments to show progress.
/// </summary>
public sealed class CapacityProgramme : IOrganisationOwned
{
    public const int DefaultTarget = 9;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The organisation running the programme; only its outreach officers record assessments.</summary>
    public Guid OrganisationId { get; set; }
    public required string CountryCode { get; set; }
    public required string Name { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public int TargetProviders { get; set; } = DefaultTarget;
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<CapacityAssessment> Assessments { get; set; } = [];
}

/// <summary>One assessment of a provider organisation within a programme: who assessed, when, and a score for every criterion.</summary>
public sealed class CapacityAssessment : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProgrammeId { get; set; }
    public CapacityProgramme? Programme { get; set; }

    /// <summary>The programme's organisation (the owner), copied so every row scopes the same way.</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The service provider assessed: an organisation of the programme's country.</summary>
    public Guid ProviderId { get; set; }
    public Organisation? Provider { get; set; }

    public DateOnly AssessedOn { get; set; }

    /// <summary>Names of the assessors, as typed.</summary>
    public required string Assessors { get; set; }

    /// <summary>The framework the scores belong to (its key).</summary>
    public required string Framework { get; set; }
    public Guid RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }

    public List<CapacityScore> Scores { get; set; } = [];
}

/// <summary>The score of one criterion of the framework, with the evidence seen.</summary>
public sealed class CapacityScore : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AssessmentId { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary>A criterion key of the framework; its dimension is looked up there.</summary>
    public required string Criterion { get; set; }
    public int Score { get; set; }
    public string? Evidence { get; set; }
}

internal sealed class CapacityProgrammeConfiguration : IEntityTypeConfiguration<CapacityProgramme>
{
    public void Configure(EntityTypeBuilder<CapacityProgramme> e)
    {
        e.ToTable("CapacityProgrammes");
        e.Property(p => p.CountryCode).HasMaxLength(2);
        e.Property(p => p.Name).HasMaxLength(200);
        e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.OrganisationId, p.StartsOn });
        e.HasIndex(p => new { p.CountryCode, p.StartsOn });
    }
}

internal sealed class CapacityAssessmentConfiguration : IEntityTypeConfiguration<CapacityAssessment>
{
    public void Configure(EntityTypeBuilder<CapacityAssessment> e)
    {
        e.ToTable("CapacityAssessments");
        e.Property(a => a.Assessors).IsEncrypted(FieldClass.StaffName);
        e.Property(a => a.Framework).HasMaxLength(64);
        e.HasOne(a => a.Programme).WithMany(p => p.Assessments).HasForeignKey(a => a.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(a => a.Provider).WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(a => a.Scores).WithOne().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.ProgrammeId, a.ProviderId, a.AssessedOn });
        e.HasIndex(a => a.ProviderId);
    }
}

internal sealed class CapacityScoreConfiguration : IEntityTypeConfiguration<CapacityScore>
{
    public void Configure(EntityTypeBuilder<CapacityScore> e)
    {
        e.ToTable("CapacityScores");
        e.Property(s => s.Criterion).HasMaxLength(40);
        e.Property(s => s.Evidence!).IsEncrypted(FieldClass.FreeText);
        e.HasIndex(s => new { s.AssessmentId, s.Criterion }).IsUnique();
    }
}
