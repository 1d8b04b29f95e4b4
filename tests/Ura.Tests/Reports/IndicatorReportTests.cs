using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ura.Features.Cases;
using Ura.Features.Identification;
using Ura.Features.Reports.Indicators;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Reports;

/// <summary>The indicator report over HTTP: exact figures from seeded records, scope, bad input and small-number protection.</summary>
public sealed class IndicatorReportTests(UnroundedFactory factory) : IClassFixture<UnroundedFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private const int Threshold = 5;

    private sealed record Row(string Key, string Label, decimal? Value, bool Hidden);
    private sealed record Figure(string Key, string Title, string Definition, IndicatorUnit Unit, string? By, List<Row> Rows, decimal? Total, bool TotalHidden);
    private sealed record Run(DateOnly From, DateOnly To, int Threshold, Figure Figure);
    private sealed record Description(string Key, string Title, string Definition, IndicatorUnit Unit, List<string> Disaggregations);

    /// <summary>
    /// A fresh organisation in Montenegro with: 7 women and 2 men whose cases opened on 2025-03-10; 6 of the
    /// women identified on 2025-03-20 (10 days later); 8 medical services of 12.50 and 3 legal ones of 40 in March 2025.
    /// </summary>
    private async Task<Guid> SeedAsync()
    {
        var organisation = new Organisation { Name = "Indicators " + Guid.NewGuid().ToString("N")[..8], CountryCode = "ME", CreatedAt = DateTime.UtcNow };
        await factory.WithDb(async db =>
        {
            db.Organisations.Add(organisation);
            ReportSeed.AddCases(db, organisation.Id, "ME");
            await db.SaveChangesAsync();
        });
        return organisation.Id;
    }

    private static async Task<Run> RunAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/reports/indicators/run?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, query + ": " + await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Run>(Json))!;
    }

    [Fact]
    public async Task Run_SeededOrganisation_ExactFigures()
    {
        var organisation = await SeedAsync();
        var client = await factory.SignInAsync(Demo.Analyst, "en");
        var where = $"from=2025-03-01&to=2025-03-31&organisation={organisation}";

        var potential = await RunAsync(client, "indicator=potential-victims&" + where);
        var bySex = await RunAsync(client, "indicator=potential-victims&by=sex&" + where);
        var identified = await RunAsync(client, "indicator=identified-victims&" + where);
        var days = await RunAsync(client, "indicator=days-to-identification&" + where);
        var services = await RunAsync(client, "indicator=services-delivered&by=service-type&" + where);
        var cost = await RunAsync(client, "indicator=service-cost&" + where);
        var costByType = await RunAsync(client, "indicator=service-cost&by=service-type&" + where);
        var february = await RunAsync(client, $"indicator=potential-victims&from=2025-02-01&to=2025-02-28&organisation={organisation}");

        Assert.Equal(9, potential.Figure.Total);
        // 7 women and 2 men: the 2 are hidden, and so is the 7, or the total would give the 2 away.
        Assert.All(bySex.Figure.Rows, r => Assert.True(r.Hidden));
        Assert.Equal(9, bySex.Figure.Total);
        Assert.Equal(6, identified.Figure.Total);
        Assert.Equal(10m, days.Figure.Total);
        // 8 medical and 3 legal: the 3 is hidden, and the 8 with it rather than the total.
        Assert.Equal(["LegalCounselling", "Medical"], services.Figure.Rows.Select(r => r.Key).Order());
        Assert.All(services.Figure.Rows, r => Assert.True(r.Hidden));
        Assert.Equal(11, services.Figure.Total);
        Assert.Equal(8 * 12.50m + 3 * 40m, cost.Figure.Total);
        Assert.All(costByType.Figure.Rows, r => Assert.True(r.Hidden));
        Assert.Equal(220m, costByType.Figure.Total);
        Assert.Equal(0, february.Figure.Total);
    }

    [Fact]
    public async Task Catalogue_InRequestLanguage_EveryIndicatorWithDefinition()
    {
        var client = await factory.SignInAsync(Demo.Analyst, "sq");

        var catalogue = (await client.GetFromJsonAsync<List<Description>>("/api/v1/reports/indicators", Json))!;

        Assert.Equal(IndicatorCatalogue.Keys, catalogue.Select(d => d.Key));
        Assert.All(catalogue, d => Assert.False(string.IsNullOrWhiteSpace(d.Definition)));
        Assert.Equal("Viktima të mundshme", catalogue.Single(d => d.Key == "potential-victims").Title);
    }

    [Fact]
    public async Task Page_Analyst_ShowsDefinitionsAndExports()
    {
        var organisation = await SeedAsync();
        var client = await factory.SignInAsync(Demo.Analyst, "en");
        var query = $"from=2025-03-01&to=2025-03-31&organisation={organisation}&indicator=potential-victims&indicator=service-cost";

        var html = await client.GetStringAsync("/reports/indicators?" + query);
        var csv = await client.GetByteArrayAsync("/reports/indicators/csv?" + query);
        var xlsx = await client.GetAsync("/reports/indicators/xlsx?" + query);
        var print = await client.GetStringAsync("/reports/indicators/print?" + query);
        var index = await client.GetStringAsync("/reports");

        Assert.Contains("each case is a person presumed to be a victim", html, StringComparison.Ordinal);
        Assert.Contains("data-value=\"9\"", html, StringComparison.Ordinal);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        Assert.Contains("\"Potential victims\",\"Total\",9,", System.Text.Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("<nav", print, StringComparison.Ordinal);
        Assert.Contains("data-value=\"220\"", print, StringComparison.Ordinal);
        Assert.Contains("/reports/indicators", index, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("indicator=potential-victims&from=2025-05-02&to=2025-05-01", "from", "Reports.Error.FromAfterTo")]
    [InlineData("indicator=potential-victims&from=2000-01-01&to=2025-05-01", "to", "Reports.Error.PeriodTooLong")]
    [InlineData("indicator=victims", "indicator", "Reports.Error.UnknownIndicator")]
    [InlineData("indicator=potential-victims&by=eye-colour", "by", "Reports.Error.UnknownDisaggregation")]
    [InlineData("indicator=trainings&by=sex", "by", "Reports.Error.UnsupportedDisaggregation")]
    [InlineData("indicator=potential-victims&country=XK", "country", "Reports.Error.CountryOutOfScope")]
    [InlineData("indicator=service-cost&currency=XYZ", "currency", "Reports.Error.UnknownCurrency")]
    public async Task Run_BadInput_LocalisedProblemAndNothingProduced(string query, string field, string key)
    {
        var client = await factory.SignInAsync(Demo.Coordinator, "sq");

        var response = await client.GetAsync("/api/v1/reports/indicators/run?" + query);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var page = await client.GetAsync("/reports/indicators/csv?" + query);
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/reports/indicators?" + query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var expected = factory.Text(key, "sq");
        Assert.Equal(expected, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        // An export of a refused report gives the form with the error, not a file.
        Assert.StartsWith("text/html", page.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-indicator=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OrganisationOfAnotherCountry_RefusedForCoordinatorAndSupervisor()
    {
        var organisation = await SeedAsync();
        foreach (var login in new[] { Demo.Coordinator, Demo.Supervisor })
        {
            var client = await factory.SignInAsync(login, "en");

            var response = await client.GetAsync($"/api/v1/reports/indicators/run?indicator=potential-victims&organisation={organisation}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("You may not report on that organisation.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("police")]
    [InlineData("orgadmin")]
    [InlineData("outreach")]
    [InlineData("sheltermanager")]
    public async Task Reports_RoleWithoutReports_Forbidden(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login));

        foreach (var page in new[] { "/reports", "/reports/indicators", "/reports/indicators/xlsx", "/reports/indicators/print" })
            Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, page)));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/reports/indicators")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/reports/indicators/run?indicator=trainings")).StatusCode);
    }

    /// <summary>
    /// The attack: every indicator, every breakdown it supports, several periods and places, as an analyst.
    /// No published count is between 1 and the threshold, and no hidden cell follows from the total and the other
    /// cells (at least two hidden, or the total hidden too). Differencing two runs is covered in docs/reports/indicators.md.
    /// </summary>
    [Fact]
    public async Task Run_EveryParameterCombination_NoSmallCountPublishedOrDerivable()
    {
        var organisation = await SeedAsync();
        var client = await factory.SignInAsync(Demo.Analyst, "en");
        var periods = new[] { "from=2025-03-01&to=2025-03-31", "from=2025-03-10&to=2025-03-10", "from=2025-01-01&to=2025-12-31", "" };
        var places = new[] { "", $"organisation={organisation}", "country=ME", "country=AL&country=XK" };
        var tables = 0;
        foreach (var indicator in IndicatorCatalogue.All)
        {
            foreach (var by in indicator.Disaggregations.Prepend(null))
            {
                foreach (var period in periods)
                {
                    foreach (var place in places)
                    {
                        var run = await RunAsync(client, $"indicator={indicator.Key}&by={by}&{period}&{place}");
                        var figure = run.Figure;
                        tables++;
                        if (indicator.Unit != IndicatorUnit.Count)
                            continue;
                        Assert.All(figure.Rows.Append(new Row("total", "", figure.Total, figure.TotalHidden)), r =>
                            Assert.False(r.Value is > 0 and < Threshold, $"{indicator.Key} by {by} {period} {place}: {r.Key} = {r.Value}"));
                        var hidden = figure.Rows.Count(r => r.Hidden);
                        Assert.False(hidden == 1 && !figure.TotalHidden, $"{indicator.Key} by {by} {period} {place}: one hidden cell and the total shown");
                        Assert.All(figure.Rows, r => Assert.Equal(r.Hidden, r.Value is null));
                    }
                }
            }
        }
        Assert.True(tables > 500);
    }
}
