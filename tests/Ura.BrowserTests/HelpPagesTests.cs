using Ura.BrowserTests.Infrastructure;
using Ura.Features.Awareness.Public;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// A visitor on a phone reads the public help pages for Albania in Albanian, and leaves with quick exit (the
/// button or Escape) for a neutral site that replaces the help page in the history. The neutral site is the
/// configured one (the default, as the test server sets none); the browser answers it itself with a tiny page,
/// so nothing is fetched from the network. Every Ura page passes the accessibility check on arrival.
/// </summary>
public sealed class HelpPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    private const string TopicPath = "/help/al/sq/warning-signs";

    /// <summary>Where quick exit goes when Ura:Public:QuickExitUrl is not set, as on the test server.</summary>
    private static readonly string ExitUrl = new PublicHelpOptions().QuickExitUrl;

    /// <summary>A site the visitor was on before the help page: not Ura, answered by the browser like the exit site.</summary>
    private const string EarlierUrl = "https://news.example/";

    [Fact]
    public async Task HelpPages_AlbanianOnPhone_TopicReadableWithoutCookies()
    {
        var page = await NewPhonePageAsync();
        var response = await GoToAsync(page, "/help/al/sq");
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sq");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = await TextAsync(page, "Help.Title"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#quick-exit")).ToBeInViewportAsync();

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Shenjat paralajmëruese" }).ClickAsync();
        await page.WaitForURLAsync("**" + TopicPath);
        await ArrivedAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sq");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shenjat paralajmëruese", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Në një ofertë pune", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Duan t'ju mbajnë pasaportën ose letërnjoftimin.")).ToBeVisibleAsync();

        // Quick exit is on screen and the first thing the keyboard reaches.
        var exit = page.Locator("#quick-exit");
        await Expect(exit).ToBeInViewportAsync();
        await Expect(exit).ToContainTextAsync(await TextAsync(page, "Help.QuickExit"));
        await page.Keyboard.PressAsync("Tab");
        await Expect(exit).ToBeFocusedAsync();
        // Next comes the skip link, which shows when focused and is not hidden under the quick exit bar.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Layout.SkipToContent") });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        Assert.True(await skip.EvaluateAsync<bool>(
            "a => { const r = a.getBoundingClientRect(); return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === a; }"),
            "The focused skip link is covered by something else on the page.");

        Assert.Empty(await page.Context.CookiesAsync());
    }

    [Theory]
    [InlineData("button")]
    [InlineData("Escape")]
    public async Task QuickExit_OnTopic_LeavesForNeutralSiteAndReplacesHistoryEntry(string how)
    {
        var page = await NewPhonePageAsync();
        await AnswerOutsideSitesAsync(page);
        await page.GotoAsync(EarlierUrl);
        await ArrivedAsync(page);
        await GoToAsync(page, TopicPath);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shenjat paralajmëruese", Level = 1 })).ToBeVisibleAsync();
        var entries = await HistoryLengthAsync(page);

        if (how == "button")
            await page.Locator("#quick-exit").ClickAsync();
        else
            await page.Keyboard.PressAsync("Escape");
        await page.WaitForURLAsync(ExitUrl);
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Weather", Level = 1 })).ToBeVisibleAsync();

        // The exit took the help page's place in the history instead of adding an entry after it, so Back goes
        // to the site before the help page.
        Assert.Equal(entries, await HistoryLengthAsync(page));
        Assert.NotNull(await page.GoBackAsync());
        Assert.Equal(EarlierUrl, page.Url);
        await ArrivedAsync(page);
        Assert.Empty(await page.Context.CookiesAsync());
    }

    [Fact]
    public async Task QuickExit_WithoutJavaScript_IsPlainLinkToNeutralSite()
    {
        var page = await NewPhonePageAsync(o => o.JavaScriptEnabled = false);
        await AnswerOutsideSitesAsync(page);
        await GoToAsync(page, TopicPath);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shenjat paralajmëruese", Level = 1 })).ToBeVisibleAsync();

        var exit = page.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Help.QuickExit") });
        await Expect(exit).ToHaveAttributeAsync("href", ExitUrl);
        await Expect(exit).ToBeInViewportAsync();
        await exit.ClickAsync();
        await page.WaitForURLAsync(ExitUrl);
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Weather", Level = 1 })).ToBeVisibleAsync();
    }

    private static Task<int> HistoryLengthAsync(IPage page) => page.EvaluateAsync<int>("history.length");

    private Task<IPage> NewPhonePageAsync(Action<BrowserNewContextOptions>? configure = null) =>
        NewPageAsync(o =>
        {
            o.ViewportSize = new() { Width = 390, Height = 844 };
            o.IsMobile = true;
            o.HasTouch = true;
            configure?.Invoke(o);
        });

    /// <summary>
    /// The exit site and the earlier site are answered by the browser with a small, accessible page; a page
    /// route comes before the context's, which refuses (and reports) every other request outside Ura.
    /// </summary>
    private static async Task AnswerOutsideSitesAsync(IPage page)
    {
        await page.RouteAsync(ExitUrl, route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Body = "<!DOCTYPE html><html lang=\"en\"><head><title>Weather</title></head><body><main><h1>Weather</h1><p>Sunny.</p></main></body></html>",
        }));
        await page.RouteAsync(EarlierUrl, route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Body = "<!DOCTYPE html><html lang=\"en\"><head><title>News</title></head><body><main><h1>News</h1><p>Today.</p></main></body></html>",
        }));
    }
}
