using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Directory;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;

namespace Ura.Features.Shelters;

/// <summary>A facility as its shelter manager writes it. The organisation comes from the signed-in user, never from here.</summary>
public sealed class FacilityInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Shelters.Field.Name")]
    public string? Name { get; set; }

    /// <summary>A <see cref="HousingType"/> name.</summary>
    [Display(Name = "Shelters.Field.Type")]
    public string? Type { get; set; }

    /// <summary><see cref="Population"/> names; at least one.</summary>
    public List<string> Populations { get; set; } = [];

    public bool WheelchairAccessible { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Shelters.Field.Rules")]
    public string? Rules { get; set; }

    /// <summary>ISO 4217, such as <c>EUR</c>; the financial plan is kept in it.</summary>
    [Display(Name = "Shelters.Field.Currency")]
    public string? Currency { get; set; }

    /// <summary>One of the organisation's own directory services: referrals for a bed go to it.</summary>
    public Guid? ServiceId { get; set; }

    // The confidential address: only the operating organisation ever sees street and postal code.
    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Address1")]
    public string? Street { get; set; }

    [StringLength(20, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.PostalCode")]
    public string? PostalCode { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.City")]
    public string? City { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Region")]
    public string? Region { get; set; }

    /// <summary>ISO 3166 alpha-2.</summary>
    [Display(Name = "Directory.Country")]
    public string? CountryCode { get; set; }

    /// <summary>A facility not in use publishes no beds; it cannot be closed while a bed is occupied or held.</summary>
    public bool IsActive { get; set; } = true;
}

/// <summary>How many beds are in each status.</summary>
public sealed record BedStatusCounts(int Available, int Occupied, int Held, int OutOfService)
{
    public int Total => Available + Occupied + Held + OutOfService;

    public static BedStatusCounts Of(IEnumerable<(BedStatus Status, int Count)> rows)
    {
        var list = rows.ToList();
        int Sum(BedStatus s) => list.Where(r => r.Status == s).Sum(r => r.Count);
        return new(Sum(BedStatus.Available), Sum(BedStatus.Occupied), Sum(BedStatus.Held), Sum(BedStatus.OutOfService));
    }
}

public sealed record BedTypeCounts(BedType Type, BedStatusCounts Beds);

/// <summary>One row of the shelter manager's list of facilities.</summary>
public sealed record FacilitySummary(Guid Id, string Name, HousingType Type, string City, string? Region, string CountryCode, bool IsActive,
    BedStatusCounts Beds, DateTime CapacityUpdatedAt);

/// <summary>The confidential street address, for the operating organisation only.</summary>
public sealed record FacilityAddress(string Street, string? PostalCode, string City, string? Region, string CountryCode);

/// <summary>A facility as its own organisation sees it, address included.</summary>
public sealed record FacilityView(Guid Id, string Name, HousingType Type, IReadOnlyList<Population> Populations, bool WheelchairAccessible,
    string? Rules, string Currency, Guid ServiceId, string ServiceName, FacilityAddress? Address, bool IsActive, DateTime CapacityUpdatedAt,
    BedStatusCounts Beds, IReadOnlyList<BedTypeCounts> BedsByType);

public sealed record ServiceChoice(Guid Id, string Name);

/// <summary>
/// A shelter organisation's facilities: list, read, create and change them. Every load is scoped to
/// the signed-in user's organisation inside the query (another organisation's facility is simply
/// not found). A facility's address lives in a confidential HSDS location of the organisation,
/// linked to the facility's service; city, region and country are copied onto the facility, the
/// only part of the place anyone outside the organisation is shown.
/// </summary>
public sealed partial class FacilityEditing(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IQueryable<ShelterFacility> Own => db.ShelterFacilities.OfOwnOrganisation(user);

    public async Task<IReadOnlyList<FacilitySummary>> ListAsync(CancellationToken ct)
    {
        var facilities = await Own.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        var organisationId = user.OrganisationId ?? Guid.Empty;
        var counts = await db.ShelterBeds.AsNoTracking().Where(b => b.OrganisationId == organisationId)
            .GroupBy(b => new { b.FacilityId, b.Status }).Select(g => new { g.Key.FacilityId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return [.. facilities.Select(f => new FacilitySummary(f.Id, f.Name, f.Type, f.City, f.Region, f.CountryCode, f.IsActive,
            BedStatusCounts.Of(counts.Where(c => c.FacilityId == f.Id).Select(c => (c.Status, c.Count))), f.CapacityUpdatedAt))];
    }

    /// <summary>The facility itself, for a page's header; null when not the user's organisation's.</summary>
    public Task<ShelterFacility?> FacilityAsync(Guid id, CancellationToken ct) => Own.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);

    /// <summary>The facility with its address and bed counts; null when not the user's organisation's.</summary>
    public async Task<FacilityView?> GetAsync(Guid id, CancellationToken ct)
    {
        var f = await Own.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null)
            return null;
        var serviceName = await db.Services.Where(s => s.Id == f.ServiceId).Select(s => s.Name).FirstAsync(ct);
        var address = await db.Addresses.AsNoTracking().Where(a => a.LocationId == f.LocationId).OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
        var counts = await db.ShelterBeds.AsNoTracking().Where(b => b.FacilityId == f.Id)
            .GroupBy(b => new { b.Type, b.Status }).Select(g => new { g.Key.Type, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return new FacilityView(f.Id, f.Name, f.Type, [.. f.PopulationList], f.WheelchairAccessible, f.Rules, f.Currency, f.ServiceId, serviceName,
            address is null ? null : new FacilityAddress(address.Address1, address.PostalCode, address.City, address.Region, address.CountryCode),
            f.IsActive, f.CapacityUpdatedAt, BedStatusCounts.Of(counts.Select(c => (c.Status, c.Count))),
            [.. counts.Select(c => c.Type).Distinct().Order().Select(t => new BedTypeCounts(t, BedStatusCounts.Of(counts.Where(c => c.Type == t).Select(c => (c.Status, c.Count)))))]);
    }

    /// <summary>The facility as its edit form shows it; null when not the user's organisation's.</summary>
    public async Task<FacilityInput?> ForEditAsync(Guid id, CancellationToken ct) =>
        await GetAsync(id, ct) is not { } f ? null : new FacilityInput
        {
            Name = f.Name, Type = f.Type.ToString(), Populations = [.. f.Populations.Select(p => p.ToString())], WheelchairAccessible = f.WheelchairAccessible,
            Rules = f.Rules, Currency = f.Currency, ServiceId = f.ServiceId, Street = f.Address?.Street, PostalCode = f.Address?.PostalCode,
            City = f.Address?.City, Region = f.Address?.Region, CountryCode = f.Address?.CountryCode, IsActive = f.IsActive,
        };

    /// <summary>The organisation's own services, one of which a facility gives.</summary>
    public async Task<IReadOnlyList<ServiceChoice>> ServicesAsync(CancellationToken ct)
    {
        var organisationId = user.OrganisationId ?? Guid.Empty;
        return await db.Services.AsNoTracking().Where(s => s.OrganisationId == organisationId).OrderBy(s => s.Name)
            .Select(s => new ServiceChoice(s.Id, s.Name)).ToListAsync(ct);
    }

    public async Task<CommandResult<FacilityView>> CreateAsync(FacilityInput input, CancellationToken ct)
    {
        var errors = await CheckAsync(input, ct);
        if (errors.Count > 0)
            return CommandResult<FacilityView>.Refused([.. errors]);
        var now = Now;
        var organisationId = user.RequiredOrganisationId;
        var location = new Location { OrganisationId = organisationId, LocationType = LocationType.Physical, IsConfidential = true, Name = "", ModifiedAt = now };
        var facility = new ShelterFacility
        {
            OrganisationId = organisationId, LocationId = location.Id, Name = "", CountryCode = "", City = "", CreatedAt = now, CapacityUpdatedAt = now,
        };
        db.Locations.Add(location);
        db.ShelterFacilities.Add(facility);
        Apply(facility, location, address: null, input, now);
        db.ServiceAtLocations.Add(new ServiceAtLocation { ServiceId = facility.ServiceId, LocationId = location.Id });
        await ShelterCapacity.RefreshAsync(db, facility.ServiceId, now, ct);
        audit.Record("shelter.facility.create", nameof(ShelterFacility), facility.Id, $"service={facility.ServiceId}");
        await db.SaveChangesAsync(ct);
        return CommandResult<FacilityView>.Done((await GetAsync(facility.Id, ct))!);
    }

    public async Task<CommandResult<FacilityView>> ChangeAsync(Guid id, FacilityInput input, CancellationToken ct)
    {
        var facility = await Own.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (facility is null)
            return CommandResult<FacilityView>.NotFound();
        var errors = await CheckAsync(input, ct);
        if (!input.IsActive && await db.ShelterBeds.AnyAsync(b => b.FacilityId == id && (b.Status == BedStatus.Occupied || b.Status == BedStatus.Held), ct))
            errors.Add(new(nameof(input.IsActive), "Shelters.FacilityInUse"));
        if (errors.Count > 0)
            return CommandResult<FacilityView>.Refused([.. errors]);
        var now = Now;
        var location = await db.Locations.SingleAsync(l => l.Id == facility.LocationId, ct);
        var address = await db.Addresses.Where(a => a.LocationId == location.Id).OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
        var oldService = facility.ServiceId;
        Apply(facility, location, address, input, now);
        if (facility.ServiceId != oldService)
        {
            // The place now gives the new service; the old one keeps counting its other facilities' beds.
            var oldLink = await db.ServiceAtLocations.FirstOrDefaultAsync(l => l.ServiceId == oldService && l.LocationId == location.Id, ct);
            if (oldLink is not null)
                db.ServiceAtLocations.Remove(oldLink);
            if (!await db.ServiceAtLocations.AnyAsync(l => l.ServiceId == facility.ServiceId && l.LocationId == location.Id, ct))
                db.ServiceAtLocations.Add(new ServiceAtLocation { ServiceId = facility.ServiceId, LocationId = location.Id });
            await ShelterCapacity.RefreshAsync(db, oldService, now, ct);
        }
        await ShelterCapacity.RefreshAsync(db, facility.ServiceId, now, ct);
        audit.Record("shelter.facility.change", nameof(ShelterFacility), facility.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<FacilityView>.Done((await GetAsync(facility.Id, ct))!);
    }

    private void Apply(ShelterFacility f, Location location, Address? address, FacilityInput input, DateTime now)
    {
        f.Name = input.Name!.Trim();
        f.Type = Enum.Parse<HousingType>(input.Type!);
        f.Populations = string.Join(",", Enum.GetNames<Population>().Where(input.Populations.Contains));
        f.WheelchairAccessible = input.WheelchairAccessible;
        f.Rules = Clean(input.Rules);
        f.Currency = input.Currency!.Trim().ToUpperInvariant();
        f.ServiceId = input.ServiceId!.Value;
        f.City = input.City!.Trim();
        f.Region = Clean(input.Region);
        f.CountryCode = input.CountryCode!.Trim().ToUpperInvariant();
        f.IsActive = input.IsActive;
        f.ModifiedAt = now;

        location.Name = f.Name;
        location.ModifiedAt = now;
        if (address is null)
        {
            address = new Address { LocationId = location.Id, Address1 = "", City = "", CountryCode = "", AddressType = LocationType.Physical };
            db.Addresses.Add(address);
        }
        address.Address1 = input.Street!.Trim();
        address.PostalCode = Clean(input.PostalCode);
        address.City = f.City;
        address.Region = f.Region;
        address.CountryCode = f.CountryCode;
    }

    private async Task<List<RuleError>> CheckAsync(FacilityInput input, CancellationToken ct)
    {
        var errors = Check(input);
        var organisationId = user.OrganisationId ?? Guid.Empty;
        if (input.ServiceId is not { } serviceId)
            errors.Add(new(nameof(input.ServiceId), "Validation.Required"));
        else if (!await db.Services.AnyAsync(s => s.Id == serviceId && s.OrganisationId == organisationId, ct))
            errors.Add(new(nameof(input.ServiceId), "Shelters.UnknownService"));
        return errors;
    }

    /// <summary>The rules of a facility that need no database.</summary>
    public static List<RuleError> Check(FacilityInput input)
    {
        input.Populations = [.. (input.Populations ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Distinct()];
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add(new(nameof(input.Name), "Validation.Required"));
        if (!PersonRules.IsValue<HousingType>(input.Type))
            errors.Add(new(nameof(input.Type), "Shelters.UnknownType"));
        if (input.Populations.Count == 0)
            errors.Add(new(nameof(input.Populations), "Shelters.PopulationRequired"));
        else if (!input.Populations.All(PersonRules.IsValue<Population>))
            errors.Add(new(nameof(input.Populations), "Shelters.UnknownPopulation"));
        if (input.Currency is null || !CurrencyCode().IsMatch(input.Currency.Trim().ToUpperInvariant()))
            errors.Add(new(nameof(input.Currency), "Directory.Edit.UnknownCurrency"));
        if (string.IsNullOrWhiteSpace(input.Street))
            errors.Add(new(nameof(input.Street), "Validation.Required"));
        if (string.IsNullOrWhiteSpace(input.City))
            errors.Add(new(nameof(input.City), "Validation.Required"));
        if (!PersonRules.IsCountry(input.CountryCode?.Trim().ToUpperInvariant()))
            errors.Add(new(nameof(input.CountryCode), "Cases.Person.UnknownCountry"));
        foreach (var (value, max, field) in new[]
        {
            (input.Name, 200, nameof(input.Name)), (input.Rules, 4000, nameof(input.Rules)), (input.Street, 200, nameof(input.Street)),
            (input.PostalCode, 20, nameof(input.PostalCode)), (input.City, 100, nameof(input.City)), (input.Region, 100, nameof(input.Region)),
        })
            if (value?.Trim().Length > max)
                errors.Add(new(field, "Validation.TooLong"));
        return errors;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
