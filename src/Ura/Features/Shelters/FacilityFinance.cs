using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;

namespace Ura.Features.Shelters;

// A facility's financial sustainability plan for a year: what it budgets per cost line, what it
// actually spent each month, and who pays (committed and expected). Amounts are in the facility's
// currency. None of it is personal data.

/// <summary>The yearly budget of one cost line.</summary>
public sealed class BudgetLine : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public Guid OrganisationId { get; set; }
    public int Year { get; set; }
    public CostCategory Category { get; set; }
    public decimal Amount { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>What was actually spent on one cost line in one month.</summary>
public sealed class MonthlyCost : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public Guid OrganisationId { get; set; }
    public int Year { get; set; }

    /// <summary>1 to 12.</summary>
    public int Month { get; set; }
    public CostCategory Category { get; set; }
    public decimal Amount { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Who funds the facility in a year, with the amount promised in writing and the amount hoped for.</summary>
public sealed class FundingSource : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public Guid OrganisationId { get; set; }
    public int Year { get; set; }
    public FundingKind Kind { get; set; }

    /// <summary>The funder's name (a ministry, a donor such as a foreign development agency, a company).</summary>
    public required string Name { get; set; }
    public decimal Committed { get; set; }
    public decimal Expected { get; set; }
    public DateTime UpdatedAt { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CostCategory>))]
public enum CostCategory
{
    Staff,
    Rent,
    Food,
    Utilities,
    Services,
    Other,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FundingKind>))]
public enum FundingKind
{
    Government,
    Donor,
    PrivateSector,
    OwnIncome,
}

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> e)
    {
        e.ToTable("ShelterBudgetLines");
        e.Property(b => b.Category).HasConversion<string>().HasMaxLength(20);
        e.Property(b => b.Amount).HasPrecision(14, 2);
        e.HasOne<ShelterFacility>().WithMany().HasForeignKey(b => b.FacilityId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(b => new { b.FacilityId, b.Year, b.Category }).IsUnique();
    }
}

internal sealed class MonthlyCostConfiguration : IEntityTypeConfiguration<MonthlyCost>
{
    public void Configure(EntityTypeBuilder<MonthlyCost> e)
    {
        e.ToTable("ShelterMonthlyCosts");
        e.Property(c => c.Category).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Amount).HasPrecision(14, 2);
        e.HasOne<ShelterFacility>().WithMany().HasForeignKey(c => c.FacilityId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.FacilityId, c.Year, c.Month, c.Category }).IsUnique();
    }
}

internal sealed class FundingSourceConfiguration : IEntityTypeConfiguration<FundingSource>
{
    public void Configure(EntityTypeBuilder<FundingSource> e)
    {
        e.ToTable("ShelterFundingSources");
        e.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(f => f.Name).HasMaxLength(200);
        e.Property(f => f.Committed).HasPrecision(14, 2);
        e.Property(f => f.Expected).HasPrecision(14, 2);
        e.HasOne<ShelterFacility>().WithMany().HasForeignKey(f => f.FacilityId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => new { f.FacilityId, f.Year });
    }
}
