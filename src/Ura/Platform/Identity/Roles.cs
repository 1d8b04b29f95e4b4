namespace Ura.Platform.Identity;

/// <summary>The roles a user can hold. Names are stored in the database; never rename one.</summary>
public static class Roles
{
    public const string CaseWorker = "CaseWorker";
    public const string Supervisor = "Supervisor";
    public const string IdentificationOfficer = "IdentificationOfficer";
    public const string ShelterManager = "ShelterManager";
    public const string OutreachOfficer = "OutreachOfficer";
    public const string NationalCoordinator = "NationalCoordinator";
    public const string Analyst = "Analyst";
    public const string OrganisationAdmin = "OrganisationAdmin";
    public const string SystemAdmin = "SystemAdmin";

    public static readonly IReadOnlyList<string> All =
    [
        CaseWorker, Supervisor, IdentificationOfficer, ShelterManager, OutreachOfficer,
        NationalCoordinator, Analyst, OrganisationAdmin, SystemAdmin,
    ];

    /// <summary>
    /// Roles that can read case content (shelter managers read residents' minimal personal data).
    /// A user holding any of them must sign in with two factors.
    /// </summary>
    public static readonly IReadOnlySet<string> RequiringTwoFactor = new HashSet<string>
    {
        CaseWorker, Supervisor, IdentificationOfficer, ShelterManager,
    };

    public static bool IsKnown(string role) => All.Contains(role);
}
