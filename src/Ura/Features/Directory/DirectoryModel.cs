using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Identity;

namespace Ura.Features.Directory;

// The service directory, shaped like Open Referral HSDS 3.0 (standards/hsds) so that /hsds can
// publish it field for field. An HSDS organization is a Ura Organisation (with the profile columns
// Description, Email, Website). Each row belongs to the organisation that maintains it.

/// <summary>HSDS <c>service</c>: what an organisation offers, to whom, and how to refer to it.</summary>
public sealed class Service : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }

    public required string Name { get; set; }
    public string? AlternateName { get; set; }
    public string? Description { get; set; }
    public string? Url { get; set; }
    public string? Email { get; set; }
    public ServiceStatus Status { get; set; } = ServiceStatus.Active;

    /// <summary>HSDS <c>interpretation_services</c>.</summary>
    public string? InterpretationServices { get; set; }

    /// <summary>HSDS <c>application_process</c>: how to refer someone, shown on the service's page.</summary>
    public string? ApplicationProcess { get; set; }

    public string? FeesDescription { get; set; }
    public string? EligibilityDescription { get; set; }

    /// <summary>Youngest and oldest age served, in years; null means no limit (HSDS <c>minimum_age</c>, <c>maximum_age</c>).</summary>
    public int? MinimumAge { get; set; }
    public int? MaximumAge { get; set; }

    /// <summary>Genders served (<see cref="Ura.Features.Cases.Gender"/> names, comma separated); empty means everyone. Ura's addition.</summary>
    public string EligibleGenders { get; set; } = "";

    /// <summary>Citizenships served (ISO 3166 alpha-2, comma separated); empty means any. Ura's addition.</summary>
    public string EligibleNationalities { get; set; } = "";

    /// <summary>Whether the organisation takes referrals for it through Ura (otherwise the page says how to reach it).</summary>
    public bool AcceptsReferrals { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    /// <summary>Last change to the service or anything under it (HSDS <c>modified_after</c> filters on it).</summary>
    public DateTime ModifiedAt { get; set; }

    public List<ServiceLanguage> Languages { get; set; } = [];
    public List<Phone> Phones { get; set; } = [];
    public List<Contact> Contacts { get; set; } = [];
    public List<Schedule> Schedules { get; set; } = [];
    public List<ServiceArea> ServiceAreas { get; set; } = [];
    public List<CostOption> CostOptions { get; set; } = [];
    public List<RequiredDocument> RequiredDocuments { get; set; } = [];
    public List<ServiceTerm> Terms { get; set; } = [];
    public List<ServiceCapacity> Capacities { get; set; } = [];
    public List<ServiceAtLocation> Locations { get; set; } = [];

    public IEnumerable<string> GenderList => EligibleGenders.Split(',', StringSplitOptions.RemoveEmptyEntries);
    public IEnumerable<string> NationalityList => EligibleNationalities.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>HSDS service <c>status</c>; stored by name, published as <c>active</c>, <c>inactive</c>, <c>defunct</c>, <c>temporarily closed</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ServiceStatus>))]
public enum ServiceStatus
{
    Active,
    Inactive,
    Defunct,
    TemporarilyClosed,
}

/// <summary>HSDS <c>location</c>. A confidential one (a shelter) shows only its city or region outside its organisation.</summary>
public sealed class Location : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public LocationType LocationType { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Transportation { get; set; }

    /// <summary>For a virtual location: where to reach it.</summary>
    public string? Url { get; set; }

    public bool IsConfidential { get; set; }
    public DateTime ModifiedAt { get; set; }

    public List<Address> Addresses { get; set; } = [];
    public List<Accessibility> Accessibility { get; set; } = [];
    public List<Phone> Phones { get; set; } = [];
    public List<Schedule> Schedules { get; set; } = [];
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LocationType>))]
public enum LocationType
{
    Physical,
    Postal,
    Virtual,
}

/// <summary>HSDS <c>address</c>. Street lines and postal code are encrypted; city, region and country stay searchable.</summary>
public sealed class Address
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LocationId { get; set; }
    public string? Attention { get; set; }
    public required string Address1 { get; set; }
    public string? Address2 { get; set; }
    public required string City { get; set; }
    public string? Region { get; set; }
    public string? StateProvince { get; set; }
    public string? PostalCode { get; set; }

    /// <summary>ISO 3166 alpha-2.</summary>
    public required string CountryCode { get; set; }
    public LocationType AddressType { get; set; }
}

