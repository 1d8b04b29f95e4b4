using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using Ura.Features.Reports.Projects;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// Issue 8, point 10: an analyst builds a project report (in Albanian), sees the targets and the achievement, downloads
/// the XLSX and the workbook holds the page's numbers; a national coordinator creates and changes a project (in
/// Serbian) and reports on it. The accessibility check runs on each page.
/// </summary>
public sealed partial class ProjectReportPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [GeneratedRegex("/reports/projects/([0-9a-f-]{36})$")]
    private static partial Regex ProjectPage();

    [Fact]
    public async Task Analyst_BuildsProjectReportAndExportsXlsx_TargetsAndAchievementEqualPage()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("analyst", "al"));
        await UseLanguageAsync(page, "sq");
        var main = page.GetByRole(AriaRole.Main);

        await GoToAsync(page, "/reports");
        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Reports.Indicators.Title") }).ClickAsync();
        await ArrivedAsync(page);
        await page.GetByLabel(await TextAsync(page, "Reports.Project"), new() { Exact = true })
            .SelectOptionAsync(DemoProjects.ProjectId("AL", "protect").ToString());
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Reports.Show") }).ClickAsync();
        await ArrivedAsync(page);

        // "Protect and Assist" has eight indicators with targets; the period is the project's.
        await Expect(main.Locator("table[data-indicator]")).ToHaveCountAsync(8);
        await Expect(main.Locator(".report-project")).ToContainTextAsync("Protect and Assist Albania");
        await Expect(page.Locator("#r-from")).ToHaveValueAsync("2025-10-01");
        await Expect(page.Locator("#r-to")).ToHaveValueAsync("2027-09-30");

        // What the page shows: indicator, category, value, and on the total line target and achievement.
        var shown = new List<(string Indicator, string Category, decimal? Value, decimal? Target, decimal? Achievement)>();
        foreach (var section in await main.Locator("section.report-figure").AllAsync())
        {
            var title = (await section.Locator("h2").InnerTextAsync()).Trim();
            foreach (var row in await section.Locator("tbody tr").AllAsync())
            {
                shown.Add((title, (await row.Locator("th").InnerTextAsync()).Trim(),
                    Number(await row.Locator("td.report-value").First.GetAttributeAsync("data-value")),
                    Number(await row.Locator("td.report-target").GetAttributeAsync("data-value")),
                    Number(await row.Locator("td.report-achievement").GetAttributeAsync("data-value"))));
            }
        }
        Assert.Equal(8, shown.Count(s => s.Target is not null));
        Assert.Contains(shown, s => s.Achievement is not null);
        // The achievement is the value as a percentage of the target, and never shown beside a hidden value.
        Assert.All(shown.Where(s => s.Target is > 0), s =>
            Assert.Equal(s.Value is { } v ? Math.Round(v / s.Target!.Value * 100m, 1, MidpointRounding.AwayFromZero) : null, s.Achievement));

        var download = await page.RunAndWaitForDownloadAsync(() =>
            main.GetByRole(AriaRole.Link, new() { Name = UraText.Get("Reports.Export.Xlsx", "sq") }).ClickAsync());
        var workbook = ReadFirstSheet((await download.PathAsync())!);

        Assert.Equal(
            [.. new[] { "Reports.Column.Indicator", "Reports.Column.Category", "Reports.Column.Value", "Reports.Column.Unit", "Reports.Column.Target", "Reports.Column.Achievement", "Reports.Column.Note" }
                .Select(k => UraText.Get(k, "sq"))],
            workbook[0]);
        // The workbook holds the achievement as a fraction shown as a percentage: 0.375 is the page's 37.5.
        var lines = workbook.Skip(1).Select(r => (r[0], r[1], Number(r[2]), Number(r[4]), Number(r[5]) is { } f ? f * 100m : (decimal?)null)).ToList();
        Assert.Equal(shown, lines);

        await main.GetByRole(AriaRole.Link, new() { Name = UraText.Get("Reports.Export.Print", "sq") }).ClickAsync();
        await ArrivedAsync(page);
        await Expect(page.Locator("nav")).ToHaveCountAsync(0);
        await Expect(page.Locator("td.report-achievement")).ToHaveCountAsync(shown.Count);
    }

    [Fact]
    public async Task Coordinator_CreatesAndChangesProjectThenReportsOnIt()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("coordinator", "al"));
        await UseLanguageAsync(page, "sr-Latn");
        var main = page.GetByRole(AriaRole.Main);
        var name = "Projekat " + Guid.NewGuid().ToString("N")[..8];
        var identified = IndexOf("identified-victims");
        var trainings = IndexOf("trainings");

        await GoToAsync(page, "/reports/projects");
        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Projects.New.Title") }).ClickAsync();
        await ArrivedAsync(page);
        await page.Locator("#Input_Name").FillAsync(name);
        await page.Locator("#Input_Funders").FillAsync("Sida");
        await page.Locator("#i-starts").FillAsync("2025-01-01");
        await page.Locator("#i-ends").FillAsync("2026-12-31");
        await main.Locator("input[name='Input.OrganisationIds']").First.CheckAsync();
        await page.Locator($"#i-t-{identified}-include").CheckAsync();
        await page.Locator($"#i-t-{identified}-target").FillAsync("25");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Projects.Save") }).ClickAsync();
        await page.WaitForURLAsync(ProjectPage());
        await ArrivedAsync(page);
        var id = ProjectPage().Match(page.Url).Groups[1].Value;
        await Expect(main.Locator("h1")).ToHaveTextAsync(name);
        await Expect(main.Locator("table")).ToContainTextAsync("25");

        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Projects.Edit.Title") }).ClickAsync();
        await ArrivedAsync(page);
        await page.Locator($"#i-t-{identified}-target").FillAsync("30");
        await page.Locator($"#i-t-{trainings}-include").CheckAsync();
        // Serbian writes decimals with a comma.
        await page.Locator($"#i-t-{trainings}-target").FillAsync("4,5");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Projects.Save") }).ClickAsync();
        await page.WaitForURLAsync("**/reports/projects/" + id);
        await ArrivedAsync(page);
        await Expect(main.Locator("table tbody tr")).ToHaveCountAsync(2);
        await Expect(main.Locator("table")).ToContainTextAsync("30");
        await Expect(main.Locator("table")).ToContainTextAsync("4,5");

        await GoToAsync(page, "/reports/indicators");
        await page.GetByLabel(await TextAsync(page, "Reports.Project"), new() { Exact = true }).SelectOptionAsync(id);
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Reports.Show") }).ClickAsync();
        await ArrivedAsync(page);
        await Expect(main.Locator("table[data-indicator]")).ToHaveCountAsync(2);
        await Expect(main.Locator("table[data-indicator='identified-victims'] td.report-target")).ToHaveAttributeAsync("data-value", "30");
        await Expect(main.Locator("table[data-indicator='trainings'] td.report-target")).ToHaveAttributeAsync("data-value", "4.5");

        // A period outside the project: the error in Serbian, no report.
        await page.Locator("#r-from").FillAsync("2024-01-01");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Reports.Show") }).ClickAsync();
        await ArrivedAsync(page);
        await Expect(main.GetByRole(AriaRole.Alert)).ToContainTextAsync(await TextAsync(page, "Reports.Error.OutsideProject"));
        await Expect(main.Locator("table[data-indicator]")).ToHaveCountAsync(0);
    }

    private static int IndexOf(string key)
    {
        for (var i = 0; i < ProjectDirectory.IndicatorKeys.Count; i++)
            if (ProjectDirectory.IndicatorKeys[i] == key)
                return i;
        throw new ArgumentOutOfRangeException(nameof(key), key, "Not in the catalogue.");
    }

    private static decimal? Number(string? text) =>
        string.IsNullOrEmpty(text) ? null : decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The rows of the first sheet as text; numbers in the invariant culture, an empty cell as "".</summary>
    private static List<string[]> ReadFirstSheet(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return [.. part.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(cell => cell.DataType?.Value == CellValues.InlineString
            ? cell.InlineString!.InnerText
            : cell.CellValue?.Text ?? "").ToArray())];
    }
}
