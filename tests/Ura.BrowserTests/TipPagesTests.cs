using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>The TIP Report figures open for a national coordinator, in English and one other language, and pass the accessibility check (which runs on each arrival).</summary>
public sealed class TipPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en")]
    [InlineData("mk")]
    public async Task Tip_Coordinator_OpensOwnCountryAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("coordinator", "mk"));
        await UseLanguageAsync(page, language);

        Assert.Equal(200, (await GoToAsync(page, "/reports/tip"))!.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.GetByRole(AriaRole.Main).Locator("table")).ToHaveCountAsync(6);
        await Expect(page.GetByRole(AriaRole.Main).Locator("a[href*='handler=xlsx']")).ToBeVisibleAsync();

        // The form as a coordinator fills it: another year.
        await page.Locator("#tip-year").FillAsync("2025");
        await page.GetByRole(AriaRole.Main).Locator("button[type=submit]").ClickAsync();
        await ArrivedAsync(page);
        await Expect(page.Locator("#tip-year")).ToHaveValueAsync("2025");
    }
}
