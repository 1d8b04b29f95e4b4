using System.Security.Claims;

namespace Ura.Platform.Authorization;

/// <summary>
/// Who is acting in this request, read from the signed-in principal. Tenant values used for scoping
/// come from here and the route, never from a request body.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http)
{
    public const string OrganisationClaim = "ura:org";
    public const string CountryClaim = "ura:country";

    private ClaimsPrincipal? Principal => http.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid? Id => Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public Guid? OrganisationId => Guid.TryParse(Principal?.FindFirstValue(OrganisationClaim), out var id) ? id : null;

    public string? CountryCode => Principal?.FindFirstValue(CountryClaim);

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    public string? ClientAddress => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>The user's id or a failure: for code that only runs behind an authorization policy.</summary>
    public Guid RequiredId => Id ?? throw new InvalidOperationException("No signed-in user.");

    public Guid RequiredOrganisationId => OrganisationId ?? throw new InvalidOperationException("No signed-in organisation.");
}
