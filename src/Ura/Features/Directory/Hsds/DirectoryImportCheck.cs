using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Directory.Hsds;

/// <summary>
/// Everything an import file must satisfy before anything is written: the HSDS required fields and
/// value lists, Ura's rules (known countries, organisation types, genders, codes) and references
/// (terms, units, locations) that exist in the file or on the node. Messages are English, one per
/// problem, each starting with where in the file it is.
/// </summary>
internal sealed partial class DirectoryImportCheck(UraDbContext db, HsdsDirectoryDocument document)
{
    private static readonly HashSet<string> Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    private readonly List<string> errors = [];

    public async Task<List<string>> RunAsync(CancellationToken ct)
    {
        if (document.Format != HsdsDirectoryDocument.FormatName)
            Error("format", $"must be \"{HsdsDirectoryDocument.FormatName}\"");

        var countries = (await db.Countries.Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var taxonomies = document.Taxonomies.Select(t => t.Id).Concat(await db.Taxonomies.Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var terms = document.TaxonomyTerms.Select(t => t.Id).Concat(await db.TaxonomyTerms.Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var units = document.Units.Select(u => u.Id).Concat(await db.Units.Select(u => u.Id).ToListAsync(ct)).ToHashSet();

        Unique("taxonomies", document.Taxonomies.Select(t => t.Id));
        Unique("taxonomy_terms", document.TaxonomyTerms.Select(t => t.Id));
        Unique("units", document.Units.Select(u => u.Id));
        Unique("organizations", document.Organizations.Select(o => o.Id));
        Unique("services", document.Organizations.SelectMany(o => o.Services ?? []).Select(s => s.Id));
        Unique("locations", document.Organizations.SelectMany(o => o.Locations ?? []).Select(l => l.Id));

        for (var i = 0; i < document.Taxonomies.Count; i++)
        {
            var t = document.Taxonomies[i];
            Required($"taxonomies[{i}].name", t.Name);
            Required($"taxonomies[{i}].description", t.Description);
        }
        for (var i = 0; i < document.TaxonomyTerms.Count; i++)
        {
            var t = document.TaxonomyTerms[i];
            var at = $"taxonomy_terms[{i}]";
            Required(at + ".name", t.Name);
            Required(at + ".description", t.Description);
            Required(at + ".code", t.Code);
            if (t.TaxonomyId is not { } taxonomy || !taxonomies.Contains(taxonomy))
                Error(at + ".taxonomy_id", "names no taxonomy in the file or on this node");
            if (t.ParentId is { } parent && !terms.Contains(parent))
                Error(at + ".parent_id", "names no taxonomy term in the file or on this node");
        }
        for (var i = 0; i < document.Units.Count; i++)
            Required($"units[{i}].name", document.Units[i].Name);

        var organisationIds = document.Organizations.Select(o => o.Id).ToList();
        var existingOrganisations = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        var namesInUse = (await db.Organisations.Where(o => !organisationIds.Contains(o.Id)).Select(o => new { o.CountryCode, o.Name }).ToListAsync(ct))
            .Select(o => (o.CountryCode.ToUpperInvariant(), o.Name)).ToHashSet();
        var serviceIds = document.Organizations.SelectMany(o => o.Services ?? []).Select(s => s.Id).ToList();
        var serviceOwners = await db.Services.Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.OrganisationId, ct);
        var fileLocations = document.Organizations.SelectMany(o => o.Locations ?? []).ToList();
        var locationIds = fileLocations.Select(l => l.Id).ToList();
        var locationOwners = await db.Locations.Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.OrganisationId, ct);
        var referencedLocations = document.Organizations.SelectMany(o => o.Services ?? []).SelectMany(s => s.ServiceAtLocations ?? [])
            .Select(x => x.LocationId).OfType<Guid>().Distinct().ToList();
        var knownLocations = locationIds.Concat(await db.Locations.Where(l => referencedLocations.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct)).ToHashSet();

        for (var i = 0; i < document.Organizations.Count; i++)
        {
            var o = document.Organizations[i];
            var at = $"organizations[{i}]";
            Required(at + ".name", o.Name);
            if (o.UraCountry is not { } country || !countries.Contains(country))
                Error(at + ".ura_country", $"\"{o.UraCountry}\" is not a country served by this node");
            if (o.UraType is { } type && !Enum.TryParse<OrganisationType>(type, ignoreCase: false, out _) || o.UraType?.All(char.IsDigit) == true)
                Error(at + ".ura_type", $"\"{o.UraType}\" is not an organisation type ({string.Join(", ", Enum.GetNames<OrganisationType>())})");
            if (!existingOrganisations.Contains(o.Id) && o.UraCountry is not null && namesInUse.Contains((o.UraCountry.ToUpperInvariant(), o.Name)))
                Error(at + ".name", $"another organisation in {o.UraCountry.ToUpperInvariant()} is already called \"{o.Name}\"");
            Phones(at + ".phones", o.Phones);
            Contacts(at + ".contacts", o.Contacts);

            for (var j = 0; j < (o.Locations?.Count ?? 0); j++)
            {
                var l = o.Locations![j];
                var lat = $"{at}.locations[{j}]";
                if (HsdsJson.TypeOf(l.LocationType) is null)
                    Error(lat + ".location_type", $"\"{l.LocationType}\" is not an HSDS location type (physical, postal, virtual)");
                if (locationOwners.TryGetValue(l.Id, out var owner) && owner != o.Id)
                    Error(lat + ".id", "is a location of another organisation on this node");
                for (var k = 0; k < (l.Addresses?.Count ?? 0); k++)
                {
                    var a = l.Addresses![k];
                    var aat = $"{lat}.addresses[{k}]";
                    // A confidential location's street is never exported, so it may come back empty.
                    if (l.UraConfidential != true)
                        Required(aat + ".address_1", a.Address1);
                    Required(aat + ".city", a.City);
                    Country(aat + ".country", a.Country);
                    if (HsdsJson.TypeOf(a.AddressType) is null)
                        Error(aat + ".address_type", $"\"{a.AddressType}\" is not an HSDS address type (physical, postal, virtual)");
                }
                Phones(lat + ".phones", l.Phones);
                Schedules(lat + ".schedules", l.Schedules);
                Contacts(lat + ".contacts", l.Contacts);
            }

            for (var j = 0; j < (o.Services?.Count ?? 0); j++)
            {
                var s = o.Services![j];
                var sat = $"{at}.services[{j}]";
                Required(sat + ".name", s.Name);
                if (HsdsJson.StatusOf(s.Status) is null)
                    Error(sat + ".status", $"\"{s.Status}\" is not an HSDS service status (active, inactive, defunct, temporarily closed)");
                if (s.OrganizationId is { } named && named != o.Id)
                    Error(sat + ".organization_id", "differs from the organisation the service is listed under");
                if (serviceOwners.TryGetValue(s.Id, out var owner) && owner != o.Id)
                    Error(sat + ".id", "is a service of another organisation on this node");
                if (s.MinimumAge is < 0 or > 120)
                    Error(sat + ".minimum_age", "must be between 0 and 120");
                if (s.MaximumAge is < 0 or > 120)
                    Error(sat + ".maximum_age", "must be between 0 and 120");
                if (s.MinimumAge > s.MaximumAge)
                    Error(sat + ".maximum_age", "is below minimum_age");
                foreach (var gender in s.UraEligibleGenders ?? [])
                    if (!Enum.TryParse<Gender>(gender, ignoreCase: false, out _) || gender.All(char.IsDigit))
                        Error(sat + ".ura_eligible_genders", $"\"{gender}\" is not a gender ({string.Join(", ", Enum.GetNames<Gender>())})");
                foreach (var nationality in s.UraEligibleNationalities ?? [])
                    Country(sat + ".ura_eligible_nationalities", nationality);
                for (var k = 0; k < (s.Languages?.Count ?? 0); k++)
                    if (s.Languages![k].Code is not { } code || !LanguageCode().IsMatch(code))
                        Error($"{sat}.languages[{k}].code", $"\"{s.Languages[k].Code}\" is not an ISO 639 language code");
                for (var k = 0; k < (s.ServiceAreas?.Count ?? 0); k++)
                    Country($"{sat}.service_areas[{k}].ura_country", s.ServiceAreas![k].UraCountry);
                for (var k = 0; k < (s.CostOptions?.Count ?? 0); k++)
                    if (s.CostOptions![k].Currency is { } currency && !CurrencyCode().IsMatch(currency))
                        Error($"{sat}.cost_options[{k}].currency", $"\"{currency}\" is not an ISO 4217 currency code");
                for (var k = 0; k < (s.RequiredDocuments?.Count ?? 0); k++)
                    Required($"{sat}.required_documents[{k}].document", s.RequiredDocuments![k].Document);
                for (var k = 0; k < (s.Attributes?.Count ?? 0); k++)
                    if (!terms.Contains(s.Attributes![k].TaxonomyTermId))
                        Error($"{sat}.attributes[{k}].taxonomy_term_id", "names no taxonomy term in the file or on this node");
                for (var k = 0; k < (s.Capacities?.Count ?? 0); k++)
                {
                    var c = s.Capacities![k];
                    if (!units.Contains(c.UnitId ?? c.Unit.Id))
                        Error($"{sat}.capacities[{k}].unit", "names no unit in the file or on this node");
                    if (c.Available < 0 || c.Maximum < 0)
                        Error($"{sat}.capacities[{k}].available", "must not be negative");
                }
                for (var k = 0; k < (s.ServiceAtLocations?.Count ?? 0); k++)
                    if (s.ServiceAtLocations![k].LocationId is not { } location || !knownLocations.Contains(location))
                        Error($"{sat}.service_at_locations[{k}].location_id", "names no location in the file or on this node");
                Phones(sat + ".phones", s.Phones);
                Schedules(sat + ".schedules", s.Schedules);
                Contacts(sat + ".contacts", s.Contacts);
            }
        }
        return errors;
    }

    /// <summary>HH:mm or HH:mm:ss.</summary>
    public static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private void Phones(string at, List<HsdsPhone>? phones)
    {
        for (var i = 0; i < (phones?.Count ?? 0); i++)
            Required($"{at}[{i}].number", phones![i].Number);
    }

    private void Contacts(string at, List<HsdsContact>? contacts)
    {
        for (var i = 0; i < (contacts?.Count ?? 0); i++)
            Phones($"{at}[{i}].phones", contacts![i].Phones);
    }

    private void Schedules(string at, List<HsdsSchedule>? schedules)
    {
        for (var i = 0; i < (schedules?.Count ?? 0); i++)
        {
            var s = schedules![i];
            if (s.Freq is { } freq && freq != "WEEKLY")
                Error($"{at}[{i}].freq", "only WEEKLY schedules are kept");
            foreach (var day in (s.Byday ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                if (!Days.Contains(day))
                    Error($"{at}[{i}].byday", $"\"{day}\" is not a day (MO, TU, WE, TH, FR, SA, SU)");
            if (s.OpensAt is not null && Time(s.OpensAt) is null)
                Error($"{at}[{i}].opens_at", $"\"{s.OpensAt}\" is not a time (HH:mm)");
            if (s.ClosesAt is not null && Time(s.ClosesAt) is null)
                Error($"{at}[{i}].closes_at", $"\"{s.ClosesAt}\" is not a time (HH:mm)");
        }
    }

    private void Country(string at, string? code)
    {
        if (code is null || !CountryCode().IsMatch(code))
            Error(at, $"\"{code}\" is not an ISO 3166 alpha-2 country code");
    }

    private void Required(string at, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            Error(at, "is required");
    }

    private void Unique(string what, IEnumerable<Guid> ids)
    {
        foreach (var id in ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key))
            Error(what, $"id {id} appears more than once");
    }

    private void Error(string at, string message) => errors.Add($"{at}: {message}.");

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
