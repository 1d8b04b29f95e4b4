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
}
