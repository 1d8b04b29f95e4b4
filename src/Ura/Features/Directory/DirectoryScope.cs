using Ura.Platform.Authorization;
using Ura.Platform.Identity;

namespace Ura.Features.Directory;

/// <summary>
/// Whose directory entries a user maintains: an organisation admin their own organisation's, a
/// national coordinator every organisation's of their country. Applied inside each query, so an
/// entry out of scope is simply not found (404).
/// </summary>
public static class DirectoryScope
{
    public static IQueryable<Organisation> EditableBy(this IQueryable<Organisation> organisations, CurrentUser user)
    {
        var admin = user.IsInRole(Roles.OrganisationAdmin);
        var coordinator = user.IsInRole(Roles.NationalCoordinator);
        var organisationId = user.OrganisationId ?? Guid.Empty;
        var country = user.CountryCode ?? "";
        if (!admin && !coordinator)
            return organisations.Where(_ => false);
        return organisations.Where(o => o.IsActive && ((admin && o.Id == organisationId) || (coordinator && o.CountryCode == country)));
    }

    public static IQueryable<Service> EditableBy(this IQueryable<Service> services, CurrentUser user)
    {
        var admin = user.IsInRole(Roles.OrganisationAdmin);
        var coordinator = user.IsInRole(Roles.NationalCoordinator);
        var organisationId = user.OrganisationId ?? Guid.Empty;
        var country = user.CountryCode ?? "";
        if (!admin && !coordinator)
            return services.Where(_ => false);
        return services.Where(s => s.Organisation!.IsActive && ((admin && s.OrganisationId == organisationId) || (coordinator && s.Organisation.CountryCode == country)));
    }

    /// <summary>
    /// Locations a user maintains. A confidential location (a shelter) only by its own organisation:
    /// its street never leaves the organisation, not even to the coordinator.
    /// </summary>
    public static IQueryable<Location> EditableBy(this IQueryable<Location> locations, IQueryable<Organisation> organisations, CurrentUser user)
    {
        var organisationId = user.OrganisationId ?? Guid.Empty;
        var editable = organisations.EditableBy(user).Select(o => o.Id);
        return locations.Where(l => editable.Contains(l.OrganisationId) && (!l.IsConfidential || l.OrganisationId == organisationId));
    }
}
