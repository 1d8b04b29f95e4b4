using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The home page dashboards open for a national coordinator (country figures: chart and table) and
/// a supervisor (organisation figures), in English and one other language, and pass the
/// accessibility check (which runs on each arrival).
/// </summary>
public sealed class DashboardPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en")]
    [InlineData("sr-Latn")]
    public async Task Dashboard_Coordinator_ChartAndTableVisibleAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("coordinator", "al"));
        await UseLanguageAsync(page, language);

        Assert.Equal(200, (await GoToAsync(page, "/"))!.Status);

        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.Locator("#country-sex-chart-title").Locator("..")).ToBeVisibleAsync();
        await Expect(main.Locator("#country-sex-table")).ToBeVisibleAsync();
        await Expect(main.Locator("#country-flows-table")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Dashboard_Supervisor_OrganisationFiguresVisibleAndAccessible()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("supervisor", "al"));

        Assert.Equal(200, (await GoToAsync(page, "/"))!.Status);

        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.Locator("#org-stages-table")).ToBeVisibleAsync();
        await Expect(main.Locator("#org-stages-chart-title").Locator("..")).ToBeVisibleAsync();
    }
}
