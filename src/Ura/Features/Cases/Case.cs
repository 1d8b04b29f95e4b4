using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;

namespace Ura.Features.Cases;

/// <summary>
/// A case: one person's file at one organisation. The foundation holds only what authorization
/// needs (owner and team); the case-management issue adds the person, status and content.
/// </summary>
public sealed class Case : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }

    /// <summary>Human reference such as AL-2026-000123.</summary>
    public required string Reference { get; set; }
    public DateTime OpenedAt { get; set; }

    /// <summary>The person the case is about (the person row points here: one person, one case).</summary>
    public Person? Person { get; set; }

    public List<CaseTeamMember> Team { get; set; } = [];
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
        e.HasIndex(c => c.OrganisationId);
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
