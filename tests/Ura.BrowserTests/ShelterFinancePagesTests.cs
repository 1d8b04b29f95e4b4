using System.Globalization;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using Ura.Features.Shelters;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// A shelter's financial plan as its manager uses it: enter a month of costs and a funder, then read the
/// month's cost per bed-night and gap. The accessibility check runs on each arrival.
/// </summary>
public sealed class ShelterFinancePagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en", "me")]
    [InlineData("sr-Latn", "rs")]
    public async Task ShelterManagerFinancePage_EnterMonthOfCosts_CostPerBedNightShownAndAccessible(string language, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("sheltermanager", country));
        await UseLanguageAsync(page, language);
        var facility = DemoShelters.FacilityId(country.ToUpperInvariant(), "flats");
        // The current month, so that the demo residents' nights (if any) are counted.
        var (year, month) = (DateTime.UtcNow.Year, DateTime.UtcNow.Month);
        var main = page.GetByRole(AriaRole.Main);

        await GoToAsync(page, $"/shelters/{facility}/finance?year={year}&month={month}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await page.Locator("[name='Costs.Month']").SelectOptionAsync(month.ToString(CultureInfo.InvariantCulture));
        await page.Locator("[name='Costs.Amount[Staff]']").FillAsync("3100");
        await page.Locator("[name='Costs.Amount[Food]']").FillAsync("930.5");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Finance.SaveCosts") }).ClickAsync();
        await ArrivedAsync(page);

        await page.Locator("[name='Funding.Kind']").SelectOptionAsync("Government");
        await page.Locator("[name='Funding.Name']").FillAsync("Ministarstvo");
        await page.Locator("[name='Funding.Committed']").FillAsync("12000");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Finance.SaveFunding") }).ClickAsync();
        await ArrivedAsync(page);

        // What the page shows for the month is what the plan computes: cost per bed-night from the month's nights ("-" with none).
        var plan = (await (await page.APIRequest.GetAsync($"/api/v1/shelters/facilities/{facility}/finance/{year}")).JsonAsync())!.Value;
        var figures = plan.GetProperty("months")[month - 1];
        var culture = CultureInfo.GetCultureInfo(language);
        var perNight = figures.GetProperty("costPerBedNight");
        var expected = perNight.ValueKind == System.Text.Json.JsonValueKind.Null ? "-" : perNight.GetDecimal().ToString("N2", culture);
        var row = main.Locator("table").First.Locator("tbody tr").Nth(month - 1);
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync(4030.5m.ToString("N2", culture));
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(expected);
        await Expect(main).ToContainTextAsync("Ministarstvo");
        Assert.True(plan.GetProperty("committedTotal").GetDecimal() >= 12000m);
    }
}
