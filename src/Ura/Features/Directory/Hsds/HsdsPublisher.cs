using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Directory.Hsds;

/// <summary>
/// Turns the directory into HSDS objects, for <c>/hsds</c> and for the export. Only active
/// organisations and their services are published (inactive or defunct services with that status).
/// A confidential location never leaves with its street, postal code or directions: only its city,
/// region and country.
/// </summary>
public sealed class HsdsPublisher(UraDbContext db)
{
    /// <summary>Services of active organisations: everything /hsds may show.</summary>
    public IQueryable<Service> PublishedServices => db.Services.AsNoTracking().Where(s => s.Organisation!.IsActive);

    public IQueryable<Organisation> PublishedOrganisations => db.Organisations.AsNoTracking().Where(o => o.IsActive);

    /// <summary>The services with every related row, in the order of <paramref name="ids"/>; unknown ids are skipped.</summary>
    public async Task<List<HsdsService>> FullServicesAsync(IReadOnlyCollection<Guid> ids, bool withOrganisation, CancellationToken ct)
    {
        if (ids.Count == 0)
            return [];
        var services = await PublishedServices.AsSplitQuery()
            .Where(s => ids.Contains(s.Id))
            .Include(s => s.Organisation)
            .Include(s => s.Languages).Include(s => s.Phones).Include(s => s.Contacts).Include(s => s.Schedules)
            .Include(s => s.ServiceAreas).Include(s => s.CostOptions).Include(s => s.RequiredDocuments)
            .Include(s => s.Terms).ThenInclude(t => t.Term)
            .Include(s => s.Capacities).ThenInclude(c => c.Unit)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Addresses)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Accessibility)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Phones)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Schedules)
            .ToListAsync(ct);
        var contactIds = services.SelectMany(s => s.Contacts).Select(c => c.Id).ToList();
        var contactPhones = await ContactPhonesAsync(contactIds, ct);
        var byId = services.ToDictionary(s => s.Id);
        return ids.Where(byId.ContainsKey).Select(id => Full(byId[id], contactPhones, withOrganisation)).ToList();
    }

    public async Task<ILookup<Guid, Phone>> ContactPhonesAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken ct) =>
        contactIds.Count == 0
            ? Array.Empty<Phone>().ToLookup(p => p.ContactId!.Value)
            : (await db.Phones.AsNoTracking().Where(p => p.ContactId != null && contactIds.Contains(p.ContactId.Value))
                .OrderBy(p => p.Id).ToListAsync(ct)).ToLookup(p => p.ContactId!.Value);

    /// <summary>The one-to-one fields of a service, as in a list.</summary>
    public static HsdsService Summary(Service s) => new()
    {
        Id = s.Id,
        OrganizationId = s.OrganisationId,
        Name = s.Name,
        AlternateName = Text(s.AlternateName),
        Description = Text(s.Description),
        Url = Uri(s.Url),
        Email = Email(s.Email),
        Status = HsdsJson.StatusName(s.Status),
        InterpretationServices = Text(s.InterpretationServices),
        ApplicationProcess = Text(s.ApplicationProcess),
        FeesDescription = Text(s.FeesDescription),
        EligibilityDescription = Text(s.EligibilityDescription),
        MinimumAge = s.MinimumAge,
        MaximumAge = s.MaximumAge,
        LastModified = Utc(s.ModifiedAt),
        UraEligibleGenders = List(s.GenderList),
        UraEligibleNationalities = List(s.NationalityList),
        UraAcceptsReferrals = s.AcceptsReferrals,
    };

    /// <summary>A service with everything under it. Lists are always present (empty when there is nothing).</summary>
    public static HsdsService Full(Service s, ILookup<Guid, Phone> contactPhones, bool withOrganisation)
    {
        var service = Summary(s);
        service.Phones = [.. s.Phones.Where(p => p.ContactId == null).OrderBy(p => p.Id).Select(Phone)];
        service.Schedules = [.. s.Schedules.OrderBy(x => x.Id).Select(Schedule)];
        service.ServiceAreas = [.. s.ServiceAreas.OrderBy(a => a.Id).Select(a => new HsdsServiceArea
        {
            Id = a.Id, ServiceId = a.ServiceId, Name = Text(a.Name), Description = Text(a.Description), UraCountry = a.CountryCode,
        })];
        service.ServiceAtLocations = [.. s.Locations.OrderBy(l => l.Id).Select(l => ServiceAtLocation(l, l.Location is null ? null : Location(l.Location, [])))];
        service.Languages = [.. s.Languages.OrderBy(l => l.Id).Select(l => new HsdsLanguage
        {
            Id = l.Id, ServiceId = l.ServiceId, Code = l.Code, Name = LanguageName(l.Code), Note = Text(l.Note),
        })];
        service.Organization = withOrganisation && s.Organisation is not null ? Organisation(s.Organisation) : null;
        service.CostOptions = [.. s.CostOptions.OrderBy(c => c.Id).Select(c => new HsdsCostOption
        {
            Id = c.Id, ServiceId = c.ServiceId, Option = Text(c.Option), Amount = c.Amount, Currency = Text(c.Currency),
            AmountDescription = Text(c.AmountDescription),
        })];
        service.RequiredDocuments = [.. s.RequiredDocuments.OrderBy(d => d.Id).Select(d => new HsdsRequiredDocument
        {
            Id = d.Id, ServiceId = d.ServiceId, Document = d.Document,
        })];
        service.Contacts = [.. s.Contacts.OrderBy(c => c.Id).Select(c => Contact(c, contactPhones))];
        service.Capacities = [.. s.Capacities.OrderBy(c => c.Id).Select(c => new HsdsCapacity
        {
            Id = c.Id, ServiceId = c.ServiceId, UnitId = c.UnitId, Unit = Unit(c.Unit!), Available = c.Available, Maximum = c.Maximum,
            Description = Text(c.Description), Updated = Utc(c.UpdatedAt),
        })];
        service.Attributes = [.. s.Terms.OrderBy(t => t.Id).Select(t => new HsdsAttribute
        {
            Id = t.Id, LinkId = s.Id, LinkType = "service", LinkEntity = "service", TaxonomyTermId = t.TaxonomyTermId,
            TaxonomyTerm = t.Term is null ? null : Term(t.Term),
        })];
        return service;
    }

    public static HsdsServiceAtLocation ServiceAtLocation(ServiceAtLocation l, HsdsLocation? location) => new()
    {
        Id = l.Id, ServiceId = l.ServiceId, LocationId = l.LocationId, Description = Text(l.Description), Location = location,
    };

    /// <summary>The organisation's own fields (without its lists).</summary>
    public static HsdsOrganization Organisation(Organisation o) => new()
    {
        Id = o.Id,
        Name = o.Name,
        // HSDS requires a description; an organisation that wrote none publishes an empty one.
        Description = o.Description ?? "",
        Email = Email(o.Email),
        Website = Uri(o.Website),
        UraCountry = o.CountryCode,
        UraType = o.Type.ToString(),
        UraIdentificationAuthority = o.IsIdentificationAuthority,
        UraCoordinatorOffice = o.IsNationalCoordinatorOffice,
        UraShelterOperator = o.IsShelterOperator,
    };

    /// <summary>
    /// A location as anyone outside its organisation may see it. A confidential one keeps its name,
    /// phones and hours (how to reach it) and its addresses' city, region and country; the street,
    /// postal code, directions and accessibility notes are left out (HSDS requires <c>address_1</c>
    /// and <c>postal_code</c>, so they are sent empty).
    /// </summary>
    public static HsdsLocation Location(Location l, IEnumerable<HsdsContact> contacts)
    {
        var hidden = l.IsConfidential;
        return new HsdsLocation
        {
            Id = l.Id,
            LocationType = HsdsJson.TypeName(l.LocationType),
            OrganizationId = l.OrganisationId,
            Url = Uri(l.Url),
            Name = Text(l.Name),
            Description = hidden ? null : Text(l.Description),
            Transportation = hidden ? null : Text(l.Transportation),
            UraConfidential = l.IsConfidential,
            UraModified = Utc(l.ModifiedAt),
            Addresses = [.. l.Addresses.OrderBy(a => a.Id).Select(a => new HsdsAddress
            {
                Id = a.Id,
                LocationId = a.LocationId,
                Attention = hidden ? null : Text(a.Attention),
                Address1 = hidden ? "" : a.Address1,
                Address2 = hidden ? null : Text(a.Address2),
                City = a.City,
                Region = Text(a.Region),
                StateProvince = a.StateProvince ?? "",
                PostalCode = hidden ? "" : a.PostalCode ?? "",
                Country = a.CountryCode,
                AddressType = HsdsJson.TypeName(a.AddressType),
            })],
            Accessibility = hidden ? [] : [.. l.Accessibility.OrderBy(a => a.Id).Select(a => new HsdsAccessibility
            {
                Id = a.Id, LocationId = a.LocationId, Description = Text(a.Description), Details = Text(a.Details),
            })],
            Phones = [.. l.Phones.Where(p => p.ContactId == null).OrderBy(p => p.Id).Select(Phone)],
            Schedules = [.. l.Schedules.OrderBy(s => s.Id).Select(Schedule)],
            Contacts = [.. contacts],
        };
    }

    public static HsdsContact Contact(Contact c, ILookup<Guid, Phone> phones) => new()
    {
        Id = c.Id, OrganizationId = c.OrganisationId, ServiceId = c.ServiceId, LocationId = c.LocationId,
        Name = Text(c.Name), Title = Text(c.Title), Department = Text(c.Department), Email = Email(c.Email),
        Phones = [.. phones[c.Id].Select(Phone)],
    };

    public static HsdsPhone Phone(Phone p) => new()
    {
        Id = p.Id, OrganizationId = p.OrganisationId, ServiceId = p.ServiceId, LocationId = p.LocationId, ContactId = p.ContactId,
        Number = p.Number,
        Extension = long.TryParse(p.Extension, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
        Type = Text(p.Type), Description = Text(p.Description),
    };

    public static HsdsSchedule Schedule(Schedule s) => new()
    {
        Id = s.Id, ServiceId = s.ServiceId, LocationId = s.LocationId,
        Freq = s.ByDay.Length > 0 ? "WEEKLY" : null,
        Byday = Text(s.ByDay),
        OpensAt = s.OpensAt?.ToString("HH:mm", CultureInfo.InvariantCulture),
        ClosesAt = s.ClosesAt?.ToString("HH:mm", CultureInfo.InvariantCulture),
        Description = Text(s.Description),
    };

    public static HsdsTaxonomy Taxonomy(Taxonomy t) => new()
    {
        Id = t.Id, Name = t.Name, Description = t.Description, Uri = Uri(t.Uri), Version = Text(t.Version),
    };

    public static HsdsTaxonomyTerm Term(TaxonomyTerm t) => new()
    {
        Id = t.Id, Code = t.Code, Name = t.Name, Description = t.Description, ParentId = t.ParentId, TaxonomyId = t.TaxonomyId,
        Language = Text(t.Language),
    };

    public static HsdsUnit Unit(Unit u) => new() { Id = u.Id, Name = u.Name, Scheme = Text(u.Scheme), Identifier = Text(u.Identifier) };

    /// <summary>Times are kept in UTC; the database may hand them back without a kind.</summary>
    public static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static List<string>? List(IEnumerable<string> values) => values.ToList() is { Count: > 0 } list ? list : null;

    /// <summary>HSDS types these as <c>uri</c>; a value that is not an absolute address is not published.</summary>
    private static string? Uri(string? value) =>
        System.Uri.TryCreate(value, UriKind.Absolute, out _) ? value : null;

    private static string? Email(string? value) =>
        value is not null && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value ? value : null;

    private static string LanguageName(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal) ? code : culture.EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
