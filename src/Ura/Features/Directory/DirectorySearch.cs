using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Data;

namespace Ura.Features.Directory;

/// <summary>
/// What the directory is asked for. Every value is a code, a number or a few words of a service's
/// name, so a search can be shared as a link. <see cref="Case"/> only travels along, so a worker
/// who came from a case can refer from the service page.
/// </summary>
public sealed class DirectoryFilter
{
    /// <summary>A service category code (<see cref="ServiceTaxonomy"/>); its narrower categories match too.</summary>
    public string? Category { get; set; }

    /// <summary>ISO 3166 alpha-2 country the service is given in or covers.</summary>
    public string? Country { get; set; }

    /// <summary>A city where the service has a location, or a city or region its service area names.</summary>
    public string? City { get; set; }

    /// <summary>ISO 639 code of a language the service is given in.</summary>
    public string? Language { get; set; }

    /// <summary>Services that accept a person of this age (years).</summary>
    public int? Age { get; set; }

    /// <summary>Only services that accept children (under 18).</summary>
    public bool? Minors { get; set; }

    /// <summary>Services that accept a person of this gender (<see cref="Gender"/> name).</summary>
    public string? Gender { get; set; }

    /// <summary>Words of the service's name.</summary>
    public string? Q { get; set; }

    /// <summary>The case the worker is finding a service for; carried through links only.</summary>
    public Guid? Case { get; set; }

    public int? Page { get; set; }

    public int PageNumber => Page ?? 1;

    /// <summary>The search as query string pairs (no page), for links that keep it.</summary>
    public IEnumerable<(string Key, string Value)> Pairs()
    {
        (string, string?)[] all =
        [
            ("category", Category), ("country", Country), ("city", City), ("language", Language),
            ("age", Age?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("minors", Minors == true ? "true" : null),
            ("gender", Gender), ("q", Q), ("case", Case?.ToString()),
        ];
        return all.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => (p.Item1, p.Item2!));
    }

    /// <summary>A query string for these pairs, starting with <c>?</c> (empty when there are none).</summary>
    public static string Query(IEnumerable<(string Key, string Value)> pairs)
    {
        var text = string.Join("&", pairs.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        return text.Length == 0 ? "" : "?" + text;
    }
}

/// <summary>One service in a list of search results: what it is, who gives it, where, for whom. No street addresses.</summary>
public sealed record ServiceListRow(
    Guid Id, string Name, Guid OrganisationId, string OrganisationName, string CountryCode, ServiceStatus Status, bool AcceptsReferrals,
    int? MinimumAge, int? MaximumAge, IReadOnlyList<string> Genders,
    IReadOnlyList<string> Categories, IReadOnlyList<string> Languages, IReadOnlyList<string> Cities);

/// <summary>One page of search results; no total (see <see cref="CasePage"/>): only whether another page follows.</summary>
public sealed record ServicePage(IReadOnlyList<ServiceListRow> Items, int Page, int PageSize, bool HasMore)
{
    public int First => (Page - 1) * PageSize + 1;

    public int Last => First + Items.Count - 1;
}

/// <summary>
/// Searches the service directory. Any signed-in user may search it: it holds no case content,
/// and confidential locations give only their city. One page query plus one query each for the
/// page's categories, languages and cities (never one per row).
/// </summary>
public sealed partial class DirectorySearch(UraDbContext db)
{
    public const int PageSize = 20;
    public const int MaxPage = 100;
    public const int Adult = 18;

    public static IReadOnlyList<RuleError> Check(DirectoryFilter f)
    {
        var errors = new List<RuleError>();
        if (!string.IsNullOrEmpty(f.Category) && ServiceTaxonomy.Find(f.Category) is null)
            errors.Add(new(nameof(f.Category), "Directory.UnknownCategory"));
        if (!string.IsNullOrEmpty(f.Country) && !PersonRules.IsCountry(f.Country))
            errors.Add(new(nameof(f.Country), "Cases.Person.UnknownCountry"));
        if (f.City?.Length > 100)
            errors.Add(new(nameof(f.City), "Validation.TooLong"));
        if (!string.IsNullOrEmpty(f.Language) && !LanguageCode().IsMatch(f.Language))
            errors.Add(new(nameof(f.Language), "Cases.Person.UnknownLanguage"));
        if (f.Age is < 0 or > 120)
            errors.Add(new(nameof(f.Age), "Directory.AgeOutOfRange"));
        if (!string.IsNullOrEmpty(f.Gender) && !PersonRules.IsValue<Gender>(f.Gender))
            errors.Add(new(nameof(f.Gender), "Cases.Person.UnknownGender"));
        if (f.Q?.Length > 100)
            errors.Add(new(nameof(f.Q), "Validation.TooLong"));
        if (f.PageNumber is < 1 or > MaxPage)
            errors.Add(new(nameof(f.Page), "CaseList.PageOutOfRange"));
        return errors;
    }

    [GeneratedRegex("^[a-z]{2,3}$")]
    internal static partial Regex LanguageCode();

