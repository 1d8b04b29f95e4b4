using System.Net;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Shelters;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.ShelterFinance.FinanceTestSupport;

namespace Ura.Tests.ShelterFinance;

/// <summary>
/// The financial plan through <c>/api/v1/shelters/facilities/{id}/finance/{year}</c>. Each test works in
/// its own year of the demo emergency shelter, so the tests of this class never see each other's rows.
/// </summary>
public sealed class FinanceApiTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task GetPlan_CostsFundingAndStays_CostPerBedNightAndGapByMonth()
    {
        const int year = 2019;
        var client = await factory.SignInAsync(Manager, "en");
        // January: 2 + 10 nights; February: 2 nights.
        await factory.AddStayAsync(new(2019, 1, 30), new(2019, 2, 3));
        await factory.AddStayAsync(new(2019, 1, 1), new(2019, 1, 11));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"{Api(year)}/budget", Lines(("Staff", 10000m), ("Food", 3000m)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"{Api(year)}/costs/1", Lines(("Staff", 1000m), ("Food", 200m)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"{Api(year)}/costs/2", Lines(("Staff", 600m)))).StatusCode);
        var funding = await client.PostAsJsonAsync($"{Api(year)}/funding", new { kind = "Government", name = "Ministry of Social Welfare", committed = 12000m, expected = 3000m });
        await client.PostAsJsonAsync($"{Api(year)}/funding", new { kind = "Donor", name = "A foreign development agency", committed = 0m, expected = 6000m });
        var plan = await PlanAsync(await client.GetAsync(Api(year)));

        Assert.Equal(HttpStatusCode.Created, funding.StatusCode);
        Assert.Equal((year, "ALL"), (plan.Year, plan.Currency));
        var (january, february, march) = (plan.Months[0], plan.Months[1], plan.Months[2]);
        Assert.Equal((1200m, 12, 100m, 1000m, 200m), (january.ActualCost, january.BedNights, january.CostPerBedNight, january.Funding, january.Gap));
        Assert.Equal((600m, 2, 300m, -400m), (february.ActualCost, february.BedNights, february.CostPerBedNight, february.Gap));
        Assert.Equal(((decimal?)null, 0, (decimal?)null), (march.ActualCost, march.BedNights, march.Gap));
        Assert.Equal((12000m, 9000m), (plan.CommittedTotal, plan.ExpectedTotal));
        Assert.Equal(new BudgetFigures(CostCategory.Staff, 10000m, 1600m, 8400m), plan.Budget.Single(b => b.Category == CostCategory.Staff));
        Assert.Equal((2, 1800m, 14, 128.57m, 2000m, -200m), (plan.Totals.MonthsWithCosts, plan.Totals.ActualCost, plan.Totals.BedNights,
            plan.Totals.CostPerBedNight, plan.Totals.Funding, plan.Totals.Gap));
        // From March 2019, the average of January and February.
        Assert.Equal(new ProjectedMonth(2019, 3, 900m, 1000m, -100m), plan.Projection[0]);
    }

    [Fact]
    public async Task PutMonthCosts_LineLeftOut_RemovedAndOthersReplaced()
    {
        const int year = 2013;
        var client = await factory.SignInAsync(Manager);
        await client.PutAsJsonAsync($"{Api(year)}/costs/5", Lines(("Staff", 1000m), ("Rent", 400m)));

        var response = await client.PutAsJsonAsync($"{Api(year)}/costs/5", Lines(("Staff", 1100.456m)));

        var plan = await PlanAsync(response);
        Assert.Equal([new CategoryAmount(CostCategory.Staff, 1100.46m)], plan.Months[4].Costs);
        var stored = await factory.WithDb(db => db.ShelterMonthlyCosts
            .Where(c => c.FacilityId == Facility && c.Year == year).Select(c => new { c.Category, c.Amount }).ToListAsync());
        Assert.Equal([(CostCategory.Staff, 1100.46m)], stored.Select(c => (c.Category, c.Amount)));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "shelter.finance.costs" && a.EntityId == Facility.ToString() && a.Detail == "2013-05")));
    }

    [Fact]
    public async Task PutMonthCosts_SeveralAtOnce_EachSavedOrRefusedCleanlyOneLineKept()
    {
        const int year = 2011;
        var client = await factory.SignInAsync(Manager, "mk");

        var responses = await Task.WhenAll(Enumerable.Range(1, 4)
            .Select(i => client.PutAsJsonAsync($"{Api(year)}/costs/7", Lines(("Staff", 100m * i)))));

        var amounts = await factory.WithDb(db => db.ShelterMonthlyCosts.Where(c => c.FacilityId == Facility && c.Year == year).Select(c => c.Amount).ToListAsync());
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
            Assert.Equal([factory.Text("Finance.SavedMeanwhile", "mk")], await ProblemErrorsAsync(refused, ""));
        Assert.Single(amounts);
        Assert.Contains(amounts.Single(), new[] { 100m, 200m, 300m, 400m });
    }

    [Fact]
    public async Task ChangeAndRemoveFunding_OwnSource_ChangedThenGone()
    {
        const int year = 2015;
        var client = await factory.SignInAsync(Manager);
        var created = (await (await client.PostAsJsonAsync($"{Api(year)}/funding", new { kind = "PrivateSector", name = "A bank", committed = 500m }))
            .Content.ReadFromJsonAsync<FundingSourceView>(JsonOptions))!;

        var changed = await client.PutAsJsonAsync($"{Api(year)}/funding/{created.Id}", new { kind = "OwnIncome", name = "Social enterprise", committed = 700m, expected = 100m });
        var wrongYear = await client.DeleteAsync($"{Api(year + 1)}/funding/{created.Id}");
        var afterChange = await factory.WithDb(db => db.ShelterFundingSources.SingleAsync(f => f.Id == created.Id));
        var removed = await client.DeleteAsync($"{Api(year)}/funding/{created.Id}");

        Assert.Equal(0m, created.Expected);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal((FundingKind.OwnIncome, "Social enterprise", 700m, 100m), (afterChange.Kind, afterChange.Name, afterChange.Committed, afterChange.Expected));
        Assert.Equal(HttpStatusCode.NotFound, wrongYear.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.False(await factory.WithDb(db => db.ShelterFundingSources.AnyAsync(f => f.Id == created.Id)));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "shelter.finance.funding.remove" && a.EntityId == created.Id.ToString())));
    }

    [Fact]
    public async Task Export_PlanWithCosts_WorkbookWithRealNumbersAndCurrencyInHeaders()
    {
        const int year = 2010;
        var client = await factory.SignInAsync(Manager, "en");
        await client.PutAsJsonAsync($"{Api(year)}/budget", Lines(("Staff", 18000m), ("Rent", 6000m)));
        await client.PutAsJsonAsync($"{Api(year)}/costs/3", Lines(("Staff", 1500.5m), ("Rent", 499.5m)));
        await client.PostAsJsonAsync($"{Api(year)}/funding", new { kind = "Government", name = "Ministry", committed = 18000m, expected = 6000m });
        await factory.AddStayAsync(new(2010, 3, 1), new(2010, 3, 9));

        var response = await client.GetAsync($"{Api(year)}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PlanExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        var book = Workbook.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Budget", "Costs by month", "Funding", "Summary", "Projection"], book.Keys);

        var summary = book["Summary"];
        Assert.Equal(["Month", "Actual cost (ALL)", "Occupied bed-nights", "Cost per bed-night (ALL)", "Funding per month (ALL)", "Funding gap (ALL)"], summary[0].Select(c => c.Text));
        var march = summary.Single(r => r[0].Text == "2010-03");
        // 2,000 over 8 bed-nights; 18,000 / 12 funding; a gap of 500.
        Assert.Equal((2000d, 8d, 250d, 1500d, 500d), (march[1].Number, march[2].Number, march[3].Number, march[4].Number, march[5].Number));
        Assert.Null(summary.Single(r => r[0].Text == "2010-04")[1].Number);

        var costs = book["Costs by month"];
        Assert.Equal("Staff (ALL)", costs[0][1].Text);
        Assert.Equal((1500.5d, 499.5d, 2000d), (costs[3][1].Number, costs[3][2].Number, costs[3][7].Number));
        Assert.Equal((18000d, 1500.5d, 16499.5d), (book["Budget"][1][1].Number, book["Budget"][1][2].Number, book["Budget"][1][3].Number));
        Assert.Equal(("Government", "Ministry", 18000d, 6000d), (book["Funding"][1][0].Text, book["Funding"][1][1].Text, book["Funding"][1][2].Number, book["Funding"][1][3].Number));
        var projection = book["Projection"];
        Assert.Equal(("2010-04", 2000d, 1500d, 500d), (projection[1][0].Text, projection[1][1].Number, projection[1][2].Number, projection[1][3].Number));
        Assert.Equal(13, projection.Count);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "export" && a.EntityId == Facility.ToString() && a.Detail == "finance:2010")));
    }

    [Fact]
    public async Task Export_Albanian_SheetNamesAndHeadersInAlbanian()
    {
        var client = await factory.SignInAsync(Manager, "sq");

        var book = Workbook.Read(await client.GetByteArrayAsync($"{Api(2012)}/export"));

        Assert.Equal(new[] { "Finance.Sheet.Budget", "Finance.Sheet.Costs", "Finance.Sheet.Funding", "Finance.Sheet.Summary", "Finance.Sheet.Projection" }
            .Select(k => factory.Text(k, "sq")), book.Keys);
        Assert.Equal(factory.Text("Finance.CostPerBedNight", "sq") + " (ALL)", book[factory.Text("Finance.Sheet.Summary", "sq")][0][3].Text);
    }

    public static TheoryData<string, string, string, string, string> BadInput => new()
    {
        { "PUT", "/budget", """{"lines":[{"category":"Staff","amount":-5}]}""", "staff", "Finance.NegativeAmount" },
        { "PUT", "/costs/3", """{"lines":[{"category":"Food","amount":-0.01}]}""", "food", "Finance.NegativeAmount" },
        { "PUT", "/costs/3", """{"lines":[{"category":"Food","amount":10000000000000}]}""", "food", "Finance.AmountTooLarge" },
        { "PUT", "/costs/3", """{"lines":[{"category":"Food"}]}""", "food", "Validation.Required" },
        { "PUT", "/costs/13", """{"lines":[{"category":"Food","amount":10}]}""", "month", "Finance.MonthOutOfRange" },
        { "PUT", "/costs/0", """{"lines":[]}""", "month", "Finance.MonthOutOfRange" },
        { "PUT", "/budget", """{"lines":[{"category":"Fuel","amount":10}]}""", "lines", "Finance.UnknownCategory" },
        { "PUT", "/budget", """{"lines":[{"category":"2","amount":10}]}""", "lines", "Finance.UnknownCategory" },
        { "PUT", "/budget", """{"lines":[{"category":"Rent","amount":10},{"category":"Rent","amount":20}]}""", "lines", "Finance.DuplicateCategory" },
        { "POST", "/funding", """{"kind":"Lottery","name":"Luck","committed":10}""", "kind", "Finance.UnknownFundingKind" },
        { "POST", "/funding", """{"name":"No kind","committed":10}""", "kind", "Finance.UnknownFundingKind" },
        { "POST", "/funding", """{"kind":"Donor","name":"  ","committed":10}""", "name", "Validation.Required" },
        { "POST", "/funding", """{"kind":"Donor","name":"Agency","committed":-1}""", "committed", "Finance.NegativeAmount" },
        { "POST", "/funding", """{"kind":"Donor","name":"Agency","expected":-1}""", "expected", "Finance.NegativeAmount" },
        { "PUT", "/budget@1999", """{"lines":[{"category":"Staff","amount":10}]}""", "year", "Finance.YearOutOfRange" },
        { "POST", "/funding@2101", """{"kind":"Donor","name":"Agency","committed":1}""", "year", "Finance.YearOutOfRange" },
        { "GET", "@1999", "", "year", "Finance.YearOutOfRange" },
        { "GET", "/export@2101", "", "year", "Finance.YearOutOfRange" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Change_BadInput_LocalisedErrorInAlbanianNothingChanged(string method, string path, string body, string field, string key)
    {
        var client = await factory.SignInAsync(Manager, "sq");
        // "/budget@1999" is the budget of 1999; otherwise the year is 2017.
        var parts = path.Split('@');
        var year = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 2017;
        var before = await factory.FinanceRowsAsync();

        var request = new HttpRequestMessage(new HttpMethod(method), Api(year) + parts[0]);
        if (body.Length > 0)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(key, "sq")], await ProblemErrorsAsync(response, field));
        Assert.Equal(before, await factory.FinanceRowsAsync());
    }

    /// <summary>Reads an XLSX file as sheets of rows of cells (text, or a number for numeric cells).</summary>
    internal static class Workbook
    {
        public sealed record CellValue(string Text, double? Number);

        public static Dictionary<string, List<List<CellValue>>> Read(byte[] content)
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
            var part = document.WorkbookPart!;
            var sheets = new Dictionary<string, List<List<CellValue>>>();
            foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
            {
                var worksheet = (WorksheetPart)part.GetPartById(sheet.Id!);
                sheets[sheet.Name!] = [.. worksheet.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                    .Select(row => row.Elements<Cell>().Select(Value).ToList())];
            }
            return sheets;
        }

        private static CellValue Value(Cell cell)
        {
            if (cell.DataType?.Value == CellValues.InlineString)
                return new(cell.InlineString!.InnerText, null);
            var raw = cell.CellValue?.Text;
            return raw is null ? new("", null) : new(raw, double.Parse(raw, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
