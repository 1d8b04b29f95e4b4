using Microsoft.AspNetCore.Authorization;
using Ura.Platform.Identity;

namespace Ura.Platform.Authorization;

/// <summary>Named policies. Each one also demands two factors where the user's roles call for it.</summary>
public static class Policies
{
    public const string SystemAdmin = "SystemAdmin";
    public const string OrganisationAdmin = "OrganisationAdmin";
    public const string AuditReader = "AuditReader";
    public const string CaseWorker = "CaseWorker";
    public const string IdentificationOfficer = "IdentificationOfficer";
    public const string Supervisor = "Supervisor";

    /// <summary>Roles that work on cases, and so have case lists and tasks: case workers, supervisors, identification officers.</summary>
    public const string CaseWork = "CaseWork";

    /// <summary>Who maintains directory entries: an organisation's admins (its own), national coordinators (their country's).</summary>
    public const string DirectoryEditor = "DirectoryEditor";

    /// <summary>Who reads the HSDS API <c>/hsds</c>: anyone when the node makes it public, otherwise signed-in users and tokens.</summary>
    public const string HsdsReader = "HsdsReader";

    /// <summary>Who works a referral inbox: the case workers and supervisors of the receiving organisation.</summary>
    public const string ReferralReceiver = "ReferralReceiver";

    /// <summary>Who runs a shelter day to day (facilities, beds, residents, the financial plan): its organisation's shelter managers.</summary>
    public const string ShelterManager = "ShelterManager";

    /// <summary>Who looks for a free bed: the people who refer (case work) and place people (shelter managers), and national coordinators.</summary>
    public const string ShelterBoard = "ShelterBoard";

    /// <summary>Who reads occupancy and length-of-stay figures: shelter managers (their own), supervisors, coordinators and analysts.</summary>
    public const string ShelterStatistics = "ShelterStatistics";

    /// <summary>Who runs awareness and capacity-building work (campaigns, trainings, exchange visits, capacity assessments): outreach officers.</summary>
    public const string Outreach = "Outreach";

    /// <summary>Who writes, reviews and publishes the public help pages: outreach officers and national coordinators.</summary>
    public const string HelpPagesEditor = "HelpPagesEditor";

    /// <summary>Who reads the awareness and capacity-building programme (figures, no person): outreach officers, coordinators, analysts.</summary>
    public const string ProgrammeReader = "ProgrammeReader";

    /// <summary>Who answers anonymous requests for help: case workers and supervisors (of an organisation that receives them, checked per request).</summary>
    public const string HelpRequestHandler = "HelpRequestHandler";

    /// <summary>Who records food and sanitary items given out at identification points: identification officers, case workers, supervisors, outreach officers.</summary>
    public const string FieldProvisions = "FieldProvisions";

    /// <summary>Who reads indicator reports and national figures (aggregates only, small numbers hidden): coordinators, analysts, supervisors.</summary>
    public const string ReportReader = "ReportReader";

    /// <summary>Who reads the TIP Report figures of a country: its national coordinators, and analysts (any country of the node).</summary>
    public const string TipReportReader = "TipReportReader";

    /// <summary>Who runs data exports: national coordinators (CTDC, their country) and supervisors (HTCDS, their organisation); each run is the requester's alone.</summary>
    public const string Exporter = "Exporter";

    /// <summary>Who creates and changes the projects indicator reports are scoped to: national coordinators (their country's).</summary>
    public const string ProjectEditor = "ProjectEditor";

    public static void Add(AuthorizationOptions options)
    {
        var standard = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .AddRequirements(new PasswordChangeRequirement(), new TwoFactorRequirement()).Build();
        options.DefaultPolicy = standard;
        options.FallbackPolicy = standard;
        options.AddPolicy(SystemAdmin, p => p.Combine(standard).RequireRole(Roles.SystemAdmin));
        options.AddPolicy(OrganisationAdmin, p => p.Combine(standard).RequireRole(Roles.OrganisationAdmin, Roles.SystemAdmin));
        options.AddPolicy(CaseWorker, p => p.Combine(standard).RequireRole(Roles.CaseWorker));
        options.AddPolicy(IdentificationOfficer, p => p.Combine(standard).RequireRole(Roles.IdentificationOfficer));
        options.AddPolicy(CaseWork, p => p.Combine(standard).RequireRole(Roles.CaseWorker, Roles.Supervisor, Roles.IdentificationOfficer));
        options.AddPolicy(DirectoryEditor, p => p.Combine(standard).RequireRole(Roles.OrganisationAdmin, Roles.NationalCoordinator));
        // No authenticated-user requirement: the HSDS requirement decides, from the node setting.
        options.AddPolicy(HsdsReader, p => p.AddRequirements(
            Features.Directory.Hsds.HsdsReadRequirement.Instance, new PasswordChangeRequirement(), new TwoFactorRequirement()));
        options.AddPolicy(ReferralReceiver, p => p.Combine(standard).RequireRole(Roles.CaseWorker, Roles.Supervisor));
        options.AddPolicy(Supervisor, p => p.Combine(standard).RequireRole(Roles.Supervisor));
        options.AddPolicy(ShelterManager, p => p.Combine(standard).RequireRole(Roles.ShelterManager));
        options.AddPolicy(ShelterBoard, p => p.Combine(standard).RequireRole(
            Roles.CaseWorker, Roles.Supervisor, Roles.IdentificationOfficer, Roles.ShelterManager, Roles.NationalCoordinator));
        options.AddPolicy(ShelterStatistics, p => p.Combine(standard).RequireRole(
            Roles.ShelterManager, Roles.Supervisor, Roles.NationalCoordinator, Roles.Analyst));
        options.AddPolicy(Outreach, p => p.Combine(standard).RequireRole(Roles.OutreachOfficer));
        options.AddPolicy(HelpPagesEditor, p => p.Combine(standard).RequireRole(Roles.OutreachOfficer, Roles.NationalCoordinator));
        options.AddPolicy(ProgrammeReader, p => p.Combine(standard).RequireRole(Roles.OutreachOfficer, Roles.NationalCoordinator, Roles.Analyst));
        options.AddPolicy(HelpRequestHandler, p => p.Combine(standard).RequireRole(Roles.CaseWorker, Roles.Supervisor));
        options.AddPolicy(FieldProvisions, p => p.Combine(standard).RequireRole(
            Roles.IdentificationOfficer, Roles.CaseWorker, Roles.Supervisor, Roles.OutreachOfficer));
        options.AddPolicy(ReportReader, p => p.Combine(standard).RequireRole(Roles.NationalCoordinator, Roles.Analyst, Roles.Supervisor));
        options.AddPolicy(TipReportReader, p => p.Combine(standard).RequireRole(Roles.NationalCoordinator, Roles.Analyst));
        options.AddPolicy(Exporter, p => p.Combine(standard).RequireRole(Roles.NationalCoordinator, Roles.Supervisor));
        options.AddPolicy(ProjectEditor, p => p.Combine(standard).RequireRole(Roles.NationalCoordinator));
        options.AddPolicy(AuditReader, p => p.Combine(standard).RequireRole(Roles.Supervisor, Roles.OrganisationAdmin, Roles.SystemAdmin));
    }
}
