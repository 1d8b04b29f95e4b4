using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Plans.PlansTestSupport;

namespace Ura.Tests.Plans;

public sealed class AssistancePlanTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task AddPlanGoal_PartnerOrganisationResponsible_SavedEncryptedAndListed()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        var partner = await factory.OrganisationOfAsync(Demo.SocialWorker);

        var added = await client.CreatedAsync<PlanGoalView>($"/api/v1/cases/{opened.Id}/plan-goals", GoalBody(partner));
        var list = await client.GetFromJsonAsync<List<PlanGoalView>>($"/api/v1/cases/{opened.Id}/plan-goals");

        Assert.Equal(("Psychological", "InProgress", partner), (added.Type, added.Status, added.ResponsibleOrganisationId));
        Assert.NotNull(list!.Single().ResponsibleOrganisation);
        var raw = await factory.WithDb(db => db.Database.SqlQuery<string>($"""SELECT "Objective" AS "Value" FROM "PlanGoals" WHERE "Id" = {added.Id}""").SingleAsync());
        Assert.DoesNotContain("counselling", raw, StringComparison.Ordinal);
        Assert.Equal("SupportType.Psychological", await factory.WithDb(db => db.CaseEvents.Where(e => e.CaseId == opened.Id && e.Action == "plan.goal.add").Select(e => e.Detail).SingleAsync()));
    }

    [Fact]
    public async Task ChangePlanGoal_NewObjectiveAndReviewDates_Saved()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        var added = await client.CreatedAsync<PlanGoalView>($"/api/v1/cases/{opened.Id}/plan-goals", GoalBody());
        var body = GoalBody();
        body["type"] = "Legal";
        body["objective"] = "Represented at the trial";
        body["lastReviewedOn"] = Iso(Today);
        body["nextReviewOn"] = Iso(Today.AddDays(30));

        var response = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/plan-goals/{added.Id}", body);
        var changed = await response.Content.ReadFromJsonAsync<PlanGoalView>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Legal", "Represented at the trial", Today, Today.AddDays(30)), (changed!.Type, changed.Objective, changed.LastReviewedOn, changed.NextReviewOn));
        Assert.True(await factory.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "plan.goal.change")));
    }

    [Fact]
    public async Task MarkPlanGoalAchieved_OpenGoal_AchievedTodayOnTimeline()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        var added = await client.CreatedAsync<PlanGoalView>($"/api/v1/cases/{opened.Id}/plan-goals", GoalBody());

        var response = await client.PostAsync($"/api/v1/cases/{opened.Id}/plan-goals/{added.Id}/achieved", null);
        var achieved = await response.Content.ReadFromJsonAsync<PlanGoalView>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Achieved", Today), (achieved!.Status, achieved.ActualEndOn));
        Assert.True(await factory.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "plan.goal.achieve" && e.Detail == "SupportType.Psychological")));
    }

    [Fact]
    public async Task PlanPage_AddGoalThenMarkAchieved_ShowsGoalAchieved()
    {
        var (client, opened) = await OpenCaseAsync(factory, "sq");
        var url = $"/cases/{opened.Id}/plan";

        var added = await UraFactory.PostFormAsync(client, url + "?handler=Goal", new()
        {
            ["Goal.Type"] = "Education",
            ["Goal.Objective"] = "Të përfundojë shkollën e mesme",
            ["Goal.PlannedStartOn"] = Iso(Today),
            ["Goal.PlannedEndOn"] = Iso(Today.AddMonths(10)),
            ["Goal.Status"] = "Planned",
        }, formPage: url);
        var goalId = await factory.WithDb(db => db.PlanGoals.Where(g => g.CaseId == opened.Id).Select(g => g.Id).SingleAsync());
        var achieved = await UraFactory.PostFormAsync(client, $"{url}?handler=Achieved&goalId={goalId}", new(), formPage: url);
        var html = await (await client.GetAsync(url)).HtmlAsync();

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (added.StatusCode, achieved.StatusCode));
        Assert.Contains("Të përfundojë shkollën e mesme", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("GoalStatus.Achieved", "sq"), html, StringComparison.Ordinal);
        Assert.True(await factory.ReadAuditedAsync(opened.Id, Demo.CaseWorker));
    }

    [Fact]
    public async Task PlanGoalPage_ChangeStatusToCancelled_SavedWithActualEnd()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        var added = await client.CreatedAsync<PlanGoalView>($"/api/v1/cases/{opened.Id}/plan-goals", GoalBody());
        var url = $"/cases/{opened.Id}/plan/goals/{added.Id}";
        var form = await (await client.GetAsync(url)).HtmlAsync();

        var response = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.Type"] = "Psychological",
            ["Input.Objective"] = "Weekly counselling to cope with trauma",
            ["Input.Status"] = "Cancelled",
        });

        Assert.Contains("Weekly counselling to cope with trauma", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDb(db => db.PlanGoals.AsNoTracking().SingleAsync(g => g.Id == added.Id));
        Assert.Equal((GoalStatus.Cancelled, Today), (saved.Status, saved.ActualEndOn));
    }

    [Fact]
    public async Task RecordNeedsAssessment_SeveralAreas_SavedInClearWithEncryptedNotesNewestFirst()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        await factory.BackdateAsync(opened.Id, 20);
        await client.CreatedAsync<NeedsAssessmentView>($"/api/v1/cases/{opened.Id}/needs-assessments",
            new { assessedOn = Iso(Today.AddDays(-10)), areas = new[] { "Health" }, notes = "First talk" });

        var latest = await client.CreatedAsync<NeedsAssessmentView>($"/api/v1/cases/{opened.Id}/needs-assessments",
            new { assessedOn = Iso(Today), areas = new[] { "Housing", "Health", "Legal" }, notes = "Needs a lawyer before the hearing" });
        var list = await client.GetFromJsonAsync<List<NeedsAssessmentView>>($"/api/v1/cases/{opened.Id}/needs-assessments");

        Assert.Equal(["Health", "Legal", "Housing"], latest.Areas);
        Assert.Equal([latest.Id], list!.Take(1).Select(n => n.Id));
        Assert.Equal(2, list!.Count);
        var (areas, notes) = await factory.WithDb(async db => (
            await db.NeedsAssessments.Where(n => n.Id == latest.Id).Select(n => n.Areas).SingleAsync(),
            await db.Database.SqlQuery<string>($"""SELECT "Notes" AS "Value" FROM "NeedsAssessments" WHERE "Id" = {latest.Id}""").SingleAsync()));
        Assert.Equal("Health,Legal,Housing", areas);
        Assert.DoesNotContain("lawyer", notes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type", "Spiritual", "type", "Plans.UnknownType")]
    [InlineData("status", "Paused", "status", "Plans.Goal.UnknownStatus")]
    [InlineData("plannedEndOn", "before-start", "plannedEndOn", "Plans.EndBeforeStart")]
    [InlineData("actualEndOn", "today", "actualEndOn", "Plans.Goal.ActualEndWhileOpen")]
    [InlineData("responsibleOrganisationId", "unknown", "responsibleOrganisationId", "Plans.UnknownOrganisation")]
    [InlineData("objective", "", "objective", "Validation.Required")]
    public async Task AddPlanGoal_BadInput_LocalisedErrorAndNothingSaved(string field, string value, string errorField, string messageKey)
    {
        var (client, opened) = await OpenCaseAsync(factory, "mk");
        var body = GoalBody();
        body[field] = value switch
        {
            "before-start" => Iso(Today.AddDays(-1)),
            "today" => Iso(Today),
            "unknown" => Guid.NewGuid(),
            _ => value,
        };
        var before = await factory.PlanCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/plan-goals", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(messageKey, "mk")], await ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await factory.PlanCountsAsync());
    }

    [Fact]
    public async Task RecordNeedsAssessment_NoAreaAndUnknownArea_LocalisedErrorsAndNothingSaved()
    {
        var (client, opened) = await OpenCaseAsync(factory, "sq");
        var before = await factory.PlanCountsAsync();

        var none = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/needs-assessments", new { assessedOn = Iso(Today), areas = Array.Empty<string>() });
        var unknown = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/needs-assessments", new { assessedOn = Iso(Today), areas = new[] { "Luck" } });

        Assert.Equal([factory.Text("Plans.Needs.NoArea", "sq")], await ProblemErrorsAsync(none, "areas"));
        Assert.Equal([factory.Text("Plans.UnknownType", "sq")], await ProblemErrorsAsync(unknown, "areas"));
        Assert.Equal(before, await factory.PlanCountsAsync());
    }

    [Fact]
    public async Task ChangePlanGoal_GoalOfAnotherCase_404AndUnchanged()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        var other = await Cases.CaseTestSupport.OpenAsync(client, Cases.CaseTestSupport.Adult("Lule", "Krasniqi"));
        var goal = await client.CreatedAsync<PlanGoalView>($"/api/v1/cases/{other.Id}/plan-goals", GoalBody());
        var body = GoalBody();
        body["objective"] = "Changed through the wrong case";

        var put = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/plan-goals/{goal.Id}", body);
        var achieved = await client.PostAsync($"/api/v1/cases/{opened.Id}/plan-goals/{goal.Id}/achieved", null);
        var page = await client.GetAsync($"/cases/{opened.Id}/plan/goals/{goal.Id}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (put.StatusCode, achieved.StatusCode, page.StatusCode));
        var saved = await factory.WithDb(db => db.PlanGoals.AsNoTracking().SingleAsync(g => g.Id == goal.Id));
        Assert.Equal(("Weekly counselling to cope with trauma", GoalStatus.InProgress), (saved.Objective, saved.Status));
    }

    [Fact]
    public async Task AddPlanGoal_ClosedCase_RefusedAndNothingSaved()
    {
        var (client, opened) = await OpenCaseAsync(factory, "en");
        await factory.CloseAsync(opened.Id);
        var before = await factory.PlanCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/plan-goals", GoalBody());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Cases.Closed")], await ProblemErrorsAsync(response, ""));
        Assert.Equal(before, await factory.PlanCountsAsync());
    }
}
