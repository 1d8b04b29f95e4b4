using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Account;
using Ura.Platform.Localization;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Platform;

public sealed partial class SecurityHeadersTests(UraFactory factory) : IClassFixture<UraFactory>
{
    public static TheoryData<string> AnonymousUrls => new()
    {
        "/account/login",       // page
        "/api/v1/me",           // API, 401 problem
        "/no-such-page",        // 404 page
        "/health/ready",
        "/openapi/v1.json",
        "/css/site.css",        // static file
    };

    [Theory]
    [MemberData(nameof(AnonymousUrls))]
    public async Task Response_Anonymous_CarriesSecurityHeaders(string url)
    {
        var response = await factory.Anonymous().GetAsync(url);

        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Response_ApiWithBearerToken_CarriesSecurityHeadersAndNoStore()
    {
        var userId = await factory.WithDb(db => db.Users.Where(u => u.Email == Demo.Analyst).Select(u => u.Id).SingleAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<TokenCommands>().CreateAsync(userId, "headers", 1, CancellationToken.None);
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.True(response.Headers.CacheControl?.NoStore, "personal data must not be cached");
    }

    [Fact]
    public async Task Page_SignedIn_CarriesSecurityHeadersAndNoStore()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var response = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.True(response.Headers.CacheControl?.NoStore, "personal data must not be cached");
    }

    [Fact]
    public async Task Pages_ReachableWhenSignedIn_EveryPostFormHasAntiforgeryField()
    {
        var pages = await ReachablePagesAsync();
        var forms = 0;
        var failures = new List<string>();

        foreach (var (url, html) in pages)
        {
            foreach (Match form in PostForm().Matches(html))
            {
                forms++;
                if (!form.Value.Contains("name=\"__af\"", StringComparison.Ordinal))
                    failures.Add($"{url}: {form.Value[..Math.Min(form.Value.Length, 120)]}");
            }
        }

        Assert.Contains(pages, p => p.Url == "/account/tokens");
        Assert.True(forms >= pages.Count * 2, $"expected at least the layout's two forms on each of {pages.Count} pages, saw {forms} forms");
        Assert.True(failures.Count == 0, "POST forms without the antiforgery field:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Pages_ReachableWhenSignedIn_NoInlineScriptStyleOrHandlers()
    {
        // The Content-Security-Policy allows neither, so a browser would silently ignore them.
        var failures = new List<string>();

        foreach (var (url, html) in await ReachablePagesAsync())
        {
            failures.AddRange(InlineScript().Matches(html).Select(m => $"{url}: inline script {m.Value}"));
            failures.AddRange(InlineStyle().Matches(html).Select(m => $"{url}: inline style {m.Value}"));
            failures.AddRange(EventHandler().Matches(html).Select(m => $"{url}: event handler attribute {m.Value}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task PostForm_WithoutAntiforgeryToken_400AndNothingCreated()
    {
        var client = await factory.SignInAsync(Demo.Supervisor);

        var response = await client.PostAsync("/account/tokens?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "forged",
            ["Input.Days"] = "30",
        }));
        var created = await factory.WithDb(db => db.PersonalAccessTokens.CountAsync(t => t.Name == "forged"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, created);
    }

    [Fact]
    public async Task PostForm_WithAnotherSessionsToken_400AndStillSignedIn()
    {
        var victim = await factory.SignInAsync(Demo.SocialWorker);
        var attackerToken = await UraFactory.AntiforgeryTokenAsync(factory.Anonymous(), "/account/login");

        var response = await victim.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = attackerToken }));
        var stillIn = await victim.GetAsync("/account");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task PostLanguage_WithoutAntiforgeryToken_400AndNoCookie()
    {
        var response = await factory.Anonymous().PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "mk" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith(Languages.CookieName + "=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LayoutSignOut_PostedWithItsOwnToken_SignsOut()
    {
        var client = await factory.SignInAsync(Demo.Police);
        var home = await client.GetStringAsync("/");
        var signOut = SignOutForm().Match(home);

        Assert.True(signOut.Success, "no sign-out form with an antiforgery field in the layout");
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(signOut.Groups[1].Value),
        }));
        var after = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.NotNull(csp);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    /// <summary>Every page without required route values, as a case worker and as a system administrator see it (200 only).</summary>
    private async Task<List<(string Url, string Html)>> ReachablePagesAsync()
    {
        var urls = Endpoints.All(factory).Where(e => Endpoints.IsPage(e) && !Endpoints.HasRequiredParameters(e))
            .Select(Endpoints.Url).Distinct().ToList();
        var pages = new List<(string, string)>();
        foreach (var email in new[] { Demo.CaseWorker, Demo.SystemAdmin })
        {
            var client = await factory.SignInAsync(email);
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                    pages.Add((url, await response.Content.ReadAsStringAsync()));
            }
        }
        return pages;
    }

    [GeneratedRegex(@"<form\b[^>]*\bmethod=""post""[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex(@"<form\b[^>]*action=""/account/logout""[^>]*>.*?name=""__af"" type=""hidden"" value=""([^""]+)"".*?</form>", RegexOptions.Singleline)]
    private static partial Regex SignOutForm();

    [GeneratedRegex(@"<script\b(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\sstyle=""[^""]*""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    [GeneratedRegex(@"<[a-z][^>]*\son[a-z]+=""[^""]*""", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