    public async Task<CommandResult<ServicePage>> SearchAsync(DirectoryFilter f, CancellationToken ct)
    {
        var errors = Check(f);
        if (errors.Count > 0)
            return CommandResult<ServicePage>.Refused([.. errors]);

        var services = db.Services.AsNoTracking().Where(s => s.Organisation!.IsActive);
        if (!string.IsNullOrEmpty(f.Category))
        {
            // A broad category also finds the services filed under its narrower ones.
            var category = ServiceTaxonomy.Find(f.Category)!;
            var termIds = ServiceTaxonomy.Categories.Where(c => c.Code == category.Code || c.Parent == category.Code).Select(c => c.Id).ToList();
            services = services.Where(s => db.ServiceTerms.Any(t => t.ServiceId == s.Id && termIds.Contains(t.TaxonomyTermId)));
        }
        if (!string.IsNullOrEmpty(f.Country))
        {
            var country = f.Country.ToUpperInvariant();
            services = services.Where(s => s.Organisation!.CountryCode == country
                || db.ServiceAreas.Any(a => a.ServiceId == s.Id && a.CountryCode == country));
        }
        if (!string.IsNullOrWhiteSpace(f.City))
        {
            var city = f.City.Trim();
            services = services.Where(s =>
                db.ServiceAtLocations.Any(sl => sl.ServiceId == s.Id && db.Addresses.Any(a => a.LocationId == sl.LocationId && (a.City == city || a.Region == city)))
                || db.ServiceAreas.Any(a => a.ServiceId == s.Id && a.Name == city));
        }
        if (!string.IsNullOrEmpty(f.Language))
        {
            var language = f.Language;
            services = services.Where(s => db.ServiceLanguages.Any(l => l.ServiceId == s.Id && l.Code == language));
        }
        if (f.Age is { } age)
            services = services.Where(s => (s.MinimumAge == null || s.MinimumAge <= age) && (s.MaximumAge == null || s.MaximumAge >= age));
        if (f.Minors == true)
            services = services.Where(s => s.MinimumAge == null || s.MinimumAge < Adult);
        if (!string.IsNullOrEmpty(f.Gender))
        {
            // Genders are stored as "Feminine,TransgenderFeminine"; commas around both sides match whole names only.
            var needle = "," + f.Gender + ",";
            services = services.Where(s => s.EligibleGenders == "" || ("," + s.EligibleGenders + ",").Contains(needle));
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var words = f.Q.Trim().ToLowerInvariant();
            services = services.Where(s => s.Name.ToLower().Contains(words) || (s.AlternateName != null && s.AlternateName.ToLower().Contains(words)));
        }

        // One row more than a page says whether another page follows, without counting.
        var rows = await services.OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Skip((f.PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(s => new
            {
                s.Id, s.Name, s.OrganisationId, OrganisationName = s.Organisation!.Name, s.Organisation.CountryCode, s.Status,
                s.AcceptsReferrals, s.MinimumAge, s.MaximumAge, s.EligibleGenders,
            }).ToListAsync(ct);
        var hasMore = rows.Count > PageSize;
        if (hasMore)
            rows.RemoveAt(PageSize);

        var ids = rows.Select(r => r.Id).ToList();
        var details = await DetailsAsync(ids, ct);
        var items = rows.Select(r => new ServiceListRow(r.Id, r.Name, r.OrganisationId, r.OrganisationName, r.CountryCode, r.Status, r.AcceptsReferrals,
            r.MinimumAge, r.MaximumAge, r.EligibleGenders.Split(',', StringSplitOptions.RemoveEmptyEntries),
            details.Categories(r.Id), details.Languages(r.Id), details.Cities(r.Id))).ToList();
        return CommandResult<ServicePage>.Done(new ServicePage(items, f.PageNumber, PageSize, hasMore));
    }

    /// <summary>Categories, languages and cities of a page of services, in three queries.</summary>
    internal async Task<ServiceListDetails> DetailsAsync(List<Guid> ids, CancellationToken ct)
    {
        var terms = await db.ServiceTerms.AsNoTracking().Where(t => ids.Contains(t.ServiceId))
            .Select(t => new { t.ServiceId, t.TaxonomyTermId }).ToListAsync(ct);
        var languages = await db.ServiceLanguages.AsNoTracking().Where(l => ids.Contains(l.ServiceId))
            .Select(l => new { l.ServiceId, l.Code }).ToListAsync(ct);
        var cities = await (
            from sl in db.ServiceAtLocations
            join a in db.Addresses on sl.LocationId equals a.LocationId
            where ids.Contains(sl.ServiceId)
            select new { sl.ServiceId, a.City }).Distinct().ToListAsync(ct);
        var codes = ServiceTaxonomy.Categories.ToDictionary(c => c.Id, c => c.Code);
        return new ServiceListDetails(
            terms.Where(t => codes.ContainsKey(t.TaxonomyTermId)).ToLookup(t => t.ServiceId, t => codes[t.TaxonomyTermId]),
            languages.ToLookup(l => l.ServiceId, l => l.Code),
            cities.ToLookup(c => c.ServiceId, c => c.City));
    }

    /// <summary>The cities the directory knows in a country (or everywhere), for the search form.</summary>
    public async Task<IReadOnlyList<string>> CitiesAsync(string? country, CancellationToken ct)
    {
        var addresses = db.Addresses.AsNoTracking();
        if (!string.IsNullOrEmpty(country) && PersonRules.IsCountry(country))
        {
            var code = country.ToUpperInvariant();
            addresses = addresses.Where(a => a.CountryCode == code);
        }
        var cities = await addresses.Select(a => a.City).Distinct().OrderBy(c => c).Take(500).ToListAsync(ct);
        return [.. cities.Order(StringComparer.CurrentCulture)];
    }
}

internal sealed record ServiceListDetails(ILookup<Guid, string> CategoryCodes, ILookup<Guid, string> LanguageCodes, ILookup<Guid, string> CityNames)
{
    public IReadOnlyList<string> Categories(Guid id) => [.. CategoryCodes[id].Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Languages(Guid id) => [.. LanguageCodes[id].Distinct()];

    public IReadOnlyList<string> Cities(Guid id) => [.. CityNames[id].Distinct().Order(StringComparer.CurrentCulture)];
}

/// <summary>The search's own index (kept with the search rather than in DirectoryModel.cs): services in name order.</summary>
internal sealed class DirectorySearchIndexes : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<Service>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Service> e) => e.HasIndex(s => new { s.Name, s.Id });
}
