using System.Text.Json;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>Field workers use Ura on small phones over weak mobile connections, sometimes with script off.</summary>
public sealed class WeakDeviceTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    private const int PageBudgetBytes = 100 * 1024;

    [Theory]
    [InlineData("en", "socialworker.al")]
    [InlineData("sq", "socialworker.xk")]
    [InlineData("mk", "socialworker.mk")]
    [InlineData("sr-Latn", "socialworker.rs")]
    public async Task Phone_SignInAndHome_HaveNoHorizontalScroll(string language, string login)
    {
        var page = await NewPageAsync(o =>
        {
            o.ViewportSize = new() { Width = 360, Height = 740 };
            o.IsMobile = true;
            o.HasTouch = true;
            o.DeviceScaleFactor = 2;
        });
        await GoToAsync(page, "/account/login");
        if (language != "en")
            await ChooseLanguageAsync(page, language);
        await AssertNoHorizontalScrollAsync(page);

        await SignInAsync(page, login + "@" + DemoData.EmailDomain);
        if (await LanguageOfAsync(page) != language)
            await ChooseLanguageAsync(page, language);

        await AssertNoHorizontalScrollAsync(page);
        // The organisation name, the longest thing in the header, is on screen.
        await Expect(page.GetByRole(AriaRole.Banner).Locator(".who")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task SignInPage_FirstVisit_TransfersUnder100KB()
    {
        var page = await NewPageAsync();
        var finished = new List<IRequest>();
        page.RequestFinished += (_, request) => finished.Add(request);

        // What a person gets who types the address: the home page sends them to sign in.
        await GoToAsync(page, "/");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);

        long total = 0;
        foreach (var request in finished)
        {
            var sizes = await request.SizesAsync();
            var bytes = sizes.ResponseHeadersSize + sizes.ResponseBodySize;
            total += bytes;
            Output.WriteLine($"{bytes,8:N0} B  {request.Method} {request.Url} ({sizes.ResponseBodySize:N0} B body)");
        }
        Output.WriteLine($"{total,8:N0} B  in total ({total / 1024.0:F1} KB)");

        // The HTML and the stylesheet at least, so the sum measures the real page.
        Assert.Contains(finished, r => r.ResourceType == "document" && r.Url.Contains("/account/login", StringComparison.Ordinal));
        Assert.Contains(finished, r => r.ResourceType == "stylesheet");
        Assert.True(total < PageBudgetBytes, $"The sign-in page transferred {total:N0} bytes; the budget is {PageBudgetBytes:N0}.");
    }

    [Fact]
    public async Task SignIn_WithoutJavaScript_ReachesHomeAndSignsOut()
    {
        var page = await NewPageAsync(o => o.JavaScriptEnabled = false);

        await SignInAsync(page, DemoData.EmailOf("caseworker", "mk"));

        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync("Засолниште Отворена порта (НВО)");
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link)).ToHaveCountAsync(10); // home, cases, new case, screenings, my tasks, referral inbox, returns from abroad, free beds, directory, account
        await ChooseLanguageAsync(page, "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome to Ura");
        await SignOutAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
    }

    /// <summary>Nothing wider than the screen: no sideways scrolling on a phone.</summary>
    private async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<JsonElement>("""
            () => {
              const e = document.scrollingElement;
              const wide = [...document.body.querySelectorAll('*')]
                .filter(x => x.getBoundingClientRect().right > e.clientWidth + 0.5)
                .slice(0, 5)
                .map(x => x.tagName.toLowerCase() + (x.className ? '.' + x.className : '') + ' ' + Math.round(x.getBoundingClientRect().right) + 'px');
              return { scroll: e.scrollWidth, client: e.clientWidth, wide };
            }
            """);
        var scroll = widths.GetProperty("scroll").GetInt32();
        var client = widths.GetProperty("client").GetInt32();
        Assert.True(scroll <= client,
            $"{page.Url} scrolls sideways at {client}px: content is {scroll}px wide. Too wide: {widths.GetProperty("wide")}");
    }
}
