using Microsoft.EntityFrameworkCore;
using Ura.Platform.Authorization;
using Ura.Platform.Data;

namespace Ura.Features.Directory;

public sealed record PhoneView(string Number, string? Extension, string? Type, string? Description);

public sealed record ContactView(string? Name, string? Title, string? Department, string? Email);

/// <summary>Weekly hours: <c>ByDay</c> such as <c>MO,TU</c>, times as <c>HH:mm</c>.</summary>
public sealed record ScheduleView(string ByDay, string? OpensAt, string? ClosesAt, string? Description);

public sealed record ServiceAreaView(string CountryCode, string? Name, string? Description);

public sealed record CostOptionView(string? Option, decimal? Amount, string? Currency, string? AmountDescription);

public sealed record CapacityView(int Available, int? Maximum, string? Description, DateTime UpdatedAt);

/// <summary>An address; outside the owning organisation a confidential one carries only city, region and country.</summary>
public sealed record AddressView(string? Address1, string? Address2, string City, string? Region, string? PostalCode, string CountryCode);

/// <summary>
/// A location as the reader may see it. <see cref="AddressWithheld"/> says that it is confidential and
/// the reader is outside its organisation: street, postal code, directions, phones and hours are left out.
/// </summary>
public sealed record LocationView(
    Guid Id, string LocationType, string? Name, string? Description, string? Transportation, string? Url, bool IsConfidential, bool AddressWithheld,
    IReadOnlyList<AddressView> Addresses, IReadOnlyList<string> Accessibility, IReadOnlyList<PhoneView> Phones, IReadOnlyList<ScheduleView> Schedules);

/// <summary>Everything about a service that a signed-in user may read. <c>Status</c> is a <see cref="ServiceStatus"/> name; categories are taxonomy codes.</summary>
public sealed record ServiceView(
    Guid Id, Guid OrganisationId, string OrganisationName, string CountryCode, string? OrganisationEmail, string? OrganisationWebsite,
    string Name, string? AlternateName, string? Description, string? Url, string? Email, string Status,
    string? InterpretationServices, string? ApplicationProcess, string? FeesDescription, string? EligibilityDescription,
    int? MinimumAge, int? MaximumAge, IReadOnlyList<string> Genders, IReadOnlyList<string> Nationalities, bool AcceptsReferrals, DateTime ModifiedAt,
    IReadOnlyList<string> Categories, IReadOnlyList<string> Languages, IReadOnlyList<PhoneView> Phones, IReadOnlyList<ContactView> Contacts,
    IReadOnlyList<ScheduleView> Schedules, IReadOnlyList<ServiceAreaView> ServiceAreas, IReadOnlyList<CostOptionView> CostOptions,
    IReadOnlyList<string> RequiredDocuments, IReadOnlyList<LocationView> Locations, CapacityView? Beds);

/// <summary>
/// Reads one service for the directory's service page and API. The one place that decides what a
/// confidential location shows: to anyone outside its organisation, city and region only.
/// </summary>
public sealed class ServiceProfile(UraDbContext db, CurrentUser user)
{
    public async Task<ServiceView?> GetAsync(Guid id, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().AsSplitQuery()
            .Where(s => s.Id == id && s.Organisation!.IsActive)
            .Include(s => s.Organisation)
            .Include(s => s.Languages).Include(s => s.Phones).Include(s => s.Contacts).Include(s => s.Schedules)
            .Include(s => s.ServiceAreas).Include(s => s.CostOptions).Include(s => s.RequiredDocuments).Include(s => s.Terms)
            .Include(s => s.Capacities)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Addresses)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Accessibility)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Phones)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Schedules)
            .FirstOrDefaultAsync(ct);
        return service is null ? null : View(service, user.OrganisationId);
    }

    internal static ServiceView View(Service s, Guid? readerOrganisationId)
    {
        var codes = ServiceTaxonomy.Categories.ToDictionary(c => c.Id, c => c.Code);
        var beds = s.Capacities.FirstOrDefault(c => c.UnitId == ServiceTaxonomy.BedUnitId);
        return new ServiceView(
            s.Id, s.OrganisationId, s.Organisation!.Name, s.Organisation.CountryCode, s.Organisation.Email, s.Organisation.Website,
            s.Name, s.AlternateName, s.Description, s.Url, s.Email, s.Status.ToString(),
            s.InterpretationServices, s.ApplicationProcess, s.FeesDescription, s.EligibilityDescription,
            s.MinimumAge, s.MaximumAge, [.. s.GenderList], [.. s.NationalityList], s.AcceptsReferrals, s.ModifiedAt,
            [.. s.Terms.Where(t => codes.ContainsKey(t.TaxonomyTermId)).Select(t => codes[t.TaxonomyTermId]).Order(StringComparer.Ordinal)],
            [.. s.Languages.Select(l => l.Code)],
            [.. s.Phones.Select(Phone)],
            [.. s.Contacts.Select(c => new ContactView(c.Name, c.Title, c.Department, c.Email))],
            [.. s.Schedules.Select(Schedule)],
            [.. s.ServiceAreas.Select(a => new ServiceAreaView(a.CountryCode, a.Name, a.Description))],
            [.. s.CostOptions.Select(c => new CostOptionView(c.Option, c.Amount, c.Currency, c.AmountDescription))],
            [.. s.RequiredDocuments.Select(d => d.Document)],
            [.. s.Locations.Where(l => l.Location is not null).Select(l => Location(l.Location!, readerOrganisationId)).OrderBy(l => l.Name, StringComparer.CurrentCulture)],
            beds is null ? null : new CapacityView(beds.Available, beds.Maximum, beds.Description, beds.UpdatedAt));
    }

    internal static PhoneView Phone(Phone p) => new(p.Number, p.Extension, p.Type, p.Description);

    internal static ScheduleView Schedule(Schedule s) => new(s.ByDay, s.OpensAt?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        s.ClosesAt?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.Description);

    /// <summary>A location as a reader of <paramref name="readerOrganisationId"/> may see it.</summary>
    internal static LocationView Location(Location l, Guid? readerOrganisationId)
    {
        if (l.IsConfidential && l.OrganisationId != readerOrganisationId)
            return new LocationView(l.Id, l.LocationType.ToString(), l.Name, null, null, null, true, true,
                [.. l.Addresses.Select(a => new AddressView(null, null, a.City, a.Region, null, a.CountryCode))], [], [], []);
        return new LocationView(l.Id, l.LocationType.ToString(), l.Name, l.Description, l.Transportation, l.Url, l.IsConfidential, false,
            [.. l.Addresses.Select(a => new AddressView(a.Address1, a.Address2, a.City, a.Region, a.PostalCode, a.CountryCode))],
            [.. l.Accessibility.Select(a => string.Join(": ", new[] { a.Description, a.Details }.Where(x => !string.IsNullOrEmpty(x))))],
            [.. l.Phones.Select(Phone)], [.. l.Schedules.Select(Schedule)]);
    }
}
