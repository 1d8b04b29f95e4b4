namespace Ura.Platform.Identity;

/// <summary>An organisation whose staff use Ura: NGO, state service, police unit, agency.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string CountryCode { get; set; }
    public Country? Country { get; set; }

    /// <summary>HTCDS 2.0 organisation type (<c>org_</c> value list).</summary>
    public OrganisationType Type { get; set; }

    public bool IsIdentificationAuthority { get; set; }
    public bool IsNationalCoordinatorOffice { get; set; }
    public bool IsShelterOperator { get; set; }

    /// <summary>Receives the anonymous requests for help sent from its country's public form (a hotline).</summary>
    public bool ReceivesHelpRequests { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    /// <summary>The directory profile (HSDS <c>organization</c> description, email, website).</summary>
    public string? Description { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
}

/// <summary>
/// HTCDS 2.0 organisation types (<c>org_Type</c>), stored by name.
/// <see cref="InternationalOrganisation"/> is Ura's addition for agencies such as IOM, which HTCDS lacks.
/// </summary>
public enum OrganisationType
{
    NGO,
    LawEnforcement,
    HealthServiceOrganisation,
    CentralGovernmentOrganisation,
    LocalGovernmentOrganisation,
    ImmigrationService,
    LegalService,
    CorporateBusiness,
    SchoolOrCollege,
    InternationalOrganisation,
}
