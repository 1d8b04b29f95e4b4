using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ura.Tests.Infrastructure;

/// <summary>The application's routed endpoints as the router sees them: Razor pages and minimal APIs alike.</summary>
public static partial class Endpoints
{
    public static IReadOnlyList<RouteEndpoint> All(UraFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    /// <summary>The route as written, with a leading slash: <c>/account/login</c>, <c>/api/v1/tokens/{id:guid}</c>.</summary>
    public static string Route(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');

    public static bool IsPage(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;

    public static bool IsAnonymous(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    public static bool HasAuthorization(RouteEndpoint endpoint) => endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;

    public static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? [.. methods] : ["GET"];

    /// <summary>A concrete URL for the route: required parameters get a value their constraint accepts, optional ones are left out.</summary>
    public static string Url(RouteEndpoint endpoint)
    {
        var url = Parameter().Replace(Route(endpoint), m => m.Groups["optional"].Success ? "" : m.Groups["constraint"].Value switch
        {
            "guid" => Guid.NewGuid().ToString(),
            "int" or "long" => "1",
            _ => "x",
        }).Replace("//", "/", StringComparison.Ordinal);
        return url.Length > 1 ? url.TrimEnd('/') : url;
    }

    /// <summary>True when the route has a parameter that must be filled in.</summary>
    public static bool HasRequiredParameters(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.Parameters.Any(p => !p.IsOptional && p.Default is null);

    [GeneratedRegex(@"\{\*?(?<name>[^}:?=]+)(?::(?<constraint>[^}?=(]+)(?:\([^)]*\))?)?(?<optional>\?)?\}")]
    private static partial Regex Parameter();
}
