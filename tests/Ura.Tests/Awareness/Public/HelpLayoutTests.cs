using System.Net;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Awareness.Public;

/// <summary>The public layout: quick exit, language from the URL, no cookie, nothing stored by the browser.</summary>
public sealed class HelpLayoutTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Choose_AnonymousInAlbanian_ShowsQuickExitAndSetsNoCookie()
    {
        using var client = factory.Anonymous();

        var response = await client.GetAsync("/help?lang=sq");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("<html lang=\"sq\">", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Help.ChooseIntro", "sq"), html, StringComparison.Ordinal);
        Assert.Contains("id=\"quick-exit\" class=\"quick-exit\" href=\"https://www.google.com/\"", html, StringComparison.Ordinal);
        Assert.Contains("/js/quick-exit.js", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/help/al/mk\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickExitScript_Served_ReplacesTheHistoryEntry()
    {
        using var client = factory.Anonymous();

        var script = await client.GetStringAsync("/js/quick-exit.js");

        Assert.Contains("location.replace", script, StringComparison.Ordinal);
        Assert.Contains("Escape", script, StringComparison.Ordinal);
    }
}
