using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ura.Features.Cases;
using Ura.Features.Reports;
using Ura.Features.Reports.Projects;
using Ura.Platform.Crypto;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Reports;

/// <summary>
/// Costs in reports at the node's defaults: each person's costs carry a fixed noise of 10 to 20 %, and costs in
/// different currencies are never added together.
/// </summary>
public sealed class CostTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Figure(string Key, string Title, decimal? Total, string? Currency, decimal? Target);
    private sealed record Report(bool CostNoise, List<Figure> Figures);
    private sealed record Run(Figure Figure);

    [Fact]
    public void Factor_ManyPeople_TenToTwentyPercentEachWayAndBalanced()
    {
        var secret = new BlindIndex([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
        var people = Enumerable.Range(0, 10_000).Select(i => new Guid(i, 7, 7, 0, 0, 0, 0, 0, 0, 0, 1)).ToList();

        var factors = people.Select(p => CostNoise.Factor(secret, p)).ToList();

        Assert.All(factors, f => Assert.True(f is >= 0.8 and <= 0.9 or >= 1.1 and <= 1.2, $"{f}"));
        Assert.Equal(factors, people.Select(p => CostNoise.Factor(secret, p)));
        Assert.InRange(factors.Count(f => f > 1), 4_500, 5_500);
        Assert.InRange(factors.Average(), 0.995, 1.005);
        // Another node's key gives other factors.
        var other = new BlindIndex([.. Enumerable.Range(2, 32).Select(i => (byte)i)]);
        Assert.NotEqual(factors, people.Select(p => CostNoise.Factor(other, p)));
    }

    /// <summary>An organisation with 6 people in March 2025, each with a service of 100 EUR and one of 1,000 ALL.</summary>
    private async Task<Guid> SeedAsync(Guid? project = null)
    {
        var organisation = new Organisation { Name = "Costs " + Guid.NewGuid().ToString("N")[..8], CountryCode = "AL", CreatedAt = DateTime.UtcNow };
        await factory.WithDb(db =>
        {
            db.Organisations.Add(organisation);
            for (var i = 0; i < 6; i++)
            {
                var opened = new DateTime(2025, 3, 2, 9, 0, 0, DateTimeKind.Utc);
                var @case = new Case { OrganisationId = organisation.Id, Reference = "C" + Guid.NewGuid().ToString("N")[..12], OpenedAt = opened, UpdatedAt = opened };
                db.Cases.Add(@case);
                foreach (var (cost, currency) in new[] { (100m, "EUR"), (1000m, "ALL") })
                {
                    db.ServiceDeliveries.Add(new ServiceDelivery
                    {
                        CaseId = @case.Id, OrganisationId = organisation.Id, ProviderOrganisationId = organisation.Id, Type = ServiceType.Medical,
                        DeliveredOn = new DateOnly(2025, 3, 10), Cost = cost, Currency = currency, RecordedAt = opened, UpdatedAt = opened,
                    });
                }
            }
            if (project is { } id)
                db.ProjectOrganisations.Add(new ProjectOrganisation { ProjectId = id, OrganisationId = organisation.Id });
            return db.SaveChangesAsync();
        });
        return organisation.Id;
    }

    [Fact]
    public async Task Report_TwoCurrencies_OneNoisyFigureEachNeverAdded()
    {
        var organisation = await SeedAsync();
        var client = await factory.SignInAsync(Demo.Analyst, "en");
        var query = $"indicator=service-cost&from=2025-03-01&to=2025-03-31&organisation={organisation}";

        var report = (await client.GetFromJsonAsync<Report>("/api/v1/reports/indicators/report?" + query, Json))!;
        var again = (await client.GetFromJsonAsync<Report>("/api/v1/reports/indicators/report?" + query, Json))!;
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/reports/indicators?" + query));
        var csv = System.Text.Encoding.UTF8.GetString(await client.GetByteArrayAsync("/reports/indicators/csv?" + query));

        Assert.True(report.CostNoise);
        Assert.Equal(["ALL", "EUR"], report.Figures.Select(f => f.Currency));
        Assert.Equal(["Cost of services delivered (ALL)", "Cost of services delivered (EUR)"], report.Figures.Select(f => f.Title));
        // Six people's noise: the total is within 20 % of the true one, and the same in every report.
        Assert.InRange(report.Figures[0].Total!.Value, 4_800m, 7_200m);
        Assert.InRange(report.Figures[1].Total!.Value, 480m, 720m);
        Assert.Equal(report.Figures.Select(f => f.Total), again.Figures.Select(f => f.Total));
        // The people's factors are the same in both currencies, so ALL is ten times EUR.
        Assert.InRange(report.Figures[0].Total!.Value - report.Figures[1].Total!.Value * 10, -0.1m, 0.1m);
        Assert.Contains("Cost of services delivered (ALL)", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Reports.CostNoiseNote", "en"), html, StringComparison.Ordinal);
        Assert.Contains("\"Cost of services delivered (EUR)\",\"Total\",", csv, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Reports.CostNoiseNote", "en").Replace("\"", "\"\"", StringComparison.Ordinal), csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SeveralCurrencies_OneAskedForOrLocalisedProblem()
    {
        var organisation = await SeedAsync();
        var client = await factory.SignInAsync(Demo.Analyst, "sq");
        var query = $"/api/v1/reports/indicators/run?indicator=service-cost&from=2025-03-01&to=2025-03-31&organisation={organisation}";

        var both = await client.GetAsync(query);
        var problem = await both.Content.ReadFromJsonAsync<JsonElement>();
        var euros = (await client.GetFromJsonAsync<Run>(query + "&currency=EUR", Json))!;
        var marks = (await client.GetFromJsonAsync<Run>(query + "&currency=BAM", Json))!;

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(factory.Text("Reports.Error.SeveralCurrencies", "sq"), problem.GetProperty("errors").GetProperty("currency")[0].GetString());
        Assert.Equal("EUR", euros.Figure.Currency);
        Assert.InRange(euros.Figure.Total!.Value, 480m, 720m);
        Assert.Equal(("BAM", 0m), (marks.Figure.Currency, marks.Figure.Total));
    }

    [Fact]
    public async Task ProjectReport_SeveralCurrencies_CostTargetNotApplied()
    {
        var project = new Project
        {
            CountryCode = "AL", Name = "Costs " + Guid.NewGuid().ToString("N")[..8], StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2025, 12, 31),
            CreatedAt = DateTime.UtcNow, ModifiedAt = DateTime.UtcNow,
        };
        await factory.WithDb(db =>
        {
            db.Projects.Add(project);
            db.ProjectTargets.Add(new ProjectTarget { ProjectId = project.Id, IndicatorKey = "service-cost", Target = 600 });
            return db.SaveChangesAsync();
        });
        await SeedAsync(project.Id);
        var client = await factory.SignInAsync(Demo.Coordinator, "en");

        var report = (await client.GetFromJsonAsync<Report>($"/api/v1/reports/indicators/report?project={project.Id}", Json))!;
        var euros = (await client.GetFromJsonAsync<Report>($"/api/v1/reports/indicators/report?project={project.Id}&currency=EUR", Json))!;

        Assert.Equal([null, null], report.Figures.Select(f => f.Target));
        Assert.Equal(600m, euros.Figures.Single().Target);
    }
}
