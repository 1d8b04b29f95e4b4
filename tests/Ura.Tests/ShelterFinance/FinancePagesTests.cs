using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Shelters;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.ShelterFinance.FinanceTestSupport;

namespace Ura.Tests.ShelterFinance;

/// <summary>The financial plan page <c>/shelters/{id}/finance</c> and its XLSX download, and who may reach the plan at all.</summary>
public sealed class FinancePagesTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task FinancePage_EnterMonthBudgetAndFunding_SavedAndCostPerBedNightShown()
    {
        const int year = 2020;
        var client = await factory.SignInAsync(Manager, "en");
        await factory.AddStayAsync(new(2020, 2, 1), new(2020, 2, 11));
        var page = Page(year);

        // Amounts typed the Albanian way ("1 200,50") are read as well as the browser's "1200.5".
        var costs = await UraFactory.PostFormAsync(client, page + "&handler=Costs", new()
        {
            ["Costs.Month"] = "2", ["Costs.Amount[Staff]"] = "1 200,50", ["Costs.Amount[Food]"] = "299.5", ["Costs.Amount[Rent]"] = "",
        }, page);
        var budget = await UraFactory.PostFormAsync(client, page + "&handler=Budget", new() { ["Budget.Amount[Staff]"] = "15000" }, page);
        var funding = await UraFactory.PostFormAsync(client, page + "&handler=Funding", new()
        {
            ["Funding.Kind"] = "Donor", ["Funding.Name"] = "Fondacioni për Shpresë", ["Funding.Committed"] = "6000", ["Funding.Expected"] = "",
        }, page);
        var html = await (await client.GetAsync(page)).HtmlAsync();

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect), (costs.StatusCode, budget.StatusCode, funding.StatusCode));
        Assert.Equal($"/shelters/{Facility}/finance?year=2020#costs", costs.Headers.Location?.OriginalString);
        var stored = await factory.WithDb(db => db.ShelterMonthlyCosts.Where(c => c.FacilityId == Facility && c.Year == year && c.Month == 2)
            .Select(c => new { c.Category, c.Amount }).ToListAsync());
        Assert.Equal([(CostCategory.Staff, 1200.50m), (CostCategory.Food, 299.50m)], stored.Select(c => (c.Category, c.Amount)).OrderBy(c => c.Category));
        Assert.Equal(15000m, await factory.WithDb(db => db.ShelterBudgetLines.Where(b => b.FacilityId == Facility && b.Year == year).Select(b => b.Amount).SingleAsync()));
        // February: 1,500.00 over 10 bed-nights, 6,000 / 12 = 500 funding a month, a gap of 1,000.
        Assert.Contains("<td>1,500.00</td><td>10</td><td>150.00</td><td>500.00</td><td>1,000.00</td>", html.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Fondacioni për Shpresë", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Finance.ProjectionRecent", "en").Replace("{0}", "1", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.Contains($"/shelters/{Facility}/finance/export?year=2020", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinancePage_ChangeAndRemoveFundingThroughForms_Done()
    {
        const int year = 2022;
        var client = await factory.SignInAsync(Manager, "sr-Latn");
        var created = (await (await client.PostAsJsonAsync($"{Api(year)}/funding", new { kind = "Government", name = "Ministarstvo", committed = 1200m }))
            .Content.ReadFromJsonAsync<FundingSourceView>(JsonOptions))!;
        var page = Page(year);

        var form = await (await client.GetAsync($"{page}&funding={created.Id}")).HtmlAsync();
        var changed = await UraFactory.PostFormAsync(client, page + "&handler=Funding", new()
        {
            ["Funding.Id"] = created.Id.ToString(), ["Funding.Kind"] = "Government", ["Funding.Name"] = "Ministarstvo za rad", ["Funding.Committed"] = "2400",
        }, page);
        var name = await factory.WithDb(db => db.ShelterFundingSources.Where(f => f.Id == created.Id).Select(f => f.Name).SingleAsync());
        var removed = await UraFactory.PostFormAsync(client, $"{page}&handler=RemoveFunding&fundingId={created.Id}", new(), page);

        Assert.Contains($"name=\"Funding.Id\" value=\"{created.Id}\"", form, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Finance.ChangeFunding", "sr-Latn"), form, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (changed.StatusCode, removed.StatusCode));
        Assert.Equal("Ministarstvo za rad", name);
        Assert.False(await factory.WithDb(db => db.ShelterFundingSources.AnyAsync(f => f.Id == created.Id)));
    }

    public static TheoryData<string, string, string, string> BadForms => new()
    {
        { "Costs", "Costs.Amount[Staff]", "-10", "Finance.NegativeAmount" },
        { "Costs", "Costs.Amount[Food]", "много", "Validation.Number" },
        { "Costs", "Costs.Month", "13", "Finance.MonthOutOfRange" },
        { "Budget", "Budget.Amount[Rent]", "-1", "Finance.NegativeAmount" },
        { "Funding", "Funding.Name", "", "Validation.Required" },
        { "Funding", "Funding.Kind", "Lottery", "Finance.UnknownFundingKind" },
        { "Funding", "Funding.Committed", "-5", "Finance.NegativeAmount" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task FinancePage_BadInput_MacedonianErrorNextToFieldNothingSaved(string form, string field, string value, string key)
    {
        var client = await factory.SignInAsync(Manager, "mk");
        var page = Page(2021);
        var fields = form switch
        {
            "Costs" => new Dictionary<string, string> { ["Costs.Month"] = "4", ["Costs.Amount[Staff]"] = "100" },
            "Budget" => new Dictionary<string, string> { ["Budget.Amount[Staff]"] = "100" },
            _ => new Dictionary<string, string> { ["Funding.Kind"] = "Donor", ["Funding.Name"] = "Донатор", ["Funding.Committed"] = "100" },
        };
        fields[field] = value;
        var before = await factory.FinanceRowsAsync();

        var response = await UraFactory.PostFormAsync(client, $"{page}&handler={form}", fields, page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(factory.Text(key, "mk"), html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.FinanceRowsAsync());
    }

    [Fact]
    public async Task FinancePage_YearOutOfRange_LocalisedErrorNoPlan()
    {
        var client = await factory.SignInAsync(Manager, "sq");

        var html = await (await client.GetAsync(Page(1999))).HtmlAsync();
        var export = await client.GetAsync($"/shelters/{Facility}/finance/export?year=2101");

        Assert.Contains(factory.Text("Finance.YearOutOfRange", "sq"), html, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Text("Finance.ProjectionTitle", "sq"), html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Contains(factory.Text("Finance.YearOutOfRange", "sq"), await export.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportPage_ShelterManager_XlsxFileAudited()
    {
        var client = await factory.SignInAsync(Manager, "en");
        await client.PutAsJsonAsync($"{Api(2023)}/costs/6", Lines(("Utilities", 321.09m)));

        var response = await client.GetAsync($"/shelters/{Facility}/finance/export?year=2023");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PlanExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("financial-plan-2023.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var book = FinanceApiTests.Workbook.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(321.09d, book["Costs by month"][6][4].Number);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "export" && a.Detail == "finance:2023")));
    }

    /// <summary>Who is not a shelter manager of the operating organisation, and what they get: another organisation's manager 404, other roles 403.</summary>
    public static TheoryData<string, HttpStatusCode> Outsiders => new()
    {
        { Demo.Email("sheltermanager", "xk"), HttpStatusCode.NotFound },
        { Demo.CaseWorker, HttpStatusCode.Forbidden },
        { Demo.Supervisor, HttpStatusCode.Forbidden },
        { Demo.SocialWorker, HttpStatusCode.Forbidden },
        { Demo.Email("caseworker", "xk"), HttpStatusCode.Forbidden },
        { Demo.OrgAdmin, HttpStatusCode.Forbidden },
        { Demo.Coordinator, HttpStatusCode.Forbidden },
        { Demo.Analyst, HttpStatusCode.Forbidden },
        { Demo.SystemAdmin, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Finance_Outsider_RefusedEverywhereAndNothingChanged(string email, HttpStatusCode expected)
    {
        const int year = 2016;
        var manager = await factory.SignInAsync(Manager);
        await manager.PutAsJsonAsync($"{Api(year)}/costs/1", Lines(("Staff", 100m)));
        var fundingId = await factory.WithDb(db => db.ShelterFundingSources.Where(f => f.FacilityId == Facility && f.Year == year).Select(f => (Guid?)f.Id).FirstOrDefaultAsync())
            ?? (await (await manager.PostAsJsonAsync($"{Api(year)}/funding", new { kind = "Donor", name = "Matrix donor", committed = 10m }))
                .Content.ReadFromJsonAsync<FundingSourceView>(JsonOptions))!.Id;
        var client = await factory.SignInAsync(email);
        var before = await factory.FinanceRowsAsync();
        var auditBefore = await factory.WithDb(db => db.AuditEvents.CountAsync(a => a.Action.StartsWith("shelter.finance") || a.Action == "export"));

        var requests = new List<Func<HttpRequestMessage>>
        {
            () => new(HttpMethod.Get, Page(year)),
            () => new(HttpMethod.Get, $"/shelters/{Facility}/finance/export?year={year}"),
            () => Json(HttpMethod.Get, Api(year), null),
            () => Json(HttpMethod.Put, $"{Api(year)}/budget", Lines(("Staff", 1m))),
            () => Json(HttpMethod.Put, $"{Api(year)}/costs/1", Lines(("Staff", 1m))),
            () => Json(HttpMethod.Post, $"{Api(year)}/funding", new { kind = "Donor", name = "Intruder", committed = 1m }),
            () => Json(HttpMethod.Put, $"{Api(year)}/funding/{fundingId}", new { kind = "Donor", name = "Intruder", committed = 1m }),
            () => Json(HttpMethod.Delete, $"{Api(year)}/funding/{fundingId}", null),
            () => Json(HttpMethod.Get, $"{Api(year)}/export", null),
        };
        var wrong = new List<string>();
        foreach (var request in requests)
        {
            using var message = request();
            var status = await FinalStatusAsync(client, message);
            if (status != expected)
                wrong.Add($"{message.Method} {message.RequestUri}: {(int)status}");
        }
        var posts = new Dictionary<string, Dictionary<string, string>>
        {
            ["Budget"] = new() { ["Budget.Amount[Staff]"] = "1" },
            ["Costs"] = new() { ["Costs.Month"] = "1", ["Costs.Amount[Staff]"] = "1" },
            ["Funding"] = new() { ["Funding.Kind"] = "Donor", ["Funding.Name"] = "Intruder", ["Funding.Committed"] = "1" },
            [$"RemoveFunding&fundingId={fundingId}"] = new(),
        };
        foreach (var (handler, fields) in posts)
        {
            var response = await FollowAccessDeniedAsync(client, await PostPageAsync(client, $"{Page(year)}&handler={handler}", fields));
            if (response.StatusCode != expected)
                wrong.Add($"POST {handler}: {(int)response.StatusCode}");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, await factory.FinanceRowsAsync());
        Assert.Equal(auditBefore, await factory.WithDb(db => db.AuditEvents.CountAsync(a => a.Action.StartsWith("shelter.finance") || a.Action == "export")));
    }

    [Fact]
    public async Task FinancePage_OtherFacilityOfOwnOrganisation_Reachable()
    {
        var client = await factory.SignInAsync(Manager, "en");

        var response = await client.GetAsync(Page(2024, DemoShelters.FacilityId("AL", "flats")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Finance.Title", "en"), await response.HtmlAsync(), StringComparison.Ordinal);
    }
}