/// <summary>HSDS <c>service_at_location</c>: where a service is given.</summary>
public sealed class ServiceAtLocation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public Guid LocationId { get; set; }
    public Location? Location { get; set; }
    public string? Description { get; set; }
}

/// <summary>HSDS <c>phone</c>, linked to one of an organisation, a service, a location or a contact.</summary>
public sealed class Phone
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? OrganisationId { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? LocationId { get; set; }
    public Guid? ContactId { get; set; }
    public required string Number { get; set; }
    public string? Extension { get; set; }

    /// <summary>HSDS phone <c>type</c>: text, voice, fax, cell, video, pager, textphone.</summary>
    public string? Type { get; set; }
    public string? Description { get; set; }
}

/// <summary>HSDS <c>contact</c>: a named person or desk to ask for.</summary>
public sealed class Contact
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? OrganisationId { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? LocationId { get; set; }
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Department { get; set; }
    public string? Email { get; set; }
}

/// <summary>HSDS <c>schedule</c>, weekly opening hours (<c>freq</c> WEEKLY, <c>byday</c> such as <c>MO,TU</c>).</summary>
public sealed class Schedule
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? ServiceId { get; set; }
    public Guid? LocationId { get; set; }
    public string ByDay { get; set; } = "";
    public TimeOnly? OpensAt { get; set; }
    public TimeOnly? ClosesAt { get; set; }

    /// <summary>Free text such as "24 hours, every day" (HSDS <c>description</c>).</summary>
    public string? Description { get; set; }
}

/// <summary>HSDS <c>language</c> a service is given in (ISO 639-1 code such as <c>sq</c>).</summary>
public sealed class ServiceLanguage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public required string Code { get; set; }
    public string? Note { get; set; }
}

/// <summary>HSDS <c>accessibility</c> of a location.</summary>
public sealed class Accessibility
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LocationId { get; set; }
    public string? Description { get; set; }
    public string? Details { get; set; }
}

/// <summary>HSDS <c>service_area</c>: a country, or a region or city within it, the service covers.</summary>
public sealed class ServiceArea
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }

    /// <summary>ISO 3166 alpha-2.</summary>
    public required string CountryCode { get; set; }

    /// <summary>Region or city; null means the whole country.</summary>
    public string? Name { get; set; }
    public string? Description { get; set; }
}

/// <summary>HSDS <c>cost_option</c>.</summary>
public sealed class CostOption
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public string? Option { get; set; }
    public decimal? Amount { get; set; }

    /// <summary>ISO 4217 code.</summary>
    public string? Currency { get; set; }
    public string? AmountDescription { get; set; }
}

/// <summary>HSDS <c>required_document</c>: what the person must bring.</summary>
public sealed class RequiredDocument
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public required string Document { get; set; }
}

/// <summary>HSDS <c>taxonomy</c>.</summary>
public sealed class Taxonomy
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public string? Uri { get; set; }
    public string? Version { get; set; }
}

/// <summary>HSDS <c>taxonomy_term</c>; Ura shows its own terms by <see cref="Code"/> in the reader's language.</summary>
public sealed class TaxonomyTerm
{
    public Guid Id { get; set; }
    public Guid TaxonomyId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public Guid? ParentId { get; set; }
    public string? Language { get; set; }
}

/// <summary>A taxonomy term on a service (HSDS <c>attribute</c> with <c>link_entity</c> "service").</summary>
public sealed class ServiceTerm
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public Guid TaxonomyTermId { get; set; }
    public TaxonomyTerm? Term { get; set; }
}

/// <summary>HSDS 3.1 <c>unit</c> a capacity is counted in, such as a bed.</summary>
public sealed class Unit
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Scheme { get; set; }
    public string? Identifier { get; set; }
}

