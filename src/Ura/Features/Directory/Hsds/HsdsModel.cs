using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ura.Features.Directory.Hsds;

// The JSON shapes of Open Referral HSDS 3.0 (with the 3.1 service capacity) that /hsds publishes and
// `ura directory export|import` exchanges. Field names are HSDS's own (snake_case). Properties named
// Ura* are Ura's extensions (HSDS allows extra properties); they carry what HSDS has no field for, so
// that an exported directory can be imported again without loss. Empty values are left out.

/// <summary>The serializer settings of every HSDS document: snake_case names, nulls left out.</summary>
public static class HsdsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // HSDS fields Ura does not keep (funding, programs, metadata...) are ignored on import.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>HSDS service <c>status</c> spellings.</summary>
    public static string StatusName(ServiceStatus status) => status switch
    {
        ServiceStatus.Active => "active",
        ServiceStatus.Inactive => "inactive",
        ServiceStatus.Defunct => "defunct",
        _ => "temporarily closed",
    };

    public static ServiceStatus? StatusOf(string? name) => name switch
    {
        "active" => ServiceStatus.Active,
        "inactive" => ServiceStatus.Inactive,
        "defunct" => ServiceStatus.Defunct,
        "temporarily closed" => ServiceStatus.TemporarilyClosed,
        _ => null,
    };

    /// <summary>HSDS <c>location_type</c> / <c>address_type</c> spellings.</summary>
    public static string TypeName(LocationType type) => type.ToString().ToLowerInvariant();

    public static LocationType? TypeOf(string? name) => name switch
    {
        "physical" => LocationType.Physical,
        "postal" => LocationType.Postal,
        "virtual" => LocationType.Virtual,
        _ => null,
    };
}

/// <summary>The HSDS <c>Page</c> wrapper of every list endpoint.</summary>
public sealed record HsdsPage<T>(
    int TotalItems, int TotalPages, int PageNumber, int Size, bool FirstPage, bool LastPage, bool Empty, IReadOnlyList<T> Contents);

/// <summary><c>GET /hsds/</c>: which HSDS this API speaks.</summary>
public sealed record HsdsInfo(string Version, string Profile, string OpenapiUrl);

public sealed class HsdsOrganization
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Email { get; set; }
    public string? Website { get; set; }

    /// <summary>ISO 3166 alpha-2 country of the organisation.</summary>
    public string? UraCountry { get; set; }

    /// <summary>HTCDS organisation type (Ura <c>OrganisationType</c> name).</summary>
    public string? UraType { get; set; }
    public bool? UraIdentificationAuthority { get; set; }
    public bool? UraCoordinatorOffice { get; set; }
    public bool? UraShelterOperator { get; set; }

    public List<HsdsPhone>? Phones { get; set; }
    public List<HsdsContact>? Contacts { get; set; }
    public List<HsdsLocation>? Locations { get; set; }
    public List<HsdsService>? Services { get; set; }
}

public sealed class HsdsService
{
    public Guid Id { get; set; }
    public Guid? OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string? AlternateName { get; set; }
    public string? Description { get; set; }
    public string? Url { get; set; }
    public string? Email { get; set; }
    public string Status { get; set; } = "";
    public string? InterpretationServices { get; set; }
    public string? ApplicationProcess { get; set; }
    public string? FeesDescription { get; set; }
    public string? EligibilityDescription { get; set; }
    public int? MinimumAge { get; set; }
    public int? MaximumAge { get; set; }
    public DateTimeOffset? LastModified { get; set; }

    /// <summary>Genders served (Ura <c>Gender</c> names); absent means everyone.</summary>
    public List<string>? UraEligibleGenders { get; set; }

    /// <summary>Citizenships served (ISO 3166 alpha-2); absent means any.</summary>
    public List<string>? UraEligibleNationalities { get; set; }
    public bool? UraAcceptsReferrals { get; set; }

    public List<HsdsPhone>? Phones { get; set; }
    public List<HsdsSchedule>? Schedules { get; set; }
    public List<HsdsServiceArea>? ServiceAreas { get; set; }
    public List<HsdsServiceAtLocation>? ServiceAtLocations { get; set; }
    public List<HsdsLanguage>? Languages { get; set; }
    public HsdsOrganization? Organization { get; set; }
    public List<HsdsCostOption>? CostOptions { get; set; }
    public List<HsdsRequiredDocument>? RequiredDocuments { get; set; }
    public List<HsdsContact>? Contacts { get; set; }

    /// <summary>HSDS 3.1 <c>capacities</c> (free shelter beds).</summary>
    public List<HsdsCapacity>? Capacities { get; set; }

    /// <summary>The service's taxonomy terms (HSDS <c>attribute</c> with <c>link_entity</c> service).</summary>
    public List<HsdsAttribute>? Attributes { get; set; }
}

public sealed class HsdsLocation
{
    public Guid Id { get; set; }
    public string LocationType { get; set; } = "";
    public string? Url { get; set; }
    public Guid? OrganizationId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Transportation { get; set; }

    /// <summary>A confidential location (a shelter): published with its city and region only.</summary>
    public bool? UraConfidential { get; set; }
    public DateTimeOffset? UraModified { get; set; }

