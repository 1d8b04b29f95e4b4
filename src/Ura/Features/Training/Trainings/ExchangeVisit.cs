using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Identity;

namespace Ura.Features.Training.Trainings;

/// <summary>
/// Staff of one or more organisations visiting a host organisation (often across a border) to learn
/// how it works. Recorded by the organisation of the outreach officer who writes it down; the
/// countries are those of the directory's organisations.
/// </summary>
public sealed class ExchangeVisit : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The recording organisation, which may change it; not necessarily the host.</summary>
    public Guid OrganisationId { get; set; }

    public Guid HostOrganisationId { get; set; }

    /// <summary>The host organisation's country, copied so coordinators' lists filter without a join.</summary>
    public required string HostCountryCode { get; set; }

    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    /// <summary>Free text, encrypted: may mention people.</summary>
    public required string Purpose { get; set; }
    public string? Outcomes { get; set; }

    public int Female { get; set; }
    public int Male { get; set; }
    public int OtherOrUnknown { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<ExchangeVisitor> Visitors { get; set; } = [];

    public int Participants => Female + Male + OtherOrUnknown;
}

/// <summary>A visiting organisation, with its country copied for the same reason as the host's.</summary>
public sealed class ExchangeVisitor
{
    public Guid VisitId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string CountryCode { get; set; }
}

internal sealed class ExchangeVisitConfiguration : IEntityTypeConfiguration<ExchangeVisit>
{
    public void Configure(EntityTypeBuilder<ExchangeVisit> e)
    {
        e.ToTable("ExchangeVisits");
        e.Property(v => v.HostCountryCode).HasMaxLength(2);
        e.Property(v => v.Purpose).IsEncrypted(FieldClass.FreeText);
        e.Property(v => v.Outcomes!).IsEncrypted(FieldClass.FreeText);
        e.Ignore(v => v.Participants);
        e.HasOne<Organisation>().WithMany().HasForeignKey(v => v.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation>().WithMany().HasForeignKey(v => v.HostOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(v => v.Visitors).WithOne().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.OrganisationId, v.StartsOn });
        e.HasIndex(v => new { v.HostCountryCode, v.StartsOn });
        e.HasIndex(v => v.HostOrganisationId);
    }
}

internal sealed class ExchangeVisitorConfiguration : IEntityTypeConfiguration<ExchangeVisitor>
{
    public void Configure(EntityTypeBuilder<ExchangeVisitor> e)
    {
        e.ToTable("ExchangeVisitors");
        e.HasKey(x => new { x.VisitId, x.OrganisationId });
        e.Property(x => x.CountryCode).HasMaxLength(2);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.OrganisationId);
        e.HasIndex(x => x.CountryCode);
    }
}
