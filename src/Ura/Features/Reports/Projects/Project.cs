using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Identity;

namespace Ura.Features.Reports.Projects;

/// <summary>
/// A funded project in one country: the organisations that carry it out, who funds it, its period and
/// the indicators it reports on, each with a target. Indicator reports scoped to a project count the
/// work of its organisations within its period and compare it with the targets.
/// </summary>
public sealed class Project
{
    public const int MaxName = 200;
    public const int MaxFunders = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The country whose national coordinators keep the project; its organisations are all of that country.</summary>
    public required string CountryCode { get; set; }

    public required string Name { get; set; }

    /// <summary>Who funds the project, as written (for example "Sida" or a donor's office); may name several.</summary>
    public string? Funders { get; set; }

    /// <summary>First day of the project period.</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>Last day of the project period (inclusive).</summary>
    public DateOnly EndsOn { get; set; }

    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ModifiedAt { get; set; }

    public List<ProjectOrganisation> Organisations { get; set; } = [];
    public List<ProjectTarget> Targets { get; set; } = [];
}

/// <summary>An organisation taking part in a project; its analysts and supervisors may read the project.</summary>
public sealed class ProjectOrganisation
{
    public Guid ProjectId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
}

/// <summary>An indicator the project reports on (a key of the indicator catalogue) and the figure it aims to reach in its period.</summary>
public sealed class ProjectTarget
{
    public const decimal MaxTarget = 999_999_999m;

    public Guid ProjectId { get; set; }
    public required string IndicatorKey { get; set; }
    public decimal Target { get; set; }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> e)
    {
        e.ToTable("Projects");
        e.Property(p => p.CountryCode).HasMaxLength(2);
        e.Property(p => p.Name).HasMaxLength(Project.MaxName);
        e.Property(p => p.Funders).HasMaxLength(Project.MaxFunders);
        e.HasOne<Country>().WithMany().HasForeignKey(p => p.CountryCode).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(p => p.Organisations).WithOne().HasForeignKey(o => o.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.Targets).WithOne().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(p => new { p.CountryCode, p.Name }).IsUnique();
    }
}

internal sealed class ProjectOrganisationConfiguration : IEntityTypeConfiguration<ProjectOrganisation>
{
    public void Configure(EntityTypeBuilder<ProjectOrganisation> e)
    {
        e.ToTable("ProjectOrganisations");
        e.HasKey(o => new { o.ProjectId, o.OrganisationId });
        e.HasOne(o => o.Organisation).WithMany().HasForeignKey(o => o.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(o => o.OrganisationId);
    }
}

internal sealed class ProjectTargetConfiguration : IEntityTypeConfiguration<ProjectTarget>
{
    public void Configure(EntityTypeBuilder<ProjectTarget> e)
    {
        e.ToTable("ProjectTargets");
        e.HasKey(t => new { t.ProjectId, t.IndicatorKey });
        e.Property(t => t.IndicatorKey).HasMaxLength(64);
        e.Property(t => t.Target).HasPrecision(14, 2);
    }
}
