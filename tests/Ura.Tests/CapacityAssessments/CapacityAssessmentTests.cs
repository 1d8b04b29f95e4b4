using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Training.Assessments;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.CapacityAssessments.AssessmentTestSupport;

namespace Ura.Tests.CapacityAssessments;

/// <summary>Programmes and assessments as an outreach officer records them, the figures computed from them, and bad input refused.</summary>
public sealed class CapacityAssessmentTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task RecordAssessment_AllCriteriaScored_StoresScoresAndAnswersDimensionAveragesAndOverall()
    {
        var client = await factory.SignInAsync(Outreach(), "en");
        var programme = await CreateProgrammeAsync(client);
        // Governance 4, finance 1, every other dimension 2: overall (4 + 1 + 5 × 2) / 7 = 2.14.
        var scores = ScoresByDimension(d => d switch { "governance" => 4, "finance" => 1, _ => 2 });

        var view = await RecordAsync(client, programme.Id, Assessment(LegalAid(), scores: scores));

        Assert.Equal(4m, view.Dimensions.Single(d => d.Dimension == "governance").Average);
        Assert.Equal(1m, view.Dimensions.Single(d => d.Dimension == "finance").Average);
        Assert.Equal(7, view.Dimensions.Count);
        Assert.Equal(2.14m, view.Overall);
        var stored = await factory.WithDb(db => db.CapacityScores.AsNoTracking().Where(s => s.AssessmentId == view.Id).ToListAsync());
        Assert.Equal(CapacityFramework.Current.Criteria.Count(), stored.Count);
        Assert.All(stored, s => Assert.Equal("Checked on site.", s.Evidence));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "training.assessment.create" && a.EntityId == view.Id.ToString())));
        var history = await client.GetFromJsonAsync<ProviderHistory>($"/api/v1/training/programmes/{programme.Id}/providers/{LegalAid()}");
        Assert.Equal(view.Id, Assert.Single(history!.Assessments).Id);
    }

    [Fact]
    public async Task Programme_RepeatedAssessments_CountsAssessedImprovedAndAverageChangePerDimension()
    {
        var client = await factory.SignInAsync(Outreach(), "en");
        var programme = await CreateProgrammeAsync(client, Programme("Figures check", target: 3));
        // Legal aid improves (governance 1 → 3); mental health declines (governance 3 → 2); vocational is assessed once.
        await RecordAsync(client, programme.Id, Assessment(LegalAid(), "2026-02-01", ScoresByDimension(d => d == "governance" ? 1 : 2)));
        await RecordAsync(client, programme.Id, Assessment(LegalAid(), "2026-09-01", ScoresByDimension(d => d == "governance" ? 3 : 2)));
        await RecordAsync(client, programme.Id, Assessment(MentalHealth(), "2026-01-15", ScoresByDimension(d => d == "governance" ? 3 : 2)));
        await RecordAsync(client, programme.Id, Assessment(MentalHealth(), "2026-10-01", ScoresByDimension(d => d == "governance" ? 2 : 2)));
        await RecordAsync(client, programme.Id, Assessment(Vocational(), "2026-05-05", ScoresByDimension(_ => 4)));

        var view = await client.GetFromJsonAsync<ProgrammeView>($"/api/v1/training/programmes/{programme.Id}");

        Assert.Equal(3, view!.Programme.TargetProviders);
        Assert.Equal(3, view.Programme.ProvidersAssessed);
        Assert.Equal(1, view.Programme.ProvidersImproved);
        Assert.True(view.Providers.Single(p => p.ProviderId == LegalAid()).Improved);
        Assert.False(view.Providers.Single(p => p.ProviderId == MentalHealth()).Improved);
        // (+2 + −1) / 2 providers assessed twice.
        Assert.Equal(0.5m, view.DimensionChanges.Single(c => c.Dimension == "governance").AverageChange);
        Assert.Equal(0m, view.DimensionChanges.Single(c => c.Dimension == "finance").AverageChange);
        var page = await (await client.GetAsync($"/training/assessments/{programme.Id}")).HtmlAsync();
        Assert.Contains("3 of 3 providers assessed", page);
        Assert.Contains("1 improved since their first assessment", page);
        Assert.Contains("+0.50", page);
    }

    [Fact]
    public async Task CreateProgramme_TargetLeftOut_DefaultsToNineInTheUsersCountryAndOrganisation()
    {
        var client = await factory.SignInAsync(Outreach("xk"), "en");

        var programme = await CreateProgrammeAsync(client, Programme("Kosovo pilot"));

        Assert.Equal(9, programme.TargetProviders);
        Assert.Equal("XK", programme.CountryCode);
        var owner = await factory.WithDb(db => db.CapacityProgrammes.Where(p => p.Id == programme.Id).Select(p => p.OrganisationId).SingleAsync());
        Assert.Equal((await factory.UserAsync(Outreach("xk"))).OrganisationId, owner);
    }

    [Fact]
    public async Task DemoProgramme_EveryCountry_NineProvidersAssessedTwiceMostImproved()
    {
        var client = await factory.SignInAsync(Demo.Analyst, "en");
        foreach (var country in new[] { "AL", "XK", "MK", "ME", "RS", "BA" })
        {
            var view = await client.GetFromJsonAsync<ProgrammeView>($"/api/v1/training/programmes/{DemoProgramme(country)}");
            Assert.Equal(9, view!.Programme.TargetProviders);
            Assert.Equal(9, view.Programme.ProvidersAssessed);
            Assert.Equal(8, view.Programme.ProvidersImproved);
            Assert.All(view.Providers, p => Assert.Equal(2, p.Assessments));
            Assert.All(view.DimensionChanges, c => Assert.True(c.AverageChange > 0));
        }
    }

    public static TheoryData<string, string, string> BadAssessments => new()
    {
        { "score-above-scale", "scores[0]", "Assessments.ScoreOutsideScale" },
        { "score-zero", "scores[0]", "Assessments.ScoreOutsideScale" },
        { "unknown-criterion", "scores[0]", "Assessments.UnknownCriterion" },
        { "criterion-twice", "scores[1]", "Assessments.CriterionTwice" },
        { "criterion-missing", "scores", "Assessments.CriterionMissing" },
        { "score-missing", "scores[0]", "Assessments.ScoreMissing" },
        { "evidence-missing", "scores[0]", "Assessments.EvidenceRequired" },
        { "evidence-too-long", "scores[0]", "Validation.TooLong" },
        { "date-before-programme", "assessedOn", "Assessments.DateOutsidePeriod" },
        { "date-in-future", "assessedOn", "Assessments.DateInFuture" },
        { "provider-other-country", "providerId", "Assessments.UnknownProvider" },
        { "provider-unknown", "providerId", "Assessments.UnknownProvider" },
    };

    [Theory]
    [MemberData(nameof(BadAssessments))]
    public async Task RecordAssessment_BadInput_RefusedInAlbanianAndNothingStored(string problem, string field, string key)
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var body = Assessment(LegalAid(), "2026-03-10");
        var scores = (List<Dictionary<string, object?>>)body["scores"]!;
        switch (problem)
        {
            case "score-above-scale": scores[0]["score"] = 5; break;
            case "score-zero": scores[0]["score"] = 0; break;
            case "unknown-criterion": scores[0]["criterion"] = "gov-invented"; break;
            case "criterion-twice": scores[1]["criterion"] = scores[0]["criterion"]; break;
            case "criterion-missing": scores.RemoveAt(scores.Count - 1); break;
            case "score-missing": scores[0]["score"] = null; break;
            case "evidence-missing": scores[0]["score"] = 3; scores[0]["evidence"] = "  "; break;
            case "evidence-too-long": scores[0]["evidence"] = new string('x', 2001); break;
            case "date-before-programme": body["assessedOn"] = "2024-12-31"; break;
            case "date-in-future": body["assessedOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture); break;
            case "provider-other-country": body["providerId"] = LegalAid("XK"); break;
            case "provider-unknown": body["providerId"] = Guid.NewGuid(); break;
        }
        var before = await SnapshotAsync(factory);

        var response = await client.PostAsJsonAsync($"/api/v1/training/programmes/{DemoProgramme()}/assessments", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(response, field));
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    public static TheoryData<string, string, string> BadProgrammes => new()
    {
        { "reversed-period", "endsOn", "Assessments.PeriodReversed" },
        { "target-zero", "targetProviders", "Assessments.TargetRange" },
        { "target-negative", "targetProviders", "Assessments.TargetRange" },
        { "year-out-of-range", "startsOn", "Assessments.DateRange" },
        { "name-missing", "name", "Validation.Required" },
    };

    [Theory]
    [MemberData(nameof(BadProgrammes))]
    public async Task CreateProgramme_BadInput_RefusedLocalisedAndNothingStored(string problem, string field, string key)
    {
        var client = await factory.SignInAsync(Outreach(), "mk");
        var body = problem switch
        {
            "reversed-period" => Programme(starts: "2026-06-01", ends: "2026-05-31"),
            "target-zero" => Programme(target: 0),
            "target-negative" => Programme(target: -4),
            "year-out-of-range" => Programme(starts: "1899-01-01"),
            _ => Programme(name: ""),
        };
        var before = await SnapshotAsync(factory);

        var response = await client.PostAsJsonAsync("/api/v1/training/programmes", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "mk"), await AdminTestSupport.ProblemErrorsAsync(response, field));
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task AssessmentPage_ScoreWithoutEvidence_ShowsAlbanianErrorBesideTheCriterionAndStoresNothing()
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var programme = await CreateProgrammeAsync(client, Programme("Programi për faqen"));
        var fields = new Dictionary<string, string>
        {
            ["Input.ProviderId"] = Vocational().ToString(),
            ["Input.AssessedOn"] = "2026-04-01",
            ["Input.Assessors"] = "Arta Hoxha",
        };
        var criteria = CapacityFramework.Current.Criteria.ToList();
        for (var i = 0; i < criteria.Count; i++)
        {
            fields[$"Input.Scores[{i}].Criterion"] = criteria[i].Criterion.Key;
            fields[$"Input.Scores[{i}].Score"] = "2";
        }
        fields["Input.Scores[4].Score"] = "4";
        var before = await SnapshotAsync(factory);
        var url = $"/training/assessments/{programme.Id}/assess";

        var response = await UraFactory.PostFormAsync(client, url, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains($"id=\"c-{criteria[4].Criterion.Key}-error\">{factory.Text("Assessments.EvidenceRequired", "sq")}", html);
        Assert.Equal(before, await SnapshotAsync(factory));

        fields["Input.Scores[4].Evidence"] = "Plani i trajnimeve 2026 dhe listat e pjesëmarrjes.";
        var saved = await UraFactory.PostFormAsync(client, url, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/training/assessments/{programme.Id}/providers/{Vocational()}", AdminTestSupport.RedirectPath(saved));
        Assert.Equal(1, await factory.WithDb(db => db.CapacityAssessments.CountAsync(a => a.ProgrammeId == programme.Id)));
    }

    [Fact]
    public async Task ProgrammePage_NewProgrammeForm_CreatesProgrammeAndReversedPeriodRefused()
    {
        var client = await factory.SignInAsync(Outreach(), "en");
        var before = await SnapshotAsync(factory);

        var refused = await UraFactory.PostFormAsync(client, "/training/assessments/new", new()
        {
            ["Input.Name"] = "Reversed", ["Input.StartsOn"] = "2026-05-01", ["Input.EndsOn"] = "2026-01-01", ["Input.TargetProviders"] = "9",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(factory.Text("Assessments.PeriodReversed"), await refused.HtmlAsync());
        Assert.Equal(before, await SnapshotAsync(factory));

        var created = await UraFactory.PostFormAsync(client, "/training/assessments/new", new()
        {
            ["Input.Name"] = "Programi i ri", ["Input.StartsOn"] = "2026-01-01", ["Input.EndsOn"] = "2027-06-30", ["Input.TargetProviders"] = "12",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(AdminTestSupport.RedirectPath(created)!.Split('/')[^1]);
        var row = await factory.WithDb(db => db.CapacityProgrammes.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(("Programi i ri", 12, "AL"), (row.Name, row.TargetProviders, row.CountryCode));
    }

    [Fact]
    public async Task ProviderHistoryPage_DemoProvider_ChartHasTitleDescriptionAndTheNumbersTableBesideIt()
    {
        var client = await factory.SignInAsync(Outreach(), "en");
        var history = await client.GetFromJsonAsync<ProviderHistory>($"/api/v1/training/programmes/{DemoProgramme()}/providers/{LegalAid()}");

        var html = await (await client.GetAsync($"/training/assessments/{DemoProgramme()}/providers/{LegalAid()}")).HtmlAsync();

        var svg = html[html.IndexOf("<svg", StringComparison.Ordinal)..(html.IndexOf("</svg>", StringComparison.Ordinal) + 6)];
        Assert.Contains("role=\"img\"", svg);
        Assert.Contains("<title id=\"progress-title\">Progress of", svg);
        Assert.Contains("<desc id=\"progress-desc\">", svg);
        var table = html[html.IndexOf("<table>", html.IndexOf("</svg>", StringComparison.Ordinal), StringComparison.Ordinal)..];
        Assert.Equal(2, history!.Assessments.Count);
        foreach (var assessment in history.Assessments)
        {
            Assert.Contains(ProgressChart.Date(assessment.AssessedOn), svg);
            Assert.Contains(ProgressChart.Date(assessment.AssessedOn), table);
            foreach (var d in assessment.Dimensions)
            {
                var number = d.Average.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
                Assert.Contains($">{number}</text>", svg);
                Assert.Contains($"<td>{number}</td>", table);
            }
            Assert.Contains($"<strong>{assessment.Overall!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}</strong>", table);
        }
        Assert.Contains("Governance", table);
    }
}
