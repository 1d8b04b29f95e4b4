using Ura.Features.Cases;
using Ura.Platform.Identity;

namespace Ura.Platform.Authorization;

/// <summary>An entity that belongs to one organisation.</summary>
public interface IOrganisationOwned
{
    Guid OrganisationId { get; }
}

/// <summary>
/// The one place that says what a user may load. Every load by id goes through one of these filters
/// inside the query, so a row out of scope is simply not found and the caller answers 404.
/// </summary>
public static class Scoping
{
    /// <summary>Rows of the signed-in user's organisation.</summary>
    public static IQueryable<T> OfOwnOrganisation<T>(this IQueryable<T> rows, CurrentUser user) where T : IOrganisationOwned
    {
        var organisationId = user.OrganisationId ?? Guid.Empty;
        return rows.Where(r => r.OrganisationId == organisationId);
    }

    /// <summary>
    /// Cases whose content the user may read: the case team (assigned case workers) and the
    /// supervisors of the owning organisation. Nobody else, not admins, not coordinators.
    /// </summary>
    public static IQueryable<Case> VisibleToCaseTeam(this IQueryable<Case> cases, CurrentUser user)
    {
        if (user.Id is not { } userId || user.OrganisationId is not { } organisationId)
            return cases.Where(_ => false);
        var own = cases.Where(c => c.OrganisationId == organisationId);
        if (user.IsInRole(Roles.Supervisor))
            return own;
        if (user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.IdentificationOfficer))
            return own.Where(c => c.Team.Any(m => m.UserId == userId));
        return cases.Where(_ => false);
    }
}
