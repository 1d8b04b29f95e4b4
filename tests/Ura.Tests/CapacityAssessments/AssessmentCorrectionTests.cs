using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Training.Assessments;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.CapacityAssessments.AssessmentTestSupport;

namespace Ura.Tests.CapacityAssessments;

/// <summary>
/// Correcting a recorded assessment (date, assessors, scores and evidence) and removing one recorded by
/// mistake, on the pages and in the API. Only the programme's outreach officers may; another organisation
/// gets 404, other roles 403, and the assessment stays as it was. The programme's figures and the provider's
/// history follow every correction and removal.
/// </summary>
public sealed class AssessmentCorrectionTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly Guid Programme = DemoProgramme();

    [Fact]
    public async Task Correct_LatestScoresLowered_ProgrammeNoLongerCountsTheProviderImproved()
    {
        var client = await factory.SignInAsync(Outreach(), "en");
        var programme = await CreateProgrammeAsync(client, AssessmentTestSupport.Programme("Correction check", target: 2));
        await RecordAsync(client, programme.Id, Assessment(LegalAid(), "2026-02-01", ScoresByDimension(_ => 2)));
        var latest = await RecordAsync(client, programme.Id, Assessment(LegalAid(), "2026-05-01", ScoresByDimension(_ => 3)));
        var before = (await client.GetFromJsonAsync<ProgrammeView>($"/api/v1/training/programmes/{programme.Id}"))!;
        Assert.Equal(1, before.Programme.ProvidersImproved);

        var body = Assessment(LegalAid(), "2026-05-03", ScoresByDimension(d => d == "governance" ? 2 : 1));
        body.Remove("providerId");
        body["assessors"] = "Arta Hoxha";
        var response = await client.PutAsJsonAsync($"/api/v1/training/assessments/{latest.Id}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<AssessmentView>())!;
        Assert.Equal((new DateOnly(2026, 5, 3), "Arta Hoxha", 1.14m), (view.AssessedOn, view.Assessors, view.Overall));
        var after = (await client.GetFromJsonAsync<ProgrammeView>($"/api/v1/training/programmes/{programme.Id}"))!;
        Assert.Equal(0, after.Programme.ProvidersImproved);
        Assert.Equal(1, after.Programme.ProvidersAssessed);
        var provider = after.Providers.Single();
        Assert.Equal((2m, 1.14m, new DateOnly(2026, 5, 3), false), (provider.FirstOverall, provider.LatestOverall, provider.LatestOn, provider.Improved));
        Assert.Equal(0m, after.DimensionChanges.Single(c => c.Dimension == "governance").AverageChange);
        Assert.Equal(-1m, after.DimensionChanges.Single(c => c.Dimension == "finance").AverageChange);
        var history = (await client.GetFromJsonAsync<ProviderHistory>($"/api/v1/training/programmes/{programme.Id}/providers/{LegalAid()}"))!;
        Assert.Equal(1.14m, history.Assessments[^1].Overall);
        Assert.True(history.CanChange);
        var rows = await factory.WithDb(db => db.CapacityScores.AsNoTracking().Where(s => s.AssessmentId == latest.Id).ToListAsync());
        Assert.Equal(CapacityFramework.Current.Criteria.Count(), rows.Count);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "training.assessment.change" && a.EntityId == latest.Id.ToString())));
        // The chart beside the numbers shows the corrected latest assessment.
        var page = await (await client.GetAsync($"/training/assessments/{programme.Id}/providers/{LegalAid()}")).HtmlAsync();
        Assert.Contains("2026-05-03", page);
        Assert.DoesNotContain("2026-05-01", page);
    }

    [Fact]
    public async Task EditPage_Prefilled_SavedInAlbanianWithNoticeOnTheHistory()
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var programme = await CreateProgrammeAsync(client, AssessmentTestSupport.Programme("Programi për korrigjime"));
        var recorded = await RecordAsync(client, programme.Id, Assessment(Vocational(), "2026-03-10", Scores(3, "Plani i trajnimeve 2026.")));
        var criteria = CapacityFramework.Current.Criteria.ToList();
        var url = $"/training/assessments/{programme.Id}/assessments/{recorded.Id}/edit";

        var history = await (await client.GetAsync($"/training/assessments/{programme.Id}/providers/{Vocational()}")).HtmlAsync();
        Assert.Contains($"href=\"{url}\"", history);
        Assert.Contains($"href=\"/training/assessments/{programme.Id}/assessments/{recorded.Id}/remove\"", history);
        var form = await (await client.GetAsync(url)).HtmlAsync();
        Assert.Contains("value=\"2026-03-10\"", form);
        Assert.Contains("value=\"Arta Hoxha, Ilir Basha\"", form);
        Assert.Contains($"id=\"c-{criteria[0].Criterion.Key}-3\" name=\"Input.Scores[0].Score\" value=\"3\" checked=\"checked\"", form);
        Assert.Contains("Plani i trajnimeve 2026.</textarea>", form);

        var fields = new Dictionary<string, string> { ["Input.AssessedOn"] = "2026-03-12", ["Input.Assessors"] = "Arta Hoxha" };
        for (var i = 0; i < criteria.Count; i++)
        {
            fields[$"Input.Scores[{i}].Criterion"] = criteria[i].Criterion.Key;
            fields[$"Input.Scores[{i}].Score"] = "2";
        }
        fields["Input.Scores[0].Score"] = "4";
        fields["Input.Scores[0].Evidence"] = "Procedura e nënshkruar.";
        var saved = await UraFactory.PostFormAsync(client, url, fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/training/assessments/{programme.Id}/providers/{Vocational()}?done=Corrected", saved.Headers.Location!.OriginalString);
        var row = await factory.WithDb(db => db.CapacityAssessments.AsNoTracking().Include(a => a.Scores).SingleAsync(a => a.Id == recorded.Id));
        Assert.Equal((new DateOnly(2026, 3, 12), "Arta Hoxha"), (row.AssessedOn, row.Assessors));
        var first = row.Scores.Single(s => s.Criterion == criteria[0].Criterion.Key);
        Assert.Equal((4, "Procedura e nënshkruar."), (first.Score, first.Evidence));
        Assert.All(row.Scores.Where(s => s != first), s => Assert.Equal((2, (string?)null), (s.Score, s.Evidence)));
        var notice = await (await client.GetAsync(saved.Headers.Location)).HtmlAsync();
        Assert.Contains(factory.Text("Assessments.Done.Corrected", "sq"), notice);
    }

    [Fact]
    public async Task Remove_PageThenApi_AssessmentAndScoresGoneFiguresRecomputedAndAudited()
    {
        var client = await factory.SignInAsync(Outreach(), "en");
        var programme = await CreateProgrammeAsync(client, AssessmentTestSupport.Programme("Removal check", target: 3));
        await RecordAsync(client, programme.Id, Assessment(LegalAid(), "2026-02-01", ScoresByDimension(_ => 1)));
        var mistaken = await RecordAsync(client, programme.Id, Assessment(LegalAid(), "2026-04-01", ScoresByDimension(_ => 3)));
        var other = await RecordAsync(client, programme.Id, Assessment(MentalHealth(), "2026-04-02", ScoresByDimension(_ => 2)));
        var url = $"/training/assessments/{programme.Id}/assessments/{mistaken.Id}/remove";

        var confirm = await (await client.GetAsync(url)).HtmlAsync();
        Assert.Contains(factory.Text("Assessments.Remove.Warning"), confirm);
        Assert.Contains("2026-04-01", confirm);
        var removed = await UraFactory.PostFormAsync(client, url, []);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal($"/training/assessments/{programme.Id}/providers/{LegalAid()}?done=Removed", removed.Headers.Location!.OriginalString);
        Assert.False(await factory.WithDb(db => db.CapacityAssessments.AnyAsync(a => a.Id == mistaken.Id)));
        Assert.False(await factory.WithDb(db => db.CapacityScores.AnyAsync(s => s.AssessmentId == mistaken.Id)));
        var view = (await client.GetFromJsonAsync<ProgrammeView>($"/api/v1/training/programmes/{programme.Id}"))!;
        Assert.Equal((2, 0), (view.Programme.ProvidersAssessed, view.Programme.ProvidersImproved));
        Assert.Equal(1, view.Providers.Single(p => p.ProviderId == LegalAid()).Assessments);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "training.assessment.remove" && a.EntityId == mistaken.Id.ToString())));
        Assert.Contains(factory.Text("Assessments.Done.Removed"), await (await client.GetAsync(removed.Headers.Location)).HtmlAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/training/assessments/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/training/assessments/{other.Id}")).StatusCode);
        view = (await client.GetFromJsonAsync<ProgrammeView>($"/api/v1/training/programmes/{programme.Id}"))!;
        Assert.Equal(1, view.Programme.ProvidersAssessed);
    }

    [Fact]
    public async Task EditAndRemovePages_AssessmentOfAnotherProgramme_NotFoundAndUnchanged()
    {
        var client = await factory.SignInAsync(Outreach(), "en");
        var own = await CreateProgrammeAsync(client, AssessmentTestSupport.Programme("Another programme of mine"));
        var assessment = await DemoAssessmentAsync();
        var before = await AssessmentSnapshotAsync(assessment);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/training/assessments/{own.Id}/assessments/{assessment}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/training/assessments/{own.Id}/assessments/{assessment}/remove")).StatusCode);
        var posted = await AdminTestSupport.PostPageAsync(client, $"/training/assessments/{own.Id}/assessments/{assessment}/remove", []);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/training/assessments/{Programme}/assessments/{Guid.NewGuid()}/edit")).StatusCode);

        Assert.Equal(before, await AssessmentSnapshotAsync(assessment));
    }

    public static TheoryData<string, HttpStatusCode> Outsiders => new()
    {
        // user, what correcting or removing an assessment of the AL programme answers them
        { Outreach("xk"), HttpStatusCode.NotFound },
        { Outreach("mk"), HttpStatusCode.NotFound },
        { Demo.Email("coordinator", "xk"), HttpStatusCode.Forbidden },
        { Demo.Coordinator, HttpStatusCode.Forbidden },
        { Demo.Analyst, HttpStatusCode.Forbidden },
        { Demo.CaseWorker, HttpStatusCode.Forbidden },
        { Demo.Supervisor, HttpStatusCode.Forbidden },
        { Demo.OrgAdmin, HttpStatusCode.Forbidden },
        { Demo.SystemAdmin, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task CorrectAndRemove_NotTheProgrammesOutreachOfficer_RefusedAndAssessmentUnchanged(string email, HttpStatusCode expected)
    {
        var assessment = await DemoAssessmentAsync();
        var before = await AssessmentSnapshotAsync(assessment);
        var all = await SnapshotAsync(factory);
        var client = await factory.SignInAsync(email, "en");
        var edit = $"/training/assessments/{Programme}/assessments/{assessment}/edit";
        var remove = $"/training/assessments/{Programme}/assessments/{assessment}/remove";

        Assert.Equal(expected, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, edit)));
        Assert.Equal(expected, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, remove)));
        var fields = new Dictionary<string, string> { ["Input.AssessedOn"] = "2026-03-01", ["Input.Assessors"] = "Intruder" };
        var criteria = CapacityFramework.Current.Criteria.ToList();
        for (var i = 0; i < criteria.Count; i++)
        {
            fields[$"Input.Scores[{i}].Criterion"] = criteria[i].Criterion.Key;
            fields[$"Input.Scores[{i}].Score"] = "1";
        }
        Assert.Equal(expected, (await AdminTestSupport.FollowAccessDeniedAsync(client, await AdminTestSupport.PostPageAsync(client, edit, fields))).StatusCode);
        Assert.Equal(expected, (await AdminTestSupport.FollowAccessDeniedAsync(client, await AdminTestSupport.PostPageAsync(client, remove, []))).StatusCode);
        var body = Assessment(LegalAid(), "2026-03-01", Scores(1));
        Assert.Equal(expected, (await client.PutAsJsonAsync($"/api/v1/training/assessments/{assessment}", body)).StatusCode);
        Assert.Equal(expected, (await client.DeleteAsync($"/api/v1/training/assessments/{assessment}")).StatusCode);
        // Readers of the history see no way to correct or remove.
        var history = await client.GetAsync($"/training/assessments/{Programme}/providers/{LegalAid()}");
        if (history.StatusCode == HttpStatusCode.OK)
        {
            var html = await history.HtmlAsync();
            Assert.DoesNotContain("/edit\"", html);
            Assert.DoesNotContain("/remove\"", html);
        }

        Assert.Equal(before, await AssessmentSnapshotAsync(assessment));
        Assert.Equal(all, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task CorrectAndRemove_Anonymous_SignInOr401AndUnchanged()
    {
        var assessment = await DemoAssessmentAsync();
        var before = await AssessmentSnapshotAsync(assessment);
        var client = factory.Anonymous();

        foreach (var page in new[] { "edit", "remove" })
        {
            var response = await client.GetAsync($"/training/assessments/{Programme}/assessments/{assessment}/{page}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", AdminTestSupport.RedirectPath(response));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PutAsJsonAsync($"/api/v1/training/assessments/{assessment}", Assessment(LegalAid()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync($"/api/v1/training/assessments/{assessment}")).StatusCode);

        Assert.Equal(before, await AssessmentSnapshotAsync(assessment));
    }

    public static TheoryData<string, string, string> BadCorrections => new()
    {
        { "score-above-scale", "scores[0]", "Assessments.ScoreOutsideScale" },
        { "score-negative", "scores[0]", "Assessments.ScoreOutsideScale" },
        { "score-missing", "scores[0]", "Assessments.ScoreMissing" },
        { "criterion-missing", "scores", "Assessments.CriterionMissing" },
        { "criterion-twice", "scores[1]", "Assessments.CriterionTwice" },
        { "evidence-missing", "scores[0]", "Assessments.EvidenceRequired" },
        { "evidence-too-long", "scores[0]", "Validation.TooLong" },
        { "date-outside-programme", "assessedOn", "Assessments.DateOutsidePeriod" },
        { "date-in-future", "assessedOn", "Assessments.DateInFuture" },
        { "date-missing", "assessedOn", "Validation.Required" },
        { "assessors-empty", "assessors", "Validation.Required" },
        { "assessors-too-long", "assessors", "Validation.TooLong" },
    };

    [Theory]
    [MemberData(nameof(BadCorrections))]
    public async Task Correct_BadInput_RefusedInAlbanianAndAssessmentUnchanged(string problem, string field, string key)
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var assessment = await DemoAssessmentAsync();
        var body = Assessment(LegalAid(), "2026-03-10");
        var scores = (List<Dictionary<string, object?>>)body["scores"]!;
        switch (problem)
        {
            case "score-above-scale": scores[0]["score"] = 5; break;
            case "score-negative": scores[0]["score"] = -1; break;
            case "score-missing": scores[0]["score"] = null; break;
            case "criterion-missing": scores.RemoveAt(scores.Count - 1); break;
            case "criterion-twice": scores[1]["criterion"] = scores[0]["criterion"]; break;
            case "evidence-missing": scores[0]["score"] = 4; scores[0]["evidence"] = ""; break;
            case "evidence-too-long": scores[0]["evidence"] = new string('x', 2001); break;
            case "date-outside-programme": body["assessedOn"] = "2024-12-31"; break;
            case "date-in-future": body["assessedOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); break;
            case "date-missing": body["assessedOn"] = null; break;
            case "assessors-empty": body["assessors"] = " "; break;
            case "assessors-too-long": body["assessors"] = new string('x', 301); break;
        }
        var before = await AssessmentSnapshotAsync(assessment);

        var response = await client.PutAsJsonAsync($"/api/v1/training/assessments/{assessment}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(response, field));
        Assert.Equal(before, await AssessmentSnapshotAsync(assessment));
    }

    [Fact]
    public async Task Correct_DateNotADate_RefusedAndAssessmentUnchanged()
    {
        var client = await factory.SignInAsync(Outreach(), "mk");
        var assessment = await DemoAssessmentAsync();
        var before = await AssessmentSnapshotAsync(assessment);

        var response = await client.PutAsJsonAsync($"/api/v1/training/assessments/{assessment}", Assessment(LegalAid(), "2026-02-30"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(factory.Text("Problem.Status400", "mk"), (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Title);
        Assert.Equal(before, await AssessmentSnapshotAsync(assessment));
    }

    public static TheoryData<string, string, string, string, string> BadPageFields => new()
    {
        // language, field, value, message key, where the message shows
        { "mk", "Input.AssessedOn", "2026-02-30", "Validation.Invalid", "Input_AssessedOn-error" },
        { "sr-Latn", "Input.AssessedOn", "2027-01-05", "Assessments.DateOutsidePeriod", "Input_AssessedOn-error" },
        { "sq", "Input.Scores[0].Score", "7", "Assessments.ScoreOutsideScale", "-error" },
        { "en", "Input.Scores[1].Score", "-2", "Assessments.ScoreOutsideScale", "-error" },
        { "en", "Input.Scores[2].Score", "4", "Assessments.EvidenceRequired", "-error" },
    };

    [Theory]
    [MemberData(nameof(BadPageFields))]
    public async Task EditPage_BadField_ShowsLocalisedErrorAndAssessmentUnchanged(string language, string field, string value, string key, string errorId)
    {
        var client = await factory.SignInAsync(Outreach(), language);
        var assessment = await DemoAssessmentAsync();
        var fields = new Dictionary<string, string> { ["Input.AssessedOn"] = "2026-03-01", ["Input.Assessors"] = "Arta Hoxha" };
        var criteria = CapacityFramework.Current.Criteria.ToList();
        for (var i = 0; i < criteria.Count; i++)
        {
            fields[$"Input.Scores[{i}].Criterion"] = criteria[i].Criterion.Key;
            fields[$"Input.Scores[{i}].Score"] = "2";
        }
        fields[field] = value;
        var before = await AssessmentSnapshotAsync(assessment);

        var response = await UraFactory.PostFormAsync(client, $"/training/assessments/{Programme}/assessments/{assessment}/edit", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains($"{errorId}\">{factory.Text(key, language)}", html);
        Assert.Equal(before, await AssessmentSnapshotAsync(assessment));
    }

    /// <summary>The latest demo assessment of the AL legal aid centre.</summary>
    private Task<Guid> DemoAssessmentAsync() => factory.WithDb(db => db.CapacityAssessments
        .Where(a => a.ProgrammeId == Programme && a.ProviderId == LegalAid()).OrderByDescending(a => a.AssessedOn).Select(a => a.Id).FirstAsync());

    /// <summary>Everything a correction could change on one assessment.</summary>
    private Task<string> AssessmentSnapshotAsync(Guid id) => factory.WithDb(async db =>
    {
        var a = await db.CapacityAssessments.AsNoTracking().Include(x => x.Scores).SingleAsync(x => x.Id == id);
        return string.Join("\n", [a.AssessedOn.ToString("O"), a.Assessors, a.Framework, a.ProviderId.ToString(),
            .. a.Scores.OrderBy(s => s.Criterion).Select(s => $"{s.Id}/{s.Criterion}/{s.Score}/{s.Evidence}")]);
    });
}
