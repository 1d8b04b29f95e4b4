using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Plans.PlansTestSupport;

namespace Ura.Tests.Plans;

public sealed class RiskAssessmentTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task RecordRiskAssessment_CaseWorker_SavedEncryptedWithReviewTaskAndTimeline()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        var worker = await factory.UserAsync(Demo.CaseWorker);

        var saved = await client.CreatedAsync<RiskAssessmentView>($"/api/v1/cases/{opened.Id}/risk-assessments", RiskBody());

        Assert.Equal(("High", "Medium", "Low", "High"), (saved.IndividualRisk, saved.HouseholdRisk, saved.CommunityRisk, saved.OverallRisk));
        var (task, raw, timeline) = await factory.WithDb(async db => (
            await db.CaseTasks.AsNoTracking().SingleAsync(t => t.CaseId == opened.Id),
            await db.Database.SqlQuery<string>($"""SELECT "SafetyPlan" AS "Value" FROM "RiskAssessments" WHERE "Id" = {saved.Id}""").SingleAsync(),
            await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == opened.Id && e.Action == "risk.assess").SingleAsync()));
        Assert.Equal((CaseTaskKind.Review, Today.AddDays(30), worker.Id, null), (task.Kind, task.DueOn, task.AssigneeId, task.CompletedAt));
        Assert.DoesNotContain("Shelter", raw, StringComparison.Ordinal);
        Assert.Equal("RiskLevel.High", timeline.Detail);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "case.risk.assess" && e.EntityId == opened.Id.ToString())));
    }

    [Fact]
    public async Task RecordRiskAssessment_Review_KeepsHistoryNewestFirstAndCompletesEarlierReviewTask()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        await factory.BackdateAsync(opened.Id, 90);
        var first = await client.CreatedAsync<RiskAssessmentView>($"/api/v1/cases/{opened.Id}/risk-assessments", RiskBody(Today.AddDays(-60), Today.AddDays(5)));
        var review = RiskBody(Today.AddDays(-1));
        review["individualRisk"] = "Medium";

        var second = await client.CreatedAsync<RiskAssessmentView>($"/api/v1/cases/{opened.Id}/risk-assessments", review);
        var list = await client.GetFromJsonAsync<List<RiskAssessmentView>>($"/api/v1/cases/{opened.Id}/risk-assessments");

        Assert.Equal([second.Id, first.Id], list!.Select(a => a.Id));
        Assert.Equal([false, true], list!.Select(a => a.ReviewDone));
        var tasks = await factory.WithDb(db => db.CaseTasks.AsNoTracking().Where(t => t.CaseId == opened.Id).OrderBy(t => t.DueOn).ToListAsync());
        Assert.Equal([(Today.AddDays(5), true), (Today.AddDays(30), false)], tasks.Select(t => (t.DueOn, t.CompletedAt is not null)));
    }

    [Fact]
    public async Task RiskPage_CaseWorkerPostsForm_ShowsAssessmentAndReadIsAudited()
    {
        var (client, opened) = await OpenCaseAsync(factory, "mk");
        var form = new Dictionary<string, string>
        {
            ["Input.AssessedOn"] = Iso(Today),
            ["Input.IndividualRisk"] = "High",
            ["Input.IndividualNotes"] = "Заканите продолжуваат",
            ["Input.HouseholdRisk"] = "Low",
            ["Input.CommunityRisk"] = "Medium",
            ["Input.SafetyPlan"] = "Да не излегува сама",
            ["Input.NextReviewOn"] = Iso(Today.AddDays(14)),
        };

        var posted = await UraFactory.PostFormAsync(client, $"/cases/{opened.Id}/risk", form);
        var page = await client.GetAsync($"/cases/{opened.Id}/risk");
        var html = await page.HtmlAsync();

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Заканите продолжуваат", html, StringComparison.Ordinal);
        Assert.Contains("Да не излегува сама", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("RiskLevel.High", "mk"), html, StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.True(await factory.ReadAuditedAsync(opened.Id, Demo.CaseWorker));
    }

    [Fact]
    public async Task ListRiskAssessments_Supervisor_ReadIsAudited()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        await client.CreatedAsync<RiskAssessmentView>($"/api/v1/cases/{opened.Id}/risk-assessments", RiskBody());
        var supervisor = await factory.SignInAsync(Demo.Supervisor);

        var list = await supervisor.GetFromJsonAsync<List<RiskAssessmentView>>($"/api/v1/cases/{opened.Id}/risk-assessments");

        Assert.Single(list!);
        Assert.True(await factory.ReadAuditedAsync(opened.Id, Demo.Supervisor));
    }

    [Theory]
    [InlineData("individualRisk", "Extreme", "individualRisk", "Risk.UnknownLevel")]
    [InlineData("assessedOn", "future", "assessedOn", "Plans.DateInFuture")]
    [InlineData("assessedOn", "before-case", "assessedOn", "Plans.DateBeforeCaseOpened")]
    [InlineData("nextReviewOn", "past", "nextReviewOn", "Risk.NextReviewNotAhead")]
    [InlineData("communityRisk", null, "communityRisk", "Validation.Required")]
    public async Task RecordRiskAssessment_BadInput_LocalisedErrorAndNothingSaved(string field, string? value, string errorField, string messageKey)
    {
        var (client, opened) = await OpenCaseAsync(factory, "sq");
        var body = RiskBody();
        body[field] = value switch
        {
            "future" => Iso(Today.AddDays(1)),
            "before-case" => Iso(Today.AddDays(-3)),
            "past" => Iso(Today.AddDays(-1)),
            _ => value,
        };
        var before = await factory.PlanCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/risk-assessments", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(messageKey, "sq")], await ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await factory.PlanCountsAsync());
    }

    [Fact]
    public async Task RiskPage_NextReviewInThePast_LocalisedErrorNextToFieldAndNothingSaved()
    {
        var (client, opened) = await OpenCaseAsync(factory, "sr-Latn");
        var before = await factory.PlanCountsAsync();

        var response = await UraFactory.PostFormAsync(client, $"/cases/{opened.Id}/risk", new()
        {
            ["Input.AssessedOn"] = Iso(Today),
            ["Input.IndividualRisk"] = "Low",
            ["Input.HouseholdRisk"] = "Low",
            ["Input.CommunityRisk"] = "Low",
            ["Input.NextReviewOn"] = Iso(Today),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Risk.NextReviewNotAhead", "sr-Latn"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.PlanCountsAsync());
    }

    [Fact]
    public async Task RecordRiskAssessment_ClosedCase_RefusedAndNothingSaved()
    {
        var (client, opened) = await OpenCaseAsync(factory, "mk");
        await factory.CloseAsync(opened.Id);
        var before = await factory.PlanCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/risk-assessments", RiskBody());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Cases.Closed", "mk")], await ProblemErrorsAsync(response, ""));
        Assert.Equal(before, await factory.PlanCountsAsync());
    }
}
