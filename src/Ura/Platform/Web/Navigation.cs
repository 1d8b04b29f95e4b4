using Microsoft.EntityFrameworkCore;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Platform.Web;

/// <summary>What the main navigation offers the signed-in user, by role.</summary>
public sealed class Navigation(CurrentUser user, UraDbContext db)
{
    public sealed record Link(string Href, string TextKey);

    public string? OrganisationName => user.OrganisationId is { } id
        ? db.Organisations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefault()
        : null;

    /// <summary>Whether the user's organisation is one that receives the public's requests for help (a hotline).</summary>
    private bool ReceivesHelpRequests => user.OrganisationId is { } id
        && db.Organisations.Any(o => o.Id == id && o.ReceivesHelpRequests && o.IsActive);

    /// <summary>Whether the user's organisation keeps field provisions at some place.</summary>
    private bool KeepsProvisions => user.OrganisationId is { } id && db.ProvisionPoints.Any(p => p.OrganisationId == id);

    public IEnumerable<Link> Links()
    {
        yield return new("/", "Nav.Home");
        if (user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.IdentificationOfficer) || user.IsInRole(Roles.Supervisor))
            yield return new("/cases", "Nav.Cases");
        if (user.IsInRole(Roles.CaseWorker))
            yield return new("/cases/new", "Nav.NewCase");
        if (user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.Supervisor))
            yield return new("/identification/screenings", "Nav.Screenings");
        if (user.IsInRole(Roles.IdentificationOfficer))
            yield return new("/identification/submissions", "Nav.Submissions");
        if (user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.IdentificationOfficer))
            yield return new("/tasks", "Nav.MyTasks");
        if (user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.Supervisor))
            yield return new("/referrals/inbox", "Nav.ReferralInbox");
        if (user.IsInRole(Roles.NationalCoordinator))
            yield return new("/referrals/transnational", "Nav.TransnationalInbox");
        if (user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.Supervisor))
            yield return new("/transnational/returns", "Nav.Returns");
        if (user.IsInRole(Roles.ShelterManager))
            yield return new("/shelters", "Nav.Shelters");
        if (user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.IdentificationOfficer)
            || user.IsInRole(Roles.ShelterManager) || user.IsInRole(Roles.NationalCoordinator))
            yield return new("/shelters/board", "Nav.FreeBeds");
        if (user.IsInRole(Roles.ShelterManager) || user.IsInRole(Roles.NationalCoordinator) || user.IsInRole(Roles.Analyst) || user.IsInRole(Roles.Supervisor))
            yield return new("/shelters/statistics", "Nav.ShelterStatistics");
        if (user.IsInRole(Roles.NationalCoordinator) || user.IsInRole(Roles.Analyst) || user.IsInRole(Roles.Supervisor))
            yield return new("/reports", "Nav.Reports");
        if (user.IsInRole(Roles.OutreachOfficer) || user.IsInRole(Roles.NationalCoordinator))
            yield return new("/awareness/pages", "Nav.HelpPages");
        if (user.IsInRole(Roles.OutreachOfficer) || user.IsInRole(Roles.NationalCoordinator) || user.IsInRole(Roles.Analyst))
        {
            yield return new("/awareness/campaigns", "Nav.Campaigns");
            yield return new("/training", "Nav.Training");
            yield return new("/training/assessments", "Nav.CapacityAssessments");
        }
        if (user.IsInRole(Roles.NationalCoordinator) || user.IsInRole(Roles.Analyst) || user.IsInRole(Roles.Supervisor))
            yield return new("/reports/projects", "Nav.Projects");
        if (user.IsInRole(Roles.IdentificationOfficer)
            || ((user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.OutreachOfficer)) && KeepsProvisions))
            yield return new("/provisions", "Nav.Provisions");
        if ((user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.Supervisor)) && ReceivesHelpRequests)
            yield return new("/help-requests", "Nav.HelpRequests");
        if (user.IsInRole(Roles.Supervisor))
            yield return new("/cases/closures", "Nav.Closures");
        if (user.IsInRole(Roles.NationalCoordinator) || user.IsInRole(Roles.Supervisor))
            yield return new("/reports/exports", "Nav.Exports");
        if (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.OrganisationAdmin) || user.IsInRole(Roles.SystemAdmin))
            yield return new("/audit", "Nav.Audit");
        if (user.IsInRole(Roles.OrganisationAdmin) || user.IsInRole(Roles.SystemAdmin))
            yield return new("/admin/users", "Nav.Users");
        if (user.IsInRole(Roles.SystemAdmin))
        {
            yield return new("/admin/organisations", "Nav.Organisations");
            yield return new("/admin/countries", "Nav.Countries");
            yield return new("/identification/instruments", "Nav.Instruments");
            yield return new("/admin/federation", "Nav.Federation");
        }
        yield return new("/directory", "Nav.Directory");
        yield return new("/account", "Nav.Account");
    }
}
