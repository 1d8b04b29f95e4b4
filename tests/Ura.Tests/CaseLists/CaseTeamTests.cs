using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseLists.CaseListTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.CaseLists;

public sealed class CaseTeamTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>A second case worker of the Albanian shelter NGO (the demo has one per organisation).</summary>
    private async Task<Guid> ColleagueAsync()
    {
        var worker = await factory.UserAsync(Demo.CaseWorker);
        return await factory.CreateUserAsync($"colleague-{Guid.NewGuid():N}@demo.ura", worker.OrganisationId, Roles.CaseWorker);
    }

    [Fact]
    public async Task SetStatusAndStage_CaseWorker_ChangesThemAndRecordsTimeline()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(client, Adult("Agron", "Berisha"));

        var status = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/status", new { status = "FollowUp" });
        var stage = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/stage", new { stage = "Return" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status.StatusCode, stage.StatusCode));
        var state = await factory.StateAsync(opened.Id);
        Assert.Equal((CaseStatus.FollowUp, CaseStage.Return), (state.Status, state.Stage));
        var details = await factory.WithDb(db => db.CaseEvents.Where(e => e.CaseId == opened.Id && e.Detail != null).Select(e => e.Detail).ToListAsync());
        Assert.Contains("CaseStatus.FollowUp", details);
        Assert.Contains("CaseStage.Return", details);
    }

    [Theory]
    [InlineData("status", "Closed", "status", "Cases.Team.StatusNotAllowed")]
    [InlineData("status", "ClosedReferred", "status", "Cases.Team.StatusNotAllowed")]
    [InlineData("status", "Paused", "status", "Cases.Team.StatusNotAllowed")]
    [InlineData("stage", "Reintegration", "stage", "Exploitation.UnknownCode")]
    public async Task SetStatusOrStage_NotAllowedValue_Returns400LocalisedAndChangesNothing(string path, string value, string field, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sr-Latn");
        var opened = await OpenAsync(client, Adult("Blerim", "Hasani"));
        var before = await factory.StateAsync(opened.Id);

        var response = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/{path}", new Dictionary<string, string> { [path] = value });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(messageKey, "sr-Latn")], await ProblemErrorsAsync(response, field));
        Assert.Equal(before, await factory.StateAsync(opened.Id));
    }

    [Fact]
    public async Task Assign_ColleagueOfTheOrganisation_JoinsTheTeamAndSeesTheCase()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(client, Adult("Dafina", "Rexhepi"));
        var colleague = await ColleagueAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/team", new { userId = colleague });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var team = (await response.Content.ReadFromJsonAsync<CaseTeamView>())!;
        Assert.Contains(team.Workers, w => w.Id == colleague);
        Assert.Contains("team.assign", await factory.WithDb(db => db.CaseEvents.Where(e => e.CaseId == opened.Id).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task Assign_UserOfAnotherOrganisationOrNotACaseWorker_Returns400LocalisedAndChangesNothing()
    {
        var client = await factory.SignInAsync(Demo.Supervisor, "mk");
        var opened = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), Adult("Egzon", "Gashi"));
        var before = await factory.StateAsync(opened.Id);
        var others = new[]
        {
            (await factory.UserAsync(Demo.SocialWorker)).Id,
            (await factory.UserAsync(Demo.Email("caseworker", "xk"))).Id,
            (await factory.UserAsync(Demo.OrgAdmin)).Id,
            Guid.NewGuid(),
        };

        foreach (var other in others)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/team", new { userId = other });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([factory.Text("Cases.Team.NotAColleague", "mk")], await ProblemErrorsAsync(response, "userId"));
        }
        Assert.Equal(before, await factory.StateAsync(opened.Id));
    }

    [Fact]
    public async Task Unassign_LastWorker_Returns400AndKeepsThem_OtherWorker_Removed()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var me = (await factory.UserAsync(Demo.CaseWorker)).Id;
        var opened = await OpenAsync(client, Adult("Flutura", "Kelmendi"));
        var before = await factory.StateAsync(opened.Id);

        var last = await client.DeleteAsync($"/api/v1/cases/{opened.Id}/team/{me}");

        Assert.Equal(HttpStatusCode.BadRequest, last.StatusCode);
        Assert.Equal([factory.Text("Cases.Team.LastWorker", "sq")], await ProblemErrorsAsync(last, "userId"));
        Assert.Equal(before, await factory.StateAsync(opened.Id));

        var colleague = await ColleagueAsync();
        await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/team", new { userId = colleague });
        var removed = await client.DeleteAsync($"/api/v1/cases/{opened.Id}/team/{colleague}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(me.ToString(), (await factory.StateAsync(opened.Id)).Team);
    }

    [Fact]
    public async Task SetSupervisor_SupervisorOfTheOrganisation_Set_OtherwiseRefused()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Gentiana", "Osmani"));
        var supervisor = (await factory.UserAsync(Demo.Supervisor)).Id;
        var foreign = (await factory.UserAsync(Demo.Email("supervisor", "xk"))).Id;
        var notSupervisor = (await factory.UserAsync(Demo.CaseWorker)).Id;

        var set = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/supervisor", new { supervisorId = supervisor });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(supervisor, (await factory.StateAsync(opened.Id)).SupervisorId);
        var before = await factory.StateAsync(opened.Id);

        foreach (var wrong in new[] { foreign, notSupervisor })
        {
            var response = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/supervisor", new { supervisorId = wrong });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([factory.Text("Cases.Team.NotASupervisor")], await ProblemErrorsAsync(response, "supervisorId"));
        }
        Assert.Equal(before, await factory.StateAsync(opened.Id));
    }

    [Fact]
    public async Task TeamControls_ClosedCase_RefusedAndChangeNothing()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");
        var opened = await OpenAsync(client, Adult("Hajrije", "Mustafa"));
        var colleague = await ColleagueAsync();
        await factory.CloseAsync(opened.Id);
        var before = await factory.StateAsync(opened.Id);

        var responses = new[]
        {
            await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/status", new { status = "Active" }),
            await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/stage", new { stage = "Return" }),
            await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/team", new { userId = colleague }),
            await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/supervisor", new { supervisorId = (Guid?)null }),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([factory.Text("Cases.Closed", "mk")], await ProblemErrorsAsync(response, ""));
        }
        Assert.Equal(before, await factory.StateAsync(opened.Id));
    }

    [Theory]
    [MemberData(nameof(Outsiders), MemberType = typeof(CaseListTestSupport))]
    public async Task TeamControls_OutsideTheCaseTeam_Return404AndChangeNothing(string login, string country)
    {
        var opened = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), Adult("Ilirjana", "Dema"));
        var me = (await factory.UserAsync(Demo.CaseWorker)).Id;
        var before = await factory.StateAsync(opened.Id);
        var client = await factory.SignInAsync(EmailOf(login, country));
        var outsider = (await factory.UserAsync(EmailOf(login, country))).Id;

        var statuses = new[]
        {
            (await client.GetAsync($"/api/v1/cases/{opened.Id}/team")).StatusCode,
            (await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/status", new { status = "FollowUp" })).StatusCode,
            (await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/stage", new { stage = "Return" })).StatusCode,
            (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/team", new { userId = outsider })).StatusCode,
            (await client.DeleteAsync($"/api/v1/cases/{opened.Id}/team/{me}")).StatusCode,
            (await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/supervisor", new { supervisorId = outsider })).StatusCode,
            (await client.GetAsync($"/cases/{opened.Id}")).StatusCode,
        };

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(before, await factory.StateAsync(opened.Id));
    }

    [Fact]
    public async Task OverviewPage_SupervisorAddsColleagueAndSetsFollowUp_SavedAndShown()
    {
        var opened = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), Adult("Jehona", "Ahmeti"));
        var colleague = await ColleagueAsync();
        var client = await factory.SignInAsync(Demo.Supervisor, "sq");
        var url = $"/cases/{opened.Id}";

        var assigned = await UraFactory.PostFormAsync(client, url + "?handler=Assign", new() { ["userId"] = colleague.ToString() }, formPage: url);
        var status = await UraFactory.PostFormAsync(client, url + "?handler=Status", new() { ["status"] = "FollowUp" }, formPage: url);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (assigned.StatusCode, status.StatusCode));
        var state = await factory.StateAsync(opened.Id);
        Assert.Contains(colleague.ToString(), state.Team, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.FollowUp, state.Status);
        Assert.Contains("Test Person", await (await client.GetAsync(url)).HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverviewPage_AssignUserOfAnotherOrganisation_ShowsLocalisedErrorAndChangesNothing()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");
        var opened = await OpenAsync(client, Adult("Kushtrim", "Salihu"));
        var url = $"/cases/{opened.Id}";
        var before = await factory.StateAsync(opened.Id);

        var response = await UraFactory.PostFormAsync(client, url + "?handler=Assign",
            new() { ["userId"] = (await factory.UserAsync(Demo.SocialWorker)).Id.ToString() }, formPage: url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Cases.Team.NotAColleague", "mk"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync(opened.Id));
    }
}
