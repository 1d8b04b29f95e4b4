using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Plans.PlansTestSupport;

namespace Ura.Tests.Plans;

/// <summary>
/// Every risk, plan and service page and endpoint: the case team may read and change; anyone else
/// (another organisation, another country, roles without case access) gets 404 and changes nothing.
/// </summary>
public sealed class PlansAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>A case with one of everything, recorded by its case worker.</summary>
    private async Task<(Guid Case, Guid Goal, Guid Service)> FilledCaseAsync()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        await client.CreatedAsync<RiskAssessmentView>($"/api/v1/cases/{opened.Id}/risk-assessments", RiskBody());
        await client.CreatedAsync<NeedsAssessmentView>($"/api/v1/cases/{opened.Id}/needs-assessments", new { assessedOn = Iso(Today), areas = new[] { "Health" } });
        var goal = await client.CreatedAsync<PlanGoalView>($"/api/v1/cases/{opened.Id}/plan-goals", GoalBody());
        var service = await client.CreatedAsync<ServiceDeliveryView>($"/api/v1/cases/{opened.Id}/services", ServiceBody(await factory.OrganisationOfAsync(Demo.CaseWorker)));
        return (opened.Id, goal.Id, service.Id);
    }

    private static string EmailOf(string login, string country) => login == "sysadmin" ? Demo.SystemAdmin : Demo.Email(login, country);

    private Task<string> SnapshotAsync(Guid caseId) => factory.WithDb(async db =>
    {
        var goals = await db.PlanGoals.AsNoTracking().Where(g => g.CaseId == caseId).Select(g => g.Objective + g.Status).ToListAsync();
        var services = await db.ServiceDeliveries.AsNoTracking().Where(s => s.CaseId == caseId).Select(s => s.Type + ":" + s.Quantity).ToListAsync();
        return string.Join("|", goals.Concat(services)) + $"|{await db.RiskAssessments.CountAsync(r => r.CaseId == caseId)}" +
            $"|{await db.NeedsAssessments.CountAsync(n => n.CaseId == caseId)}|{await db.CaseEvents.CountAsync(e => e.CaseId == caseId)}";
    });

    [Theory]
    [InlineData("socialworker", "al")]
    [InlineData("police", "al")]
    [InlineData("sheltermanager", "al")]
    [InlineData("orgadmin", "al")]
    [InlineData("coordinator", "al")]
    [InlineData("analyst", "al")]
    [InlineData("sysadmin", "al")]
    [InlineData("caseworker", "xk")]
    [InlineData("supervisor", "xk")]
    public async Task PagesAndReads_OutsideTheCaseTeam_404(string login, string country)
    {
        var (caseId, goalId, serviceId) = await FilledCaseAsync();
        var client = await factory.SignInAsync(EmailOf(login, country));

        var urls = new[]
        {
            $"/cases/{caseId}/risk", $"/cases/{caseId}/plan", $"/cases/{caseId}/plan/goals/{goalId}", $"/cases/{caseId}/services",
            $"/cases/{caseId}/services/{serviceId}", $"/api/v1/cases/{caseId}/risk-assessments", $"/api/v1/cases/{caseId}/needs-assessments",
            $"/api/v1/cases/{caseId}/plan-goals", $"/api/v1/cases/{caseId}/services",
        };
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
            Assert.DoesNotContain("Besa", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("socialworker", "al")]
    [InlineData("police", "al")]
    [InlineData("orgadmin", "al")]
    [InlineData("coordinator", "al")]
    [InlineData("analyst", "al")]
    [InlineData("sysadmin", "al")]
    [InlineData("caseworker", "xk")]
    public async Task Changes_OutsideTheCaseTeam_404AndNothingChanged(string login, string country)
    {
        var (caseId, goalId, serviceId) = await FilledCaseAsync();
        var provider = await factory.OrganisationOfAsync(Demo.CaseWorker);
        var before = await SnapshotAsync(caseId);
        var client = await factory.SignInAsync(EmailOf(login, country));
        var changedGoal = GoalBody();
        changedGoal["objective"] = "Taken over";
        var changedService = ServiceBody(provider);
        changedService["quantity"] = 99;

        var api = new[]
        {
            await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/risk-assessments", RiskBody()),
            await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/needs-assessments", new { assessedOn = Iso(Today), areas = new[] { "Legal" } }),
            await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/plan-goals", GoalBody()),
            await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/plan-goals/{goalId}", changedGoal),
            await client.PostAsync($"/api/v1/cases/{caseId}/plan-goals/{goalId}/achieved", null),
            await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/services", ServiceBody(provider)),
            await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/services/{serviceId}", changedService),
        };
        var pages = new[]
        {
            await PostPageAsync(client, $"/cases/{caseId}/risk", new() { ["Input.AssessedOn"] = Iso(Today), ["Input.IndividualRisk"] = "Low", ["Input.HouseholdRisk"] = "Low", ["Input.CommunityRisk"] = "Low", ["Input.NextReviewOn"] = Iso(Today.AddDays(9)) }),
            await PostPageAsync(client, $"/cases/{caseId}/plan?handler=Needs", new() { ["Needs.AssessedOn"] = Iso(Today), ["Needs.Areas"] = "Legal" }),
            await PostPageAsync(client, $"/cases/{caseId}/plan?handler=Goal", new() { ["Goal.Type"] = "Legal", ["Goal.Objective"] = "Taken over" }),
            await PostPageAsync(client, $"/cases/{caseId}/plan?handler=Achieved&goalId={goalId}", []),
            await PostPageAsync(client, $"/cases/{caseId}/plan/goals/{goalId}", new() { ["Input.Type"] = "Legal", ["Input.Objective"] = "Taken over" }),
            await PostPageAsync(client, $"/cases/{caseId}/services", new() { ["Input.Type"] = "Medical", ["Input.DeliveredOn"] = Iso(Today), ["Input.ProviderOrganisationId"] = provider.ToString() }),
            await PostPageAsync(client, $"/cases/{caseId}/services/{serviceId}", new() { ["Input.Type"] = "Medical", ["Input.DeliveredOn"] = Iso(Today), ["Input.ProviderOrganisationId"] = provider.ToString() }),
        };

        Assert.All(api.Concat(pages), r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(before, await SnapshotAsync(caseId));
    }

    [Fact]
    public async Task PagesAndChanges_SupervisorOfTheOrganisation_Allowed()
    {
        var (caseId, goalId, serviceId) = await FilledCaseAsync();
        var client = await factory.SignInAsync(Demo.Supervisor);

        foreach (var url in new[] { $"/cases/{caseId}/risk", $"/cases/{caseId}/plan", $"/cases/{caseId}/plan/goals/{goalId}", $"/cases/{caseId}/services", $"/cases/{caseId}/services/{serviceId}" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        var achieved = await client.PostAsync($"/api/v1/cases/{caseId}/plan-goals/{goalId}/achieved", null);

        Assert.Equal(HttpStatusCode.OK, achieved.StatusCode);
        Assert.Equal(GoalStatus.Achieved, await factory.WithDb(db => db.PlanGoals.Where(g => g.Id == goalId).Select(g => g.Status).SingleAsync()));
        Assert.True(await factory.ReadAuditedAsync(caseId, Demo.Supervisor));
    }

    [Fact]
    public async Task ChangeService_ServiceOfAnotherCase_404AndUnchanged()
    {
        var (caseId, _, serviceId) = await FilledCaseAsync();
        var (client, otherCase) = await OpenCaseAsync(factory);
        var body = ServiceBody(await factory.OrganisationOfAsync(Demo.CaseWorker));
        body["quantity"] = 99;

        var put = await client.PutAsJsonAsync($"/api/v1/cases/{otherCase.Id}/services/{serviceId}", body);
        var page = await client.GetAsync($"/cases/{otherCase.Id}/services/{serviceId}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (put.StatusCode, page.StatusCode));
        Assert.Equal(3m, await factory.WithDb(db => db.ServiceDeliveries.Where(s => s.Id == serviceId && s.CaseId == caseId).Select(s => s.Quantity).SingleAsync()));
    }
}
