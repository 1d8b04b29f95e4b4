using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// An analyst builds an indicator report, downloads it as XLSX and the workbook holds the numbers the page shows;
/// the print view has no navigation. The accessibility check runs on each page.
/// </summary>
public sealed class ReportPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Fact]
    public async Task Analyst_BuildsReportAndExportsXlsx_WorkbookNumbersEqualPage()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("analyst", "al"));
        await UseLanguageAsync(page, "en");
        var main = page.GetByRole(AriaRole.Main);

        await GoToAsync(page, "/reports");
        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Reports.Indicators.Title") }).ClickAsync();
        await ArrivedAsync(page);
        var year = DateTime.UtcNow.Year;
        await page.Locator("#r-from").FillAsync($"{year - 1}-01-01");
        await page.Locator("#r-to").FillAsync($"{year}-12-31");
        await page.Locator("#r-by").SelectOptionAsync("country");
        foreach (var key in new[] { "potential-victims", "services-delivered", "service-cost", "trainings" })
            await page.Locator($"input[name='indicator'][value='{key}']").CheckAsync();
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Reports.Show") }).ClickAsync();
        await ArrivedAsync(page);
        // Costs are in each country's currency: one table per currency, never added together.
        await Expect(main.Locator("table[data-indicator]:not([data-indicator='service-cost'])")).ToHaveCountAsync(3);
        var costTables = await main.Locator("table[data-indicator='service-cost']").CountAsync();
        Assert.True(costTables >= 2, $"{costTables} cost tables");

        // What the page shows: indicator title, category label and value (empty when hidden), in order.
        var shown = new List<(string Indicator, string Category, string Value)>();
        foreach (var section in await main.Locator("section.report-figure").AllAsync())
        {
            var title = (await section.Locator("h2").InnerTextAsync()).Trim();
            foreach (var row in await section.Locator("tbody tr").AllAsync())
                shown.Add((title, (await row.Locator("th").InnerTextAsync()).Trim(), await row.Locator("td").GetAttributeAsync("data-value") ?? ""));
        }

        var download = await page.RunAndWaitForDownloadAsync(() => main.GetByRole(AriaRole.Link, new() { Name = "Download spreadsheet (XLSX)" }).ClickAsync());
        var path = await download.PathAsync();
        var workbook = ReadFirstSheet(path!);

        Assert.Equal(["Indicator", "Category", "Value", "Unit", "Note"], workbook[0]);
        var lines = workbook.Skip(1).Select(r => (r[0], r[1], r[2])).ToList();
        Assert.Equal(shown, lines);
        Assert.Contains(shown, s => s.Value.Length > 0);

        await main.GetByRole(AriaRole.Link, new() { Name = "Page to print" }).ClickAsync();
        await ArrivedAsync(page);
        await Expect(page.Locator("nav")).ToHaveCountAsync(0);
        await Expect(page.Locator("table[data-indicator]")).ToHaveCountAsync(3 + costTables);
    }

    /// <summary>The rows of the first sheet as text; numbers in the invariant culture as the page's data-value has them.</summary>
    private static List<string[]> ReadFirstSheet(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return [.. part.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(cell => cell.DataType?.Value == CellValues.InlineString
            ? cell.InlineString!.InnerText
            : cell.CellValue is { } value ? decimal.Parse(value.Text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : "").ToArray())];
    }
}
