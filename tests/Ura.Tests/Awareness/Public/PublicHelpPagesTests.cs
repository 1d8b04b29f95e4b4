using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Awareness.Public;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Awareness.Public;

/// <summary>A visitor reads the help pages: no sign-in, no cookie, light, nothing from elsewhere, no confidential address.</summary>
public sealed partial class PublicHelpPagesTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private const int MaxBytes = 50 * 1024;

    [Fact]
    public async Task Topic_VisitorInAlbanian_ReadsPublishedPageSafely()
    {
        using var client = factory.Anonymous();

        var response = await client.GetAsync("/help/al/sq/get-help");
        var raw = await response.Content.ReadAsStringAsync();
        var html = WebUtility.HtmlDecode(raw);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"sq\">", html, StringComparison.Ordinal);
        Assert.Contains("Merr ndihmë tani", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:112\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:129\"", html, StringComparison.Ordinal);
        // Safety for the visitor: no cookie, nothing kept by the browser, no referrer, only this site's resources.
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("id=\"quick-exit\" class=\"quick-exit\" href=\"https://www.google.com/\"", html, StringComparison.Ordinal);
        var external = ExternalReference().Matches(raw).Select(m => m.Value).Where(v => !v.Contains("https://www.google.com/", StringComparison.Ordinal)).ToList();
        Assert.Empty(external);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Topic_WithStylesheetAndScript_StaysUnder50KB()
    {
        using var client = factory.Anonymous();

        var page = await client.GetByteArrayAsync("/help/mk/mk/your-rights");
        var html = System.Text.Encoding.UTF8.GetString(page);
        var total = page.Length;
        foreach (Match asset in SameSiteAsset().Matches(html))
            total += (await client.GetByteArrayAsync(WebUtility.HtmlDecode(asset.Groups[1].Value))).Length;

        Assert.Contains("/css/site.css", html, StringComparison.Ordinal);
        Assert.InRange(total, 1, MaxBytes);
    }

    [Fact]
    public async Task Topics_EveryCountryAndLanguage_ListsFivePublishedTopicsServicesAndTheRequestForm()
    {
        using var client = factory.Anonymous();

        foreach (var cc in new[] { "al", "xk", "mk", "me", "rs", "ba" })
        {
            foreach (var lang in new[] { "en", "sq", "mk", "sr-Latn" })
            {
                var html = await client.GetStringAsync($"/help/{cc}/{lang}");
                foreach (var (_, slug) in HelpTopics.All)
                    Assert.Contains($"href=\"/help/{cc}/{lang}/{slug}\"", html, StringComparison.Ordinal);
                Assert.Contains($"href=\"/help/{cc}/{lang}/services\"", html, StringComparison.Ordinal);
                Assert.Contains($"href=\"/help/{cc}/{lang}/request\"", html, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("/help/al/de")]
    [InlineData("/help/zz/sq")]
    [InlineData("/help/AL/sq")]
    [InlineData("/help/al/sq/no-such-topic")]
    [InlineData("/help/al/de/get-help")]
    [InlineData("/help/zz/en/services")]
    public async Task Missing_UnknownCountryLanguageOrTopic_NotFoundWithoutCookie(string url)
    {
        using var client = factory.Anonymous();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Services_Albania_ListsPublicServicesButNoConfidentialPlace()
    {
        using var client = factory.Anonymous();
        var (confidentialStreets, hiddenServices, shownService) = await factory.WithDb(async db =>
        {
            var albanian = db.Organisations.Where(o => o.CountryCode == "AL").Select(o => o.Id);
            var confidential = await db.Locations.Where(l => l.IsConfidential && albanian.Contains(l.OrganisationId)).Select(l => l.Id).ToListAsync();
            var streets = await db.Addresses.Where(a => confidential.Contains(a.LocationId)).Select(a => a.Address1!).ToListAsync();
            var hiddenIds = await db.ServiceAtLocations.Where(sl => confidential.Contains(sl.LocationId)).Select(sl => sl.ServiceId).ToListAsync();
            var hidden = await db.Services.Where(s => hiddenIds.Contains(s.Id)).Select(s => s.Name).ToListAsync();
            var shown = await db.Services.Where(s => s.Organisation!.CountryCode == "AL" && !hiddenIds.Contains(s.Id)).Select(s => s.Name).FirstAsync();
            return (streets, hidden, shown);
        });

        var response = await client.GetAsync("/help/al/en/services");
        var html = await response.HtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("Rruga Pjetër Budi 21", confidentialStreets);
        Assert.Contains(shownService, html, StringComparison.Ordinal);
        Assert.NotEmpty(hiddenServices);
        Assert.All(confidentialStreets, street => Assert.DoesNotContain(street, html, StringComparison.Ordinal));
        Assert.All(hiddenServices.Where(n => n != shownService), name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Choose_Anonymous_ListsEveryCountryInEveryLanguage()
    {
        using var client = factory.Anonymous();

        var html = await client.GetStringAsync("/help?lang=en");

        foreach (var cc in new[] { "al", "xk", "mk", "me", "rs", "ba" })
            Assert.Contains($"href=\"/help/{cc}/sr-Latn\"", html, StringComparison.Ordinal);
    }

    /// <summary>An attribute that loads or links to another site (absolute or protocol-relative URL).</summary>
    [GeneratedRegex("(?:src|href|action)=\"(?:https?:)?//[^\"]*\"", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("(?:src|href)=\"(/(?:css|js)/[^\"]+)\"")]
    private static partial Regex SameSiteAsset();
}
