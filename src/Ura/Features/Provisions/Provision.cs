using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Awareness.Campaigns;
using Ura.Features.Cases;
using Ura.Platform.Authorization;

namespace Ura.Features.Provisions;

// Field provisions: food and sanitary items that police identification points (and the NGOs working with
// them) keep in stock and give to potential victims at the moment of identification. Deliveries add to the
// stock of a place, distributions take from it; the people served are counted by sex and age band and never
// named. None of it is personal data, so nothing here is encrypted.

/// <summary>A place where an organisation keeps provisions and gives them out, such as a border crossing's identification point.</summary>
public sealed class ProvisionPoint : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Raised by every delivery and distribution and by every removal of one, so that two people giving out the last items at once (or one removing the delivery they came from) cannot both succeed.</summary>
    public int Version { get; set; }
}

/// <summary>Items that arrived at a place: a donation, a purchase, a transfer.</summary>
public sealed class ProvisionDelivery : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PointId { get; set; }
    public Guid OrganisationId { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public ProvisionItem Item { get; set; }
    public int Quantity { get; set; }

    /// <summary>Who gave or sold them, such as a donor's name.</summary>
    public string? Source { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Items given out at a place on one day, with the people served counted by sex and age band.</summary>
public sealed class ProvisionDistribution : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PointId { get; set; }
    public Guid OrganisationId { get; set; }
    public DateOnly GivenOn { get; set; }
    public string? Notes { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<ProvisionDistributionItem> Items { get; set; } = [];
    public List<ProvisionServed> Served { get; set; } = [];
}

/// <summary>How many of one item a distribution gave out.</summary>
public sealed class ProvisionDistributionItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DistributionId { get; set; }
    public ProvisionItem Item { get; set; }
    public int Quantity { get; set; }
}

/// <summary>How many people of one sex and age band a distribution served.</summary>
public sealed class ProvisionServed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DistributionId { get; set; }
    public Sex Sex { get; set; }
    public AgeBand AgeBand { get; set; }
    public int People { get; set; }
}

/// <summary>The items kept: food and sanitary items, counted in pieces (a parcel, a kit, a pack).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ProvisionItem>))]
public enum ProvisionItem
{
    FoodParcel,
    DrinkingWater,
    BabyFood,
    HygieneKit,
    SanitaryPads,
    Diapers,
    Clothing,
    Blanket,
}

internal sealed class ProvisionPointConfiguration : IEntityTypeConfiguration<ProvisionPoint>
{
    public void Configure(EntityTypeBuilder<ProvisionPoint> e)
    {
        e.ToTable("ProvisionPoints");
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Platform.Identity.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.OrganisationId, p.Name }).IsUnique();
    }
}

internal sealed class ProvisionDeliveryConfiguration : IEntityTypeConfiguration<ProvisionDelivery>
{
    public void Configure(EntityTypeBuilder<ProvisionDelivery> e)
    {
        e.ToTable("ProvisionDeliveries");
        e.Property(d => d.Item).HasConversion<string>().HasMaxLength(30);
        e.Property(d => d.Source).HasMaxLength(200);
        e.HasOne<ProvisionPoint>().WithMany().HasForeignKey(d => d.PointId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => new { d.PointId, d.ReceivedOn });
    }
}

internal sealed class ProvisionDistributionConfiguration : IEntityTypeConfiguration<ProvisionDistribution>
{
    public void Configure(EntityTypeBuilder<ProvisionDistribution> e)
    {
        e.ToTable("ProvisionDistributions");
        e.Property(d => d.Notes).HasMaxLength(2000);
        e.HasOne<ProvisionPoint>().WithMany().HasForeignKey(d => d.PointId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(d => d.Items).WithOne().HasForeignKey(i => i.DistributionId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(d => d.Served).WithOne().HasForeignKey(s => s.DistributionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => new { d.PointId, d.GivenOn });
        e.HasIndex(d => new { d.OrganisationId, d.GivenOn });
    }
}

internal sealed class ProvisionDistributionItemConfiguration : IEntityTypeConfiguration<ProvisionDistributionItem>
{
    public void Configure(EntityTypeBuilder<ProvisionDistributionItem> e)
    {
        e.ToTable("ProvisionItemsGiven");
        e.Property(i => i.Item).HasConversion<string>().HasMaxLength(30);
        e.HasIndex(i => new { i.DistributionId, i.Item }).IsUnique();
    }
}

internal sealed class ProvisionServedConfiguration : IEntityTypeConfiguration<ProvisionServed>
{
    public void Configure(EntityTypeBuilder<ProvisionServed> e)
    {
        e.ToTable("ProvisionServed");
        e.Property(s => s.Sex).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.AgeBand).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(s => new { s.DistributionId, s.Sex, s.AgeBand }).IsUnique();
    }
}
