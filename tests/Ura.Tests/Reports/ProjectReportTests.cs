using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Features.Identification;
using Ura.Features.Reports.Indicators;
using Ura.Features.Reports.Projects;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Reports;

/// <summary>
/// The indicator report scoped to a project: the project's organisations, period and indicators, its targets and the
/// achievement, exact on the page, in the API, in XLSX and CSV; unknown and foreign projects, periods outside it, roles.
/// </summary>
public sealed class ProjectReportTests(UnroundedFactory factory) : IClassFixture<UnroundedFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private sealed record Row(string Key, string Label, decimal? Value, bool Hidden);
    private sealed record Figure(string Key, IndicatorUnit Unit, List<Row> Rows, decimal? Total, bool TotalHidden, decimal? Target, decimal? Achievement);
    private sealed record About(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, bool Partial);
    private sealed record Run(DateOnly From, DateOnly To, Figure Figure, About? Project);
    private sealed record Scope(Guid Id, string Name, string CountryCode);
    private sealed record Report(DateOnly From, DateOnly To, List<Scope> Organisations, List<Figure> Figures, About? Project);

    /// <summary>
    /// A fresh Albanian organisation with 9 cases opened on 2025-03-10 (7 women, 2 men), 6 of them identified on
    /// 2025-03-20, 8 medical services of 12.50 on 2025-03-15 and 3 legal ones of 40 on 2025-03-16; and a project of
    /// 2025 holding only that organisation, with targets: potential victims 12, identified victims 8, days to
    /// identification 20, services 44, cost 880, referrals made 10 (none made).
    /// </summary>
    private async Task<(Guid Project, Guid Organisation)> SeedAsync()
    {
        var organisation = new Organisation { Name = "Project report " + Guid.NewGuid().ToString("N")[..8], CountryCode = "AL", CreatedAt = DateTime.UtcNow };
        var project = new Project
        {
            CountryCode = "AL", Name = "Report test " + Guid.NewGuid().ToString("N")[..8], Funders = "Sida",
            StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2025, 12, 31), CreatedAt = DateTime.UtcNow, ModifiedAt = DateTime.UtcNow,
        };
        await factory.WithDb(async db =>
        {
            db.Organisations.Add(organisation);
            ReportSeed.AddCases(db, organisation.Id, "AL");
            db.Projects.Add(project);
            var member = new ProjectOrganisation { ProjectId = project.Id, OrganisationId = organisation.Id };
            db.ProjectOrganisations.Add(member);
            foreach (var (key, target) in new[]
            {
                ("potential-victims", 12m), ("identified-victims", 8m), ("days-to-identification", 20m), ("services-delivered", 44m),
                ("service-cost", 880m), ("referrals-made", 10m),
            })
            {
                db.ProjectTargets.Add(new ProjectTarget { ProjectId = project.Id, IndicatorKey = key, Target = target });
            }
            await db.SaveChangesAsync();
        });
        return (project.Id, organisation.Id);
    }

    private static async Task<Run> RunAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/reports/indicators/run?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, query + ": " + await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Run>(Json))!;
    }

    [Fact]
    public async Task Run_Project_ProjectPeriodTargetsAndExactAchievement()
    {
        var (project, _) = await SeedAsync();
        var client = await factory.SignInAsync(Demo.Coordinator, "en");

        var potential = await RunAsync(client, $"project={project}&indicator=potential-victims");
        var identified = await RunAsync(client, $"project={project}&indicator=identified-victims");
        var days = await RunAsync(client, $"project={project}&indicator=days-to-identification");
        var services = await RunAsync(client, $"project={project}&indicator=services-delivered&by=service-type");
        var cost = await RunAsync(client, $"project={project}&indicator=service-cost");
        var referrals = await RunAsync(client, $"project={project}&indicator=referrals-made");
        var trainings = await RunAsync(client, $"project={project}&indicator=trainings");

        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), (potential.From, potential.To));
        Assert.Equal(project, potential.Project!.Id);
        Assert.False(potential.Project.Partial);
        Assert.Equal((9m, 12m, 75m), (potential.Figure.Total!.Value, potential.Figure.Target!.Value, potential.Figure.Achievement!.Value));
        Assert.Equal((6m, 8m, 75m), (identified.Figure.Total!.Value, identified.Figure.Target!.Value, identified.Figure.Achievement!.Value));
        Assert.Equal((10m, 20m, 50m), (days.Figure.Total!.Value, days.Figure.Target!.Value, days.Figure.Achievement!.Value));
        Assert.Equal((11m, 44m, 25m), (services.Figure.Total!.Value, services.Figure.Target!.Value, services.Figure.Achievement!.Value));
        Assert.Equal((220m, 880m, 25m), (cost.Figure.Total!.Value, cost.Figure.Target!.Value, cost.Figure.Achievement!.Value));
        Assert.Equal((0m, 10m, 0m), (referrals.Figure.Total!.Value, referrals.Figure.Target!.Value, referrals.Figure.Achievement!.Value));
        // An indicator the project sets no target for is counted in the project's scope, without target or achievement.
        Assert.Equal(0m, trainings.Figure.Total);
        Assert.Null(trainings.Figure.Target);
        Assert.Null(trainings.Figure.Achievement);
    }

    [Fact]
    public async Task Report_Project_EveryProjectIndicatorWithTargetAndAchievement_AsTheRunsGiveThem()
    {
        var (project, organisation) = await SeedAsync();
        var client = await factory.SignInAsync(Demo.Coordinator, "en");

        var response = await client.GetAsync($"/api/v1/reports/indicators/report?project={project}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = (await response.Content.ReadFromJsonAsync<Report>(Json))!;

        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), project), (report.From, report.To, report.Project!.Id));
        Assert.Equal([organisation], report.Organisations.Select(o => o.Id));
        Assert.Equal(["days-to-identification", "identified-victims", "potential-victims", "referrals-made", "service-cost", "services-delivered"],
            report.Figures.Select(f => f.Key).Order(StringComparer.Ordinal));
        foreach (var figure in report.Figures)
        {
            var run = await RunAsync(client, $"project={project}&indicator={figure.Key}");
            Assert.Equal((run.Figure.Total, run.Figure.Target, run.Figure.Achievement), (figure.Total, figure.Target, figure.Achievement));
        }
        var potential = report.Figures.Single(f => f.Key == "potential-victims");
        Assert.Equal((9m, 12m, 75m), (potential.Total!.Value, potential.Target!.Value, potential.Achievement!.Value));

        var chosen = (await client.GetFromJsonAsync<Report>($"/api/v1/reports/indicators/report?project={project}&indicator=trainings&indicator=potential-victims&by=sex", Json))!;
        Assert.Equal(["trainings", "potential-victims"], chosen.Figures.Select(f => f.Key));
        // Split by sex: 7 women and 2 men, so the men are hidden, and the women too, since the total would give them away.
        Assert.Equal(["Feminine", "Masculine"], chosen.Figures[1].Rows.Select(r => r.Key));
        Assert.All(chosen.Figures[1].Rows, r => Assert.True(r.Hidden));
        Assert.Equal(9m, chosen.Figures[1].Total);
    }

    [Fact]
    public async Task Report_BadInputOrForeignProject_LocalisedErrorOrNotFound()
    {
        var client = await factory.SignInAsync(Demo.Coordinator, "sq");

        var unknown = await client.GetAsync("/api/v1/reports/indicators/report?indicator=potential-victims&indicator=eye-colour");
        var reversed = await client.GetAsync("/api/v1/reports/indicators/report?from=2025-06-01&to=2025-05-01");
        var foreign = await client.GetAsync($"/api/v1/reports/indicators/report?project={DemoProjects.ProjectId("XK", "protect")}");
        var forbidden = await (await factory.SignInAsync(Demo.Email("caseworker"))).GetAsync("/api/v1/reports/indicators/report");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(factory.Text("Reports.Error.UnknownIndicator", "sq"),
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("indicator")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal(factory.Text("Reports.Error.FromAfterTo", "sq"),
            (await reversed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("from")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Run_ProjectNarrowedToHiddenTotal_AchievementHiddenToo()
    {
        var (project, organisation) = await SeedAsync();
        await factory.WithDb(db => db.ServiceDeliveries.Where(s => s.OrganisationId == organisation && s.Type == ServiceType.LegalCounselling)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.DeliveredOn, new DateOnly(2025, 4, 16))));
        var client = await factory.SignInAsync(Demo.Coordinator, "en");
        // April (the report widens the days to the whole month) holds only the 3 legal services: a small number, hidden.
        var query = $"project={project}&from=2025-04-10&to=2025-04-20";

        var services = await RunAsync(client, query + "&indicator=services-delivered");
        var cost = await RunAsync(client, query + "&indicator=service-cost");
        var csv = System.Text.Encoding.UTF8.GetString(await client.GetByteArrayAsync("/reports/indicators/csv?" + query + "&indicator=services-delivered"));
        var html = await client.GetStringAsync("/reports/indicators?" + query + "&indicator=services-delivered");

        Assert.Equal((new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 30)), (services.From, services.To));
        Assert.True(services.Figure.TotalHidden);
        Assert.Equal(44m, services.Figure.Target);
        Assert.Null(services.Figure.Achievement);
        Assert.True(cost.Figure.TotalHidden);
        Assert.Null(cost.Figure.Achievement);
        // Target shown, value and achievement empty: nothing to divide back.
        Assert.Contains("\"Services delivered\",\"Total\",,\"Number\",44,,\"", csv, StringComparison.Ordinal);
        Assert.Contains("class=\"report-value report-achievement\" data-value=\"\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-value=\"3\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageAndExports_Project_TargetAndAchievementColumns()
    {
        var (project, _) = await SeedAsync();
        var client = await factory.SignInAsync(Demo.Coordinator, "en");
        var query = $"project={project}";

        var html = await client.GetStringAsync("/reports/indicators?" + query);
        var print = await client.GetStringAsync("/reports/indicators/print?" + query);
        var csv = System.Text.Encoding.UTF8.GetString(await client.GetByteArrayAsync("/reports/indicators/csv?" + query));
        var xlsx = await client.GetByteArrayAsync("/reports/indicators/xlsx?" + query);

        // The project's six indicators, in catalogue order, with their targets.
        Assert.Equal(6, html.Split("data-indicator=", StringSplitOptions.None).Length - 1);
        Assert.Contains("class=\"report-value report-target\" data-value=\"12\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"report-value report-achievement\" data-value=\"75\"", html, StringComparison.Ordinal);
        Assert.Contains("75%", html, StringComparison.Ordinal);
        Assert.Contains("class=\"report-value report-achievement\" data-value=\"25\"", print, StringComparison.Ordinal);
        Assert.DoesNotContain("<nav", print, StringComparison.Ordinal);

        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("\"Indicator\",\"Category\",\"Value\",\"Unit\",\"Target\",\"Achievement (%)\",\"Note\"", lines[0].Trim());
        Assert.Contains(lines, l => l.Trim() == "\"Potential victims\",\"Total\",9,\"Number\",12,75,");
        Assert.Contains(lines, l => l.Trim() == "\"Cost of services delivered (EUR)\",\"Total\",220,\"Amount\",880,25,");
        Assert.Contains(lines, l => l.Trim() == "\"Days from first contact to identification\",\"Total\",10,\"Median days\",20,50,");

        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<Cell>().ToList()).ToList();
        Assert.Equal(["Indicator", "Category", "Value", "Unit", "Target", "Achievement (%)", "Note"], rows[0].Select(c => c.InnerText));
        var total = rows.Single(r => r[0].InnerText == "Potential victims" && r[1].InnerText == "Total");
        Assert.Equal(CellValues.Number, total[2].DataType!.Value);
        Assert.Equal("9", total[2].CellValue!.Text);
        Assert.Equal("12", total[4].CellValue!.Text);
        // The achievement is a real number, a fraction with a percentage format.
        Assert.Equal(CellValues.Number, total[5].DataType!.Value);
        Assert.Equal(0.75m, decimal.Parse(total[5].CellValue!.Text, CultureInfo.InvariantCulture));
        var format = (CellFormat)workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)total[5].StyleIndex!.Value);
        Assert.Equal(10u, format.NumberFormatId!.Value);
    }

    [Fact]
    public async Task Page_ProjectSelect_ListsOnlyProjectsTheUserMayRead()
    {
        var coordinator = await factory.SignInAsync(Demo.Coordinator, "sq");
        var supervisorClient = await factory.SignInAsync(Demo.Supervisor, "en");

        var html = await coordinator.GetStringAsync("/reports/indicators");
        var supervisor = await supervisorClient.GetStringAsync("/reports/indicators");

        Assert.Contains($"value=\"{DemoProjects.ProjectId("AL", "protect")}\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{DemoProjects.ProjectId("AL", "prevent")}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoProjects.ProjectId("XK", "protect").ToString(), html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Reports.Project", "sq"), System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        // The AL supervisor's shelter takes part in "Protect and Assist" only.
        Assert.Contains(DemoProjects.ProjectId("AL", "protect").ToString(), supervisor, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoProjects.ProjectId("AL", "prevent").ToString(), supervisor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Supervisor_OnlyOwnOrganisationsPartOfTheProject()
    {
        var client = await factory.SignInAsync(Demo.Supervisor, "en");
        var own = await factory.WithDb(db => Task.FromResult(db.Users.Where(u => u.Email == Demo.Supervisor).Select(u => u.OrganisationId).First()));

        var run = await RunAsync(client, $"project={DemoProjects.ProjectId("AL", "protect")}&indicator=shelter-bed-nights&by=organisation");
        var html = await client.GetStringAsync($"/reports/indicators?project={DemoProjects.ProjectId("AL", "protect")}");

        Assert.True(run.Project!.Partial);
        Assert.All(run.Figure.Rows, r => Assert.Equal(own.ToString(), r.Key));
        Assert.Equal(3000m, run.Figure.Target);
        Assert.Contains(factory.Text("Reports.Project.Partial", "en"), System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    public static TheoryData<string> NotFoundProjects => new()
    {
        Guid.NewGuid().ToString(),
        // Another country's project, for an AL coordinator.
        DemoProjects.ProjectId("XK", "protect").ToString(),
    };

    [Theory]
    [MemberData(nameof(NotFoundProjects))]
    public async Task Run_UnknownOrForeignProject_NotFoundAndNothingProduced(string project)
    {
        var client = await factory.SignInAsync(Demo.Coordinator, "sq");
        var expected = factory.Text("Reports.Error.UnknownProject", "sq");

        var api = await client.GetAsync($"/api/v1/reports/indicators/run?indicator=potential-victims&project={project}");
        var page = await client.GetAsync($"/reports/indicators?project={project}");
        var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        var xlsx = await client.GetAsync($"/reports/indicators/xlsx?project={project}");
        var csv = await client.GetAsync($"/reports/indicators/csv?project={project}");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-indicator=", html, StringComparison.Ordinal);
        foreach (var export in new[] { xlsx, csv })
        {
            Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
            Assert.StartsWith("text/html", export.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("data-indicator=", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_ProjectOfOtherOrganisation_NotFoundForAnalystAndSupervisor()
    {
        var (project, _) = await SeedAsync();
        foreach (var login in new[] { Demo.Analyst, Demo.Supervisor, Demo.Email("analyst", "xk"), Demo.Email("coordinator", "xk") })
        {
            var client = await factory.SignInAsync(login, "en");

            var api = await client.GetAsync($"/api/v1/reports/indicators/run?indicator=potential-victims&project={project}");
            var csv = await client.GetAsync($"/reports/indicators/csv?project={project}");

            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
            Assert.StartsWith("text/html", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("from=2024-12-31", "from", "Reports.Error.OutsideProject")]
    [InlineData("to=2026-01-01", "from", "Reports.Error.OutsideProject")]
    [InlineData("from=2025-06-01&to=2025-05-01", "from", "Reports.Error.FromAfterTo")]
    [InlineData("country=XK", "country", "Reports.Error.CountryOutOfScope")]
    [InlineData("by=eye-colour", "by", "Reports.Error.UnknownDisaggregation")]
    public async Task Run_ProjectBadInput_LocalisedErrorAndNothingProduced(string extra, string field, string key)
    {
        var (project, _) = await SeedAsync();
        var client = await factory.SignInAsync(Demo.Coordinator, "sq");
        var query = $"project={project}&indicator=potential-victims&{extra}";
        var expected = factory.Text(key, "sq");

        var api = await client.GetAsync("/api/v1/reports/indicators/run?" + query);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        var xlsx = await client.GetAsync("/reports/indicators/xlsx?" + query);
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/reports/indicators?" + query));

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(expected, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.StartsWith("text/html", xlsx.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-indicator=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OrganisationOutsideTheProject_Refused()
    {
        var (project, _) = await SeedAsync();
        var client = await factory.SignInAsync(Demo.Coordinator, "en");
        var police = await factory.WithDb(db => Task.FromResult(db.Users.Where(u => u.Email == Demo.Police).Select(u => u.OrganisationId).First()));

        var api = await client.GetAsync($"/api/v1/reports/indicators/run?indicator=potential-victims&project={project}&organisation={police}");

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains(factory.Text("Reports.Error.OrganisationOutOfScope", "en"), await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("police")]
    [InlineData("orgadmin")]
    [InlineData("outreach")]
    public async Task Run_RoleWithoutReports_ForbiddenWithProject(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login));
        var project = DemoProjects.ProjectId("AL", "protect");

        foreach (var page in new[] { "/reports/indicators", "/reports/indicators/xlsx", "/reports/indicators/csv", "/reports/indicators/print" })
            Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"{page}?project={project}")));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/reports/indicators/run?indicator=trainings&project={project}")).StatusCode);
    }
}
