using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// Issue 8, points 6 to 8 and 10, through the pages: a national coordinator asks for the CTDC data set, sees it
/// waiting with a progress bar, follows it until it is ready, opens it from the notification, reads that the k
/// check passed and downloads the file, which this test checks again on its own (the CTDC header, every row
/// occurring at least k times). A supervisor asks for the HTCDS export (a reason is required, in their language)
/// and gets the zip with one CSV per entity. Nobody else finds either run. The accessibility check runs on every page.
/// </summary>
[Collection(ExportCollection.Name)]
public sealed partial class ExportPagesTests(ExportServer exports, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(exports.Server, browser, output)
{
    /// <summary>A guard against a run that never finishes (it takes a second or two), not a timing assertion.</summary>
    private static readonly TimeSpan RunWait = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ReloadPause = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The 63 variables of the CTDC k-anonymised global dataset, in file order, as listed in
    /// <c>shared/standards/ctdc-variables.csv</c> (copied here, so the test does not take them from the code it checks).
    /// </summary>
    private static readonly string[] CtdcVariables =
    [
        "yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus", "majorityStatusAtExploit", "majorityEntry", "citizenship",
        "meansOfControlDebtBondage", "meansOfControlTakesEarnings", "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats",
        "meansOfControlPsychologicalAbuse", "meansOfControlPhysicalAbuse", "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
        "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement", "meansOfControlRestrictsMedicalCare",
        "meansOfControlExcessiveWorkingHours", "meansOfControlUsesChildren", "meansOfControlThreatOfLawEnforcement",
        "meansOfControlWithholdsNecessities", "meansOfControlWithholdsDocuments", "meansOfControlOther", "meansOfControlNotSpecified",
        "meansOfControlConcatenated", "isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage",
        "isForcedMilitary", "isOrganRemoval", "isSlaveryAndPractices", "typeOfExploitConcatenated", "typeOfLabourAgriculture",
        "typeOfLabourAquafarming", "typeOfLabourBegging", "typeOfLabourConstruction", "typeOfLabourDomesticWork", "typeOfLabourHospitality",
        "typeOfLabourIllicitActivities", "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling", "typeOfLabourPeddling",
        "typeOfLabourTransportation", "typeOfLabourOther", "typeOfLabourNotSpecified", "typeOfLabourConcatenated", "typeOfSexProstitution",
        "typeOfSexPornography", "typeOfSexRemoteInteractiveServices", "typeOfSexPrivateSexualServices", "typeOfSexConcatenated",
        "isAbduction", "RecruiterRelationship", "CountryOfExploitation", "recruiterRelationIntimatePartner", "recruiterRelationFriend",
        "recruiterRelationFamily", "recruiterRelationOther", "recruiterRelationUnknown",
    ];

    /// <summary>The attribute combinations CTDC users query most, checked on their own as well as whole rows.</summary>
    private static readonly string[][] Quasi =
    [
        ["gender", "ageBroad"],
        ["gender", "ageBroad", "citizenship"],
        ["gender", "ageBroad", "citizenship", "CountryOfExploitation"],
        ["yearOfRegistration", "majorityStatus", "typeOfExploitConcatenated"],
    ];

    /// <summary>The HTCDS export's files and the first columns each must have.</summary>
    private static readonly Dictionary<string, string[]> HtcdsFiles = new()
    {
        ["person.csv"] = ["case_id", "prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender"],
        ["victim.csv"] = ["case_id", "vic_TraffickingStatus", "vic_RelationshipToTrafficker"],
        ["case.csv"] = ["case_id", "reference", "opened_at", "cas_Status"],
        ["historic_trafficking_event.csv"] = ["case_id", "hte_Type", "hte_Country"],
        ["support_plan.csv"] = ["case_id", "spl_Type", "spl_Objectives"],
        ["consent.csv"] = ["case_id", "con_Consent"],
    };

    [GeneratedRegex("^/reports/exports/([0-9a-f-]{36})$")]
    private static partial Regex RunPath();

    [Theory]
    [InlineData("sq", "al")]
    [InlineData("en", "mk")]
    public async Task Coordinator_CtdcExport_ProgressThenVerifiedFileWithEveryCombinationAtLeastK(string language, string country)
    {
        var k = exports.CtdcK;
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("coordinator", country));
        await UseLanguageAsync(page, language);
        var main = page.GetByRole(AriaRole.Main);

        // The job is held elsewhere while the run is asked for, so the page shows it waiting with its progress bar.
        await exports.HoldExportJobAsync();
        string runPath;
        try
        {
            await GoToAsync(page, "/reports/exports");
            await Expect(main.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(await TextAsync(page, "Exports.Title"));
            await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Exports.Ctdc.Start"), Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/reports/exports");
            await ArrivedAsync(page);

            var row = main.Locator("tbody tr").First;
            var requested = (await row.Locator("time").InnerTextAsync()).Replace(" UTC", "", StringComparison.Ordinal).Trim();
            var progressName = string.Format(CultureInfo.InvariantCulture, await TextAsync(page, "Exports.ProgressOf"),
                await TextAsync(page, "Exports.Kind.Ctdc"), requested);
            var progress = row.GetByRole(AriaRole.Progressbar, new() { Name = progressName, Exact = true });
            await Expect(progress).ToBeVisibleAsync();
            await Expect(progress).ToHaveAttributeAsync("max", "100");
            await Expect(progress).ToHaveAttributeAsync("value", "0");
            await Expect(row).ToContainTextAsync(await TextAsync(page, "Exports.Status.Queued"));
            // The page says it does not reload itself, and how to follow the run.
            await Expect(main.Locator("#unfinished")).ToContainTextAsync(await TextAsync(page, "Exports.NoAutoUpdate"));
            await Expect(page.Locator("meta[http-equiv='refresh']")).ToHaveCountAsync(0);

            await row.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Exports.Kind.Ctdc"), Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => RunPath().IsMatch(new Uri(url).AbsolutePath));
            await ArrivedAsync(page);
            runPath = new Uri(page.Url).AbsolutePath;
            await Expect(main.GetByRole(AriaRole.Progressbar, new() { Name = progressName, Exact = true })).ToBeVisibleAsync();
            await Expect(main.Locator("#status")).ToHaveTextAsync(await TextAsync(page, "Exports.Status.Queued"));
        }
        finally
        {
            await exports.ReleaseExportJobAsync();
        }

        // The person checks again (the link on the page) until the run is no longer waiting or being made.
        await FollowUntilFinishedAsync(page);
        await Expect(main.Locator("#status")).ToHaveTextAsync(await TextAsync(page, "Exports.Status.Done"));
        await Expect(main.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);

        // The notification that it is ready leads to the run.
        await GoToAsync(page, "/notifications");
        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Notification.export.ready"), Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**" + runPath);
        await ArrivedAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => main.Locator("#download").ClickAsync());
        Assert.Contains(download.SuggestedFilename, Dated(d => $"ctdc-{country}-{d:yyyyMMdd}.csv"));
        await Expect(main.Locator("#download")).ToHaveTextAsync(
            string.Format(CultureInfo.InvariantCulture, await TextAsync(page, "Exports.Download"), download.SuggestedFilename));
        var lines = ReadCsv(await File.ReadAllBytesAsync((await download.PathAsync())!));

        // The header is CTDC's variables in order; every row has them all.
        Assert.Equal(CtdcVariables, lines[0]);
        var rows = lines.Skip(1).ToList();
        Assert.True(rows.Count >= k, $"the demo data should give {country} at least {k} cases for the data set, the file has {rows.Count}");
        Assert.All(rows, r => Assert.Equal(CtdcVariables.Length, r.Length));

        // Every combination of all published attributes (so of any of them) occurs at least k times.
        var smallest = rows.GroupBy(r => string.Join('\u001f', r)).Min(g => g.Count());
        Assert.True(smallest >= k, $"a row occurs only {smallest} times (k = {k})");
        foreach (var columns in Quasi)
        {
            var at = columns.Select(c => Array.IndexOf(CtdcVariables, c)).ToArray();
            var fewest = rows.GroupBy(r => string.Join('\u001f', at.Select(i => r[i]))).Min(g => g.Count());
            Assert.True(fewest >= k, $"a combination of {string.Join(", ", columns)} occurs only {fewest} times (k = {k})");
        }

        // The page said so: the check it shows is the one found here, and the number of cases is the file's.
        await Expect(main.Locator("#verification")).ToHaveTextAsync(
            string.Format(CultureInfo.InvariantCulture, await TextAsync(page, "Exports.Verified"), k, smallest));
        await Expect(main.Locator("#cases")).ToHaveTextAsync(rows.Count.ToString(CultureInfo.InvariantCulture));

        // Nobody else finds the run or its file: a supervisor of the same country, and the coordinator of another.
        foreach (var (login, other) in new[] { ("supervisor", country), ("coordinator", country == "al" ? "xk" : "al") })
            await AssertNotFoundAsync(DemoData.EmailOf(login, other), runPath);
    }

    [Fact]
    public async Task Supervisor_HtcdsExport_ReasonRequiredThenZipWithOneCsvPerEntity_OthersGet404()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("supervisor", "rs"));
        await UseLanguageAsync(page, "sr-Latn");
        var main = page.GetByRole(AriaRole.Main);
        await GoToAsync(page, "/reports/exports");
        var before = await main.Locator("tbody tr").CountAsync();
        Assert.Equal(0, await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Exports.Ctdc.Start") }).CountAsync());

        // Only spaces: the browser lets it through (the field is required, not empty), Ura refuses it in Serbian.
        var reason = main.GetByLabel(await TextAsync(page, "Exports.Reason"), new() { Exact = true });
        var start = main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Exports.Htcds.Start"), Exact = true });
        await reason.FillAsync("   ");
        await start.ClickAsync();
        await Expect(main.Locator(".field-error")).ToHaveTextAsync("Navedite zašto vam je potreban ovaj izvoz.");
        await ArrivedAsync(page);
        await Expect(main.Locator(".field-error")).ToHaveTextAsync(await TextAsync(page, "Exports.ReasonRequired"));
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await GoToAsync(page, "/reports/exports");
        Assert.Equal(before, await main.Locator("tbody tr").CountAsync());

        await reason.FillAsync("Prelazak naših slučajeva na novi nacionalni sistem");
        await start.ClickAsync();
        await page.WaitForURLAsync("**/reports/exports");
        await ArrivedAsync(page);
        await Expect(main.Locator("tbody tr")).ToHaveCountAsync(before + 1);
        var row = main.Locator("tbody tr").First;
        await row.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Exports.Kind.Htcds"), Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => RunPath().IsMatch(new Uri(url).AbsolutePath));
        await ArrivedAsync(page);
        var runPath = new Uri(page.Url).AbsolutePath;

        await FollowUntilFinishedAsync(page);
        await Expect(main.Locator("#status")).ToHaveTextAsync(await TextAsync(page, "Exports.Status.Done"));
        await Expect(main.Locator("#verification")).ToHaveCountAsync(0);

        var download = await page.RunAndWaitForDownloadAsync(() => main.Locator("#download").ClickAsync());
        Assert.Contains(download.SuggestedFilename, Dated(d => $"htcds-{d:yyyyMMdd}.zip"));
        using (var zip = ZipFile.OpenRead((await download.PathAsync())!))
        {
            Assert.Equal(HtcdsFiles.Keys.Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            var caseIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, columns) in HtcdsFiles)
            {
                using var stream = zip.GetEntry(name)!.Open();
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                var lines = ReadCsv(memory.ToArray());
                Assert.Equal(columns, lines[0].Take(columns.Length));
                if (name == "case.csv")
                    caseIds.UnionWith(lines.Skip(1).Select(l => l[0]));
            }
            Assert.NotEmpty(caseIds);
            var cases = await main.Locator("#cases").InnerTextAsync();
            Assert.Equal(caseIds.Count.ToString(CultureInfo.InvariantCulture), cases.Trim());
        }

        // Another supervisor, and the national coordinator of the same country, find neither the run nor its file.
        foreach (var other in new[] { DemoData.EmailOf("supervisor", "al"), DemoData.EmailOf("coordinator", "rs") })
            await AssertNotFoundAsync(other, runPath);
    }

    /// <summary>On a run's page: follows the "check again" link until the run is no longer waiting or being made.</summary>
    /// <summary>A file's name dated today, or yesterday when the run was asked for before midnight (UTC).</summary>
    private static string[] Dated(Func<DateTime, string> name) => [name(DateTime.UtcNow), name(DateTime.UtcNow.AddDays(-1))];

    private async Task FollowUntilFinishedAsync(IPage page)
    {
        var main = page.GetByRole(AriaRole.Main);
        var deadline = DateTime.UtcNow + RunWait;
        while (await main.Locator("#unfinished").CountAsync() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The run at {page.Url} did not finish within {RunWait.TotalSeconds} s.\n{Server.Output}");
            await Task.Delay(ReloadPause);
            await main.Locator("#unfinished").GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Exports.CheckAgain"), Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
            await ArrivedAsync(page);
        }
    }

    /// <summary>Another user opens the run's page and its file: both answer 404 (an accessible error page).</summary>
    private async Task AssertNotFoundAsync(string email, string runPath)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, email);
        foreach (var path in new[] { runPath, runPath + "/file" })
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(404, response!.Status);
        }
    }

    /// <summary>A CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks) as rows of fields.</summary>
    private static List<string[]> ReadCsv(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else
                field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }
        return rows;
    }
}