/// <summary>HSDS 3.1 <c>service_capacity</c>: how many units are free now (shelter beds).</summary>
public sealed class ServiceCapacity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    public int Available { get; set; }
    public int? Maximum { get; set; }
    public string? Description { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> e)
    {
        e.Property(s => s.Name).HasMaxLength(200);
        e.Property(s => s.AlternateName).HasMaxLength(200);
        e.Property(s => s.Description).HasMaxLength(4000);
        e.Property(s => s.Url).HasMaxLength(500);
        e.Property(s => s.Email).HasMaxLength(200);
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.InterpretationServices).HasMaxLength(500);
        e.Property(s => s.ApplicationProcess).HasMaxLength(2000);
        e.Property(s => s.FeesDescription).HasMaxLength(500);
        e.Property(s => s.EligibilityDescription).HasMaxLength(1000);
        e.Property(s => s.EligibleGenders).HasMaxLength(200);
        e.Property(s => s.EligibleNationalities).HasMaxLength(200);
        e.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => new { s.OrganisationId, s.Name });
        e.HasIndex(s => new { s.Status, s.ModifiedAt });
        e.HasMany(s => s.Languages).WithOne().HasForeignKey(l => l.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.Phones).WithOne().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.Contacts).WithOne().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.Schedules).WithOne().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.ServiceAreas).WithOne().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.CostOptions).WithOne().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.RequiredDocuments).WithOne().HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.Terms).WithOne().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.Capacities).WithOne().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.Locations).WithOne().HasForeignKey(l => l.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> e)
    {
        e.Property(l => l.LocationType).HasConversion<string>().HasMaxLength(20);
        e.Property(l => l.Name).HasMaxLength(200);
        e.Property(l => l.Description).HasMaxLength(2000);
        e.Property(l => l.Transportation).HasMaxLength(500);
        e.Property(l => l.Url).HasMaxLength(500);
        e.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(l => l.OrganisationId);
        e.HasMany(l => l.Addresses).WithOne().HasForeignKey(a => a.LocationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(l => l.Accessibility).WithOne().HasForeignKey(a => a.LocationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(l => l.Phones).WithOne().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(l => l.Schedules).WithOne().HasForeignKey(s => s.LocationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AddressConfiguration : IEntityTypeConfiguration<Address>
{
    public void Configure(EntityTypeBuilder<Address> e)
    {
        e.Property(a => a.Attention!).IsEncrypted(FieldClass.Address);
        e.Property(a => a.Address1).IsEncrypted(FieldClass.Address);
        e.Property(a => a.Address2!).IsEncrypted(FieldClass.Address);
        e.Property(a => a.PostalCode!).IsEncrypted(FieldClass.Address);
        e.Property(a => a.City).HasMaxLength(100);
        e.Property(a => a.Region).HasMaxLength(100);
        e.Property(a => a.StateProvince).HasMaxLength(100);
        e.Property(a => a.CountryCode).HasMaxLength(2);
        e.Property(a => a.AddressType).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(a => new { a.CountryCode, a.City });
        e.HasIndex(a => a.LocationId);
    }
}

internal sealed class ServiceAtLocationConfiguration : IEntityTypeConfiguration<ServiceAtLocation>
{
    public void Configure(EntityTypeBuilder<ServiceAtLocation> e)
    {
        e.Property(s => s.Description).HasMaxLength(1000);
        e.HasOne(s => s.Location).WithMany().HasForeignKey(s => s.LocationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.ServiceId, s.LocationId }).IsUnique();
        e.HasIndex(s => s.LocationId);
    }
}

internal sealed class PhoneConfiguration : IEntityTypeConfiguration<Phone>
{
    public void Configure(EntityTypeBuilder<Phone> e)
    {
        e.Property(p => p.Number).HasMaxLength(40);
        e.Property(p => p.Extension).HasMaxLength(10);
        e.Property(p => p.Type).HasMaxLength(20);
        e.Property(p => p.Description).HasMaxLength(200);
        e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Contact>().WithMany().HasForeignKey(p => p.ContactId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(p => p.OrganisationId);
        e.HasIndex(p => p.ServiceId);
        e.HasIndex(p => p.LocationId);
        e.HasIndex(p => p.ContactId);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> e)
    {
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Title).HasMaxLength(200);
        e.Property(c => c.Department).HasMaxLength(200);
        e.Property(c => c.Email).HasMaxLength(200);
        e.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Location>().WithMany().HasForeignKey(c => c.LocationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => c.OrganisationId);
        e.HasIndex(c => c.ServiceId);
        e.HasIndex(c => c.LocationId);
    }
}

internal sealed class ScheduleConfiguration : IEntityTypeConfiguration<Schedule>
{
    public void Configure(EntityTypeBuilder<Schedule> e)
    {
        e.Property(s => s.ByDay).HasMaxLength(30);
        e.Property(s => s.Description).HasMaxLength(500);
        e.HasIndex(s => s.ServiceId);
        e.HasIndex(s => s.LocationId);
    }
}

internal sealed class ServiceLanguageConfiguration : IEntityTypeConfiguration<ServiceLanguage>
{
    public void Configure(EntityTypeBuilder<ServiceLanguage> e)
    {
        e.Property(l => l.Code).HasMaxLength(3);
        e.Property(l => l.Note).HasMaxLength(200);
        e.HasIndex(l => new { l.Code, l.ServiceId });
        e.HasIndex(l => l.ServiceId);
    }
}

internal sealed class AccessibilityConfiguration : IEntityTypeConfiguration<Accessibility>
{
    public void Configure(EntityTypeBuilder<Accessibility> e)
    {
        e.Property(a => a.Description).HasMaxLength(500);
        e.Property(a => a.Details).HasMaxLength(500);
        e.HasIndex(a => a.LocationId);
    }
}

internal sealed class ServiceAreaConfiguration : IEntityTypeConfiguration<ServiceArea>
{
    public void Configure(EntityTypeBuilder<ServiceArea> e)
    {
        e.Property(a => a.CountryCode).HasMaxLength(2);
        e.Property(a => a.Name).HasMaxLength(100);
        e.Property(a => a.Description).HasMaxLength(500);
        e.HasIndex(a => new { a.CountryCode, a.ServiceId });
        e.HasIndex(a => a.ServiceId);
    }
}

internal sealed class CostOptionConfiguration : IEntityTypeConfiguration<CostOption>
{
    public void Configure(EntityTypeBuilder<CostOption> e)
    {
        e.Property(c => c.Option).HasMaxLength(200);
        e.Property(c => c.Amount).HasPrecision(12, 2);
        e.Property(c => c.Currency).HasMaxLength(3);
        e.Property(c => c.AmountDescription).HasMaxLength(200);
        e.HasIndex(c => c.ServiceId);
    }
}

internal sealed class RequiredDocumentConfiguration : IEntityTypeConfiguration<RequiredDocument>
{
    public void Configure(EntityTypeBuilder<RequiredDocument> e)
    {
        e.Property(d => d.Document).HasMaxLength(200);
        e.HasIndex(d => d.ServiceId);
    }
}

internal sealed class TaxonomyConfiguration : IEntityTypeConfiguration<Taxonomy>
{
    public void Configure(EntityTypeBuilder<Taxonomy> e)
    {
        e.Property(t => t.Id).ValueGeneratedNever();
        e.Property(t => t.Name).HasMaxLength(200);
        e.Property(t => t.Description).HasMaxLength(1000);
        e.Property(t => t.Uri).HasMaxLength(500);
        e.Property(t => t.Version).HasMaxLength(20);
    }
}

internal sealed class TaxonomyTermConfiguration : IEntityTypeConfiguration<TaxonomyTerm>
{
    public void Configure(EntityTypeBuilder<TaxonomyTerm> e)
    {
        e.Property(t => t.Id).ValueGeneratedNever();
        e.Property(t => t.Code).HasMaxLength(60);
        e.Property(t => t.Name).HasMaxLength(200);
        e.Property(t => t.Description).HasMaxLength(1000);
        e.Property(t => t.Language).HasMaxLength(3);
        e.HasOne<Taxonomy>().WithMany().HasForeignKey(t => t.TaxonomyId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<TaxonomyTerm>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => new { t.TaxonomyId, t.Code }).IsUnique();
        e.HasIndex(t => t.ParentId);
    }
}

internal sealed class ServiceTermConfiguration : IEntityTypeConfiguration<ServiceTerm>
{
    public void Configure(EntityTypeBuilder<ServiceTerm> e)
    {
        e.HasOne(t => t.Term).WithMany().HasForeignKey(t => t.TaxonomyTermId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => new { t.TaxonomyTermId, t.ServiceId }).IsUnique();
        e.HasIndex(t => t.ServiceId);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.Property(u => u.Id).ValueGeneratedNever();
        e.Property(u => u.Name).HasMaxLength(100);
        e.Property(u => u.Scheme).HasMaxLength(50);
        e.Property(u => u.Identifier).HasMaxLength(50);
    }
}

internal sealed class ServiceCapacityConfiguration : IEntityTypeConfiguration<ServiceCapacity>
{
    public void Configure(EntityTypeBuilder<ServiceCapacity> e)
    {
        e.Property(c => c.Description).HasMaxLength(500);
        e.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.ServiceId, c.UnitId }).IsUnique();
        e.HasIndex(c => c.UnitId);
    }
}
