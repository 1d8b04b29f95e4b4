using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Platform;

public sealed class OpenApiTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Document_Anonymous_ValidJsonListingTheApi()
    {
        var response = await factory.Anonymous().GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Contains("/api/v1/me", paths);
        Assert.Contains("/api/v1/tokens", paths);
        Assert.Contains("/api/v1/tokens/{id}", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Document_EveryApiEndpoint_DescribedWithItsMethod()
    {
        using var document = JsonDocument.Parse(await factory.Anonymous().GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var api = Endpoints.All(factory).Where(e => Endpoints.Route(e).StartsWith("/api/", StringComparison.Ordinal)).ToList();

        var missing = api.SelectMany(e => Endpoints.Methods(e).Select(m => (Path: OpenApiPath(Endpoints.Route(e)), Method: m.ToLowerInvariant())))
            .Where(x => !paths.TryGetProperty(x.Path, out var item) || !item.TryGetProperty(x.Method, out _))
            .Select(x => $"{x.Method} {x.Path}")
            .ToList();

        Assert.NotEmpty(api);
        Assert.True(missing.Count == 0, "Not in /openapi/v1.json: " + string.Join(", ", missing));
    }

    /// <summary>OpenAPI paths drop route constraints (<c>{id:guid}</c> becomes <c>{id}</c>) and a group's trailing slash.</summary>
    private static string OpenApiPath(string route) =>
        Regex.Replace(route, @"\{([^}:?]+)[^}]*\}", "{$1}").TrimEnd('/');
}
