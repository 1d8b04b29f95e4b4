using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Platform;

/// <summary>
/// Nothing is reachable without sign-in by accident: every endpoint states its authorization, and the
/// few open ones are listed here with the reason they are open.
/// </summary>
public sealed class EndpointAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>Every route open to anyone, and why. Static files are served by middleware, not endpoints.</summary>
    private static readonly Dictionary<string, string> OpenRoutes = new()
    {
        ["/account/login"] = "sign-in, first step",
        ["/account/login/two-factor"] = "sign-in, second step; the user is identified by the short-lived two-factor cookie",
        ["/account/logout"] = "someone half signed in (two-factor enrolment owed) must always be able to leave",
        ["/account/access-denied"] = "where the cookie handler sends a forbidden request",
        ["/error/{status:int?}"] = "errors and status codes must render for anyone",
        ["/language"] = "choosing a language before signing in",
        ["/help"] = "public help pages: a person at risk chooses country and language, no account",
        ["/help/{cc}/{lang}"] = "public help pages: the topics of a country's help in one language",
        ["/help/{cc}/{lang}/{topic}"] = "public help pages: one published page, no account",
        ["/help/{cc}/{lang}/services"] = "public help pages: the directory's services that are not at a confidential place",
        ["/health/live"] = "liveness probe for load balancers and orchestrators; answers only Healthy/Unhealthy",
        ["/health/ready"] = "readiness probe for load balancers; answers only Healthy/Unhealthy",
        ["/openapi/{documentName}.json"] = "the API description for client authors; holds no data",
        ["/federation/v1/card"] = "the node's public card (ids and public keys); public by design, pinned by fingerprint",
        ["/federation/v1/inbox"] = "peers deliver envelopes here; each is authenticated by its signature against the pinned peer key",
        ["/help/{cc:length(2)}/{lang}/request"] = "the public's anonymous request for help; bot checks and limits in HelpRequestFormModel, reads nothing",
    };

    [Fact]
    public void Endpoints_All_CarryExplicitAuthorizationOrAreListedOpen()
    {
        var endpoints = Endpoints.All(factory);

        var unstated = endpoints.Where(e => !Endpoints.HasAuthorization(e) && !Endpoints.IsAnonymous(e)).Select(Describe).ToList();
        var unlisted = endpoints.Where(e => Endpoints.IsAnonymous(e) && !OpenRoutes.ContainsKey(Endpoints.Route(e))).Select(Describe).ToList();

        Assert.True(unstated.Count == 0,
            "Endpoints without [Authorize]/RequireAuthorization or [AllowAnonymous] (the fallback policy covers them, but say it):\n" + string.Join("\n", unstated));
        Assert.True(unlisted.Count == 0,
            "Endpoints open without sign-in that are not on OpenRoutes in this test (add them with a reason, or require authorization):\n" + string.Join("\n", unlisted));
    }

    [Fact]
    public void OpenRoutes_EachEntry_IsAnOpenEndpointWithAReason()
    {
        var open = Endpoints.All(factory).Where(Endpoints.IsAnonymous).Select(Endpoints.Route).ToHashSet();

        Assert.Empty(OpenRoutes.Keys.Except(open));
        Assert.All(OpenRoutes.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
    }

    [Fact]
    public void Endpoints_ApiAndPages_BothEnumerated()
    {
        var endpoints = Endpoints.All(factory);

        Assert.Contains(endpoints, e => Endpoints.Route(e) == "/api/v1/me");
        Assert.Contains(endpoints, e => Endpoints.Route(e) == "/account/tokens" && Endpoints.IsPage(e));
        Assert.Contains(endpoints, e => Endpoints.Route(e) == "/" && Endpoints.IsPage(e));
    }

    [Fact]
    public async Task Api_EveryEndpointWithoutCredentials_401ProblemDetails()
    {
        var api = Endpoints.All(factory).Where(e => Endpoints.Route(e).StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();
        var client = factory.Anonymous();
        var failures = new List<string>();

        foreach (var endpoint in api)
        {
            foreach (var method in Endpoints.Methods(endpoint))
            {
                var response = await client.SendAsync(Request(method, Endpoints.Url(endpoint)));
                var problem = await ProblemOf(response);
                if (response.StatusCode != HttpStatusCode.Unauthorized || response.Headers.Location is not null || problem?.Status != 401 || string.IsNullOrEmpty(problem.Title))
                    failures.Add($"{method} {Endpoints.Url(endpoint)}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {response.Headers.Location}");
            }
        }

        Assert.NotEmpty(api);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Api_EveryEndpointWithUnknownBearerToken_401ProblemDetailsWithChallenge()
    {
        var api = Endpoints.All(factory).Where(e => Endpoints.Route(e).StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "ura_pat_" + new string('A', 43));
        var failures = new List<string>();

        foreach (var endpoint in api)
        {
            foreach (var method in Endpoints.Methods(endpoint))
            {
                var response = await client.SendAsync(Request(method, Endpoints.Url(endpoint)));
                var problem = await ProblemOf(response);
                if (response.StatusCode != HttpStatusCode.Unauthorized || problem?.Status != 401
                    || !response.Headers.WwwAuthenticate.ToString().StartsWith("Bearer", StringComparison.Ordinal))
                    failures.Add($"{method} {Endpoints.Url(endpoint)}: {(int)response.StatusCode} {response.Headers.WwwAuthenticate}");
            }
        }

        Assert.NotEmpty(api);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Pages_EveryNonPublicPageWithoutSignIn_RedirectsToLogin()
    {
        var pages = Endpoints.All(factory).Where(e => Endpoints.IsPage(e) && !Endpoints.IsAnonymous(e)).ToList();
        var client = factory.Anonymous();
        var failures = new List<string>();

        foreach (var page in pages)
        {
            var url = Endpoints.Url(page);
            var response = await client.GetAsync(url);
            var location = response.Headers.Location;
            var target = location is null ? null : location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
            if (response.StatusCode != HttpStatusCode.Redirect || target?.AbsolutePath != "/account/login"
                || !target.Query.Contains("ReturnUrl=" + Uri.EscapeDataString(url), StringComparison.OrdinalIgnoreCase))
                failures.Add($"GET {url}: {(int)response.StatusCode} {location}");
        }

        Assert.Contains(pages, p => Endpoints.Route(p) == "/account/tokens");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = method is "POST" or "PUT" or "PATCH" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
    };

    private sealed record Problem(int? Status, string? Title);

    private static async Task<Problem?> ProblemOf(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return null;
        return JsonSerializer.Deserialize<Problem>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web);
    }

    private static string Describe(RouteEndpoint e) => $"{string.Join(",", Endpoints.Methods(e))} {Endpoints.Route(e)} ({e.DisplayName})";
}
