using System.Globalization;

namespace Ura.Features.Directory.Hsds;

/// <summary>
/// The query parameters of the HSDS list endpoints, all optional and AND-ed. Read by hand rather than
/// bound, so that a bad value gets a localised message naming the parameter instead of a bare 400.
/// </summary>
public sealed class HsdsQuery
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 200;
    private const int MaxPage = 1_000_000;
    private const int MaxSearch = 200;

    public string? Search { get; private init; }
    public int Page { get; private init; } = 1;
    public int PerPage { get; private init; } = DefaultPerPage;
    public Guid? TaxonomyTermId { get; private init; }
    public Guid? TaxonomyId { get; private init; }
    public Guid? OrganizationId { get; private init; }
    public Guid? ParentId { get; private init; }
    public DateTime? ModifiedAfter { get; private init; }
    public bool Full { get; private init; }
    public bool FullService { get; private init; }
    public bool TopOnly { get; private init; }

    public int Skip => (Page - 1) * PerPage;

    /// <summary>The parameters, or the errors (parameter name → resource key) when any value is unusable.</summary>
    public static (HsdsQuery Query, Dictionary<string, string> Errors) Parse(IQueryCollection query)
    {
        var errors = new Dictionary<string, string>();

        string? Text(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

        int Number(string name, int fallback, int max, string errorKey)
        {
            if (Text(name) is not { } text)
                return fallback;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max)
                return n;
            errors[name] = errorKey;
            return fallback;
        }

        Guid? Id(string name)
        {
            if (Text(name) is not { } text)
                return null;
            if (Guid.TryParse(text, out var id))
                return id;
            errors[name] = "Hsds.IdInvalid";
            return null;
        }

        bool Flag(string name)
        {
            if (Text(name) is not { } text)
                return false;
            if (bool.TryParse(text, out var flag))
                return flag;
            errors[name] = "Hsds.FlagInvalid";
            return false;
        }

        DateTime? modifiedAfter = null;
        if (Text("modified_after") is { } at)
        {
            // An ISO 8601 date or date-time; without an offset it is taken as UTC.
            if (DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
                && at.Length >= 10 && char.IsDigit(at[0]))
                modifiedAfter = parsed.UtcDateTime;
            else
                errors["modified_after"] = "Hsds.DateInvalid";
        }

        var search = Text("search");
        if (search is { Length: > MaxSearch })
            errors["search"] = "Validation.TooLong";

        // Only JSON is served; ndjson streaming is not offered.
        if (Text("format") is { } format && format != "json")
            errors["format"] = "Hsds.FormatUnsupported";

        var parsedQuery = new HsdsQuery
        {
            Search = search,
            Page = Number("page", 1, MaxPage, "Hsds.PageInvalid"),
            PerPage = Number("per_page", DefaultPerPage, MaxPerPage, "Hsds.PerPageInvalid"),
            TaxonomyTermId = Id("taxonomy_term_id"),
            TaxonomyId = Id("taxonomy_id"),
            OrganizationId = Id("organization_id"),
            ParentId = Id("parent_id"),
            ModifiedAfter = modifiedAfter,
            Full = Flag("full"),
            FullService = Flag("full_service"),
            TopOnly = Flag("top_only"),
        };
        return (parsedQuery, errors);
    }
}