    public List<HsdsAddress>? Addresses { get; set; }
    public List<HsdsAccessibility>? Accessibility { get; set; }
    public List<HsdsPhone>? Phones { get; set; }
    public List<HsdsSchedule>? Schedules { get; set; }
    public List<HsdsContact>? Contacts { get; set; }
}

public sealed class HsdsAddress
{
    public Guid Id { get; set; }
    public Guid? LocationId { get; set; }
    public string? Attention { get; set; }

    [JsonPropertyName("address_1")]
    public string Address1 { get; set; } = "";

    [JsonPropertyName("address_2")]
    public string? Address2 { get; set; }
    public string City { get; set; } = "";
    public string? Region { get; set; }

    // HSDS requires state_province and postal_code to be present; Ura sends "" when it has none.
    public string StateProvince { get; set; } = "";
    public string PostalCode { get; set; } = "";

    /// <summary>ISO 3166 alpha-2.</summary>
    public string Country { get; set; } = "";
    public string AddressType { get; set; } = "";
}

public sealed class HsdsServiceAtLocation
{
    public Guid Id { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? LocationId { get; set; }
    public string? Description { get; set; }
    public HsdsLocation? Location { get; set; }
}

public sealed class HsdsPhone
{
    public Guid Id { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? LocationId { get; set; }
    public Guid? ContactId { get; set; }
    public string Number { get; set; } = "";

    /// <summary>HSDS types the extension as a number; Ura sends it only when it is all digits.</summary>
    public long? Extension { get; set; }
    public string? Type { get; set; }
    public string? Description { get; set; }
}

public sealed class HsdsContact
{
    public Guid Id { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? LocationId { get; set; }
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Department { get; set; }
    public string? Email { get; set; }
    public List<HsdsPhone>? Phones { get; set; }
}

public sealed class HsdsSchedule
{
    public Guid Id { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? LocationId { get; set; }

    /// <summary>WEEKLY when the schedule names days.</summary>
    public string? Freq { get; set; }
    public string? Byday { get; set; }

    /// <summary>HH:mm.</summary>
    public string? OpensAt { get; set; }
    public string? ClosesAt { get; set; }
    public string? Description { get; set; }
}

public sealed class HsdsLanguage
{
    public Guid Id { get; set; }
    public Guid? ServiceId { get; set; }
    public string? Name { get; set; }

    /// <summary>ISO 639 code.</summary>
    public string? Code { get; set; }
    public string? Note { get; set; }
}

public sealed class HsdsServiceArea
{
    public Guid Id { get; set; }
    public Guid? ServiceId { get; set; }

    /// <summary>Region or city; absent means the whole country.</summary>
    public string? Name { get; set; }
    public string? Description { get; set; }

    /// <summary>ISO 3166 alpha-2 country the area lies in.</summary>
    public string? UraCountry { get; set; }
}

public sealed class HsdsCostOption
{
    public Guid Id { get; set; }
    public Guid? ServiceId { get; set; }
    public string? Option { get; set; }
    public string? Currency { get; set; }
    public decimal? Amount { get; set; }
    public string? AmountDescription { get; set; }
}

public sealed class HsdsRequiredDocument
{
    public Guid Id { get; set; }
    public Guid? ServiceId { get; set; }
    public string? Document { get; set; }
}

public sealed class HsdsAccessibility
{
    public Guid Id { get; set; }
    public Guid? LocationId { get; set; }
    public string? Description { get; set; }
    public string? Details { get; set; }
}

public sealed class HsdsAttribute
{
    public Guid Id { get; set; }
    public Guid? LinkId { get; set; }
    public Guid TaxonomyTermId { get; set; }
    public string? LinkType { get; set; }
    public string? LinkEntity { get; set; }
    public HsdsTaxonomyTerm? TaxonomyTerm { get; set; }
}

public sealed class HsdsTaxonomy
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Uri { get; set; }
    public string? Version { get; set; }
}

public sealed class HsdsTaxonomyTerm
{
    public Guid Id { get; set; }
    public string? Code { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid? ParentId { get; set; }
    public Guid? TaxonomyId { get; set; }
    public string? Language { get; set; }
}

public sealed class HsdsCapacity
{
    public Guid Id { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? UnitId { get; set; }
    public HsdsUnit Unit { get; set; } = new();
    public int Available { get; set; }
    public int? Maximum { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset Updated { get; set; }
}

public sealed class HsdsUnit
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? Scheme { get; set; }
    public string? Identifier { get; set; }
}

/// <summary>
/// A whole directory in one file (<c>ura directory export</c>): the taxonomies with their terms, the
/// capacity units, and every organisation with its phones, contacts, locations and fully nested services.
/// </summary>
public sealed class HsdsDirectoryDocument
{
    public const string FormatName = "ura-hsds-directory/1";

    public string Format { get; set; } = FormatName;
    public string HsdsVersion { get; set; } = "3.0";
    public List<HsdsTaxonomy> Taxonomies { get; set; } = [];
    public List<HsdsTaxonomyTerm> TaxonomyTerms { get; set; } = [];
    public List<HsdsUnit> Units { get; set; } = [];
    public List<HsdsOrganization> Organizations { get; set; } = [];
}
