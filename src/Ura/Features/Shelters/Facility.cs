using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;

namespace Ura.Features.Shelters;

/// <summary>
/// A shelter run by an organisation: a place with rooms and beds on a housing pathway. Its street
/// address is the HSDS <see cref="Ura.Features.Directory.Location"/> (always confidential); outside the operating
/// organisation only <see cref="City"/>, <see cref="Region"/> and <see cref="CountryCode"/> are shown,
/// which is why they are copied here. Referrals reach it through its HSDS <see cref="Ura.Features.Directory.Service"/>,
/// whose bed capacity it publishes.
/// </summary>
public sealed class ShelterFacility : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ServiceId { get; set; }
    public Guid LocationId { get; set; }

    public required string Name { get; set; }
    public HousingType Type { get; set; }

    /// <summary><see cref="Population"/> names served, comma separated.</summary>
    public string Populations { get; set; } = "";

    /// <summary>Step-free access and at least one accessible room.</summary>
    public bool WheelchairAccessible { get; set; }

    /// <summary>House rules in the organisation's words, shown to its staff and, on the board, to nobody.</summary>
    public string? Rules { get; set; }

    /// <summary>ISO 4217 code the financial plan is kept in.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>ISO 3166 alpha-2, city and region of the location's address; the only place shown outside the organisation.</summary>
    public required string CountryCode { get; set; }
    public required string City { get; set; }
    public string? Region { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime ModifiedAt { get; set; }

    /// <summary>When a bed last changed status: the "last update" the board shows.</summary>
    public DateTime CapacityUpdatedAt { get; set; }

    public List<Bed> Beds { get; set; } = [];
    public List<FacilityStandard> Standards { get; set; } = [];

    public IEnumerable<Population> PopulationList =>
        Populations.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Population>);

    public bool Serves(Population population) => PopulationList.Contains(population);
}

/// <summary>Where a facility sits on the housing pathway, from the first night to living alone.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<HousingType>))]
public enum HousingType
{
    EmergencyShelter,
    TransitionalHousing,
    SupportedIndependentLiving,
    ReceptionCentre,
}

/// <summary>Who a facility takes in.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Population>))]
public enum Population
{
    Women,
    Men,
    Children,
    MothersWithChildren,
    Families,
    PeopleWithDisabilities,
}

/// <summary>One minimum service standard as assessed for a facility.</summary>
public sealed class FacilityStandard : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary>One of <see cref="MinimumStandards.Codes"/>.</summary>
    public required string Code { get; set; }
    public StandardLevel Level { get; set; }
    public string? Evidence { get; set; }
    public DateOnly? ReviewOn { get; set; }
    public DateTime UpdatedAt { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<StandardLevel>))]
public enum StandardLevel
{
    Met,
    Partly,
    NotMet,
}

/// <summary>
/// The checklist of minimum standards for shelters for victims of trafficking, after the Council of
/// Europe Convention (art. 12) and the region's national standards for residential services. Each
/// code is shown as the resource <c>Standard.{code}</c>.
/// </summary>
public static class MinimumStandards
{
    public static readonly IReadOnlyList<string> Codes =
    [
        "SafetySecurity", "Confidentiality", "StaffAllDay", "TrainedStaff", "IndividualPlan", "Health",
        "Psychological", "Legal", "Interpretation", "FoodHygiene", "ChildrenSeparate", "Complaints",
        "ResidentsRights", "DataProtection",
    ];
}

internal sealed class ShelterFacilityConfiguration : IEntityTypeConfiguration<ShelterFacility>
{
    public void Configure(EntityTypeBuilder<ShelterFacility> e)
    {
        e.ToTable("ShelterFacilities");
        e.Property(f => f.Name).HasMaxLength(200);
        e.Property(f => f.Type).HasConversion<string>().HasMaxLength(40);
        e.Property(f => f.Populations).HasMaxLength(200);
        e.Property(f => f.Rules).HasMaxLength(4000);
        e.Property(f => f.Currency).HasMaxLength(3);
        e.Property(f => f.CountryCode).HasMaxLength(2);
        e.Property(f => f.City).HasMaxLength(100);
        e.Property(f => f.Region).HasMaxLength(100);
        e.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Directory.Service>().WithMany().HasForeignKey(f => f.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Directory.Location>().WithMany().HasForeignKey(f => f.LocationId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(f => f.Beds).WithOne().HasForeignKey(b => b.FacilityId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(f => f.Standards).WithOne().HasForeignKey(s => s.FacilityId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => new { f.OrganisationId, f.Name });
        // The availability board filters by country and city.
        e.HasIndex(f => new { f.IsActive, f.CountryCode, f.City });
        e.HasIndex(f => f.ServiceId);
        e.HasIndex(f => f.LocationId);
    }
}

internal sealed class FacilityStandardConfiguration : IEntityTypeConfiguration<FacilityStandard>
{
    public void Configure(EntityTypeBuilder<FacilityStandard> e)
    {
        e.ToTable("ShelterStandards");
        e.Property(s => s.Code).HasMaxLength(40);
        e.Property(s => s.Level).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.Evidence).HasMaxLength(2000);
        e.HasIndex(s => new { s.FacilityId, s.Code }).IsUnique();
    }
}
