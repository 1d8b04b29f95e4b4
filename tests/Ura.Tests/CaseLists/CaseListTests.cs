using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseLists.CaseListTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.CaseLists;

/// <summary>The case list, name search and caseload. This class keeps under one page of cases, so every match shows on page 1.</summary>
public sealed class CaseListTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static async Task<CasePage> ListAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/cases" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CasePage>())!;
    }

    private async Task AddOverdueTaskAsync(Guid caseId, string assigneeEmail)
    {
        var assignee = await factory.UserAsync(assigneeEmail);
        await factory.WithDb(async db =>
        {
            db.CaseTasks.Add(new CaseTask
            {
                CaseId = caseId, OrganisationId = assignee.OrganisationId, Kind = CaseTaskKind.FollowUp, Title = "Call back",
                DueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)), AssigneeId = assignee.Id, CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task ListCases_Filters_EachNarrowsToTheMatchingCase()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var body = Adult("Marko", "Jovanović");
        body["gender"] = "Masculine";
        body["citizenships"] = new[] { "MK" };
        var matching = await OpenAsync(client, body);
        var other = await OpenAsync(client, Adult("Teuta", "Rama"));
        await client.PutAsJsonAsync($"/api/v1/cases/{matching.Id}/exploitation", new { typesOfExploitation = new[] { "ForcedBegging" } });
        await AddEventAsync(client, matching.Id, new { type = "Exploitation", country = "GR" });
        await AddEventAsync(client, other.Id, new { type = "Exploitation", country = "AL" });
        await client.PutAsJsonAsync($"/api/v1/cases/{matching.Id}/status", new { status = "FollowUp" });
        await client.PutAsJsonAsync($"/api/v1/cases/{matching.Id}/stage", new { stage = "Return" });
        await AddOverdueTaskAsync(matching.Id, Demo.CaseWorker);

        foreach (var filter in new[]
        {
            "?status=FollowUp", "?stage=Return", "?exploitationType=ForcedBegging", "?gender=Masculine", "?citizenship=MK",
            "?transnational=true", "?overdue=true", "?ageBand=From25To34&gender=Masculine", $"?reference={matching.Reference}",
            $"?reference={matching.Reference[..^1]}&status=FollowUp",
        })
        {
            var ids = (await ListAsync(client, filter)).Items.Select(r => r.Id).ToList();
            Assert.True(ids.Contains(matching.Id), filter);
            Assert.False(ids.Contains(other.Id), filter);
        }
        var internalOnly = (await ListAsync(client, "?transnational=false")).Items.Select(r => r.Id).ToList();
        Assert.Contains(other.Id, internalOnly);
        Assert.DoesNotContain(matching.Id, internalOnly);

        var row = (await ListAsync(client, $"?reference={matching.Reference}")).Items.Single();
        Assert.Equal((CaseStatus.FollowUp, CaseStage.Return, Gender.Masculine, 1), (row.Status, row.Stage, row.Gender, row.OverdueTasks));
        Assert.Equal([(await factory.UserAsync(Demo.CaseWorker)).DisplayName], row.Workers.Select(w => w.Name));
    }

    [Fact]
    public async Task ListCases_MoreThanAPage_SaysWhetherAnotherFollowsAndPagesDoNotOverlap()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoCases>().SeedAsync(800, CancellationToken.None);
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "en");

        var first = await ListAsync(supervisor, "?scope=organisation&sort=reference");
        var second = await ListAsync(supervisor, "?scope=organisation&sort=reference&page=2");
        var page = await (await supervisor.GetAsync("/cases?scope=organisation&sort=reference&page=2")).HtmlAsync();

        Assert.True(first.HasMore);
        Assert.Equal((25, 1, 25), (first.Items.Count, first.First, first.Last));
        Assert.Empty(first.Items.Select(r => r.Id).Intersect(second.Items.Select(r => r.Id)));
        Assert.True(string.CompareOrdinal(first.Items[^1].Reference, second.Items[0].Reference) < 0, string.Join(" ", first.Items.Select(i => i.Reference)) + " | " + string.Join(" ", second.Items.Select(i => i.Reference)));
        Assert.Contains(factory.Text("CaseList.Showing", "en").Replace("{0}", "26").Replace("{1}", (25 + second.Items.Count).ToString()), page, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCases_ScopeAndWorker_CaseWorkerSeesTeamCasesSupervisorSeesOrganisation()
    {
        var worker = await factory.SignInAsync(Demo.CaseWorker);
        var me = (await factory.UserAsync(Demo.CaseWorker)).Id;
        var colleague = await factory.CreateUserAsync($"colleague-{Guid.NewGuid():N}@demo.ura", (await factory.UserAsync(Demo.CaseWorker)).OrganisationId, "CaseWorker");
        var mine = await OpenAsync(worker, Adult("Vjosa", "Berisha"));
        var handedOver = await OpenAsync(worker, Adult("Lule", "Krasniqi"));
        await worker.PostAsJsonAsync($"/api/v1/cases/{handedOver.Id}/team", new { userId = colleague });
        await worker.DeleteAsync($"/api/v1/cases/{handedOver.Id}/team/{me}");

        var workerIds = (await ListAsync(worker)).Items.Select(r => r.Id).ToList();
        Assert.Contains(mine.Id, workerIds);
        Assert.DoesNotContain(handedOver.Id, workerIds);
        // Asking for the whole organisation as a case worker still lists only their own cases.
        Assert.DoesNotContain(handedOver.Id, (await ListAsync(worker, "?scope=organisation")).Items.Select(r => r.Id));

        var supervisor = await factory.SignInAsync(Demo.Supervisor);
        Assert.DoesNotContain(handedOver.Id, (await ListAsync(supervisor)).Items.Select(r => r.Id));
        var organisation = (await ListAsync(supervisor, "?scope=organisation")).Items.Select(r => r.Id).ToList();
        Assert.Contains(mine.Id, organisation);
        Assert.Contains(handedOver.Id, organisation);
        Assert.Equal([handedOver.Id], (await ListAsync(supervisor, $"?scope=organisation&worker={colleague}")).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task ListCases_Sorts_OrderByReferenceAndByUpdate()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var first = await OpenAsync(client, Adult("Albana", "Dushku"));
        var second = await OpenAsync(client, Adult("Albulena", "Haxhiu"));
        await client.PutAsJsonAsync($"/api/v1/cases/{first.Id}/stage", new { stage = "Return" });

        var byReference = (await ListAsync(client, "?sort=reference")).Items.Select(r => r.Reference).ToList();
        var byUpdate = (await ListAsync(client, "?sort=updated")).Items.Select(r => r.Id).ToList();
        var byOpening = (await ListAsync(client, "?sort=opened")).Items.Select(r => r.Id).ToList();

        Assert.Equal(byReference.Order(StringComparer.Ordinal), byReference);
        Assert.Equal(first.Id, byUpdate[0]);
        Assert.True(byOpening.IndexOf(second.Id) < byOpening.IndexOf(first.Id));
    }

    [Theory]
    [InlineData("?status=Open", "status", "Exploitation.UnknownCode")]
    [InlineData("?exploitationType=Begging", "exploitationType", "Exploitation.UnknownCode")]
    [InlineData("?citizenship=ZZ", "citizenship", "Cases.Person.UnknownCountry")]
    [InlineData("?sort=name", "sort", "Exploitation.UnknownCode")]
    [InlineData("?page=0", "page", "CaseList.PageOutOfRange")]
    [InlineData("?page=41", "page", "CaseList.PageOutOfRange")]
    public async Task ListCases_BadFilter_Returns400WithLocalisedMessage(string query, string field, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");

        var response = await client.GetAsync("/api/v1/cases" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(messageKey, "sq")], await ProblemErrorsAsync(response, field));
    }

    [Fact]
    public async Task CaseListPage_BadFilter_ShowsLocalisedError()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");

        var response = await client.GetAsync("/cases?citizenship=ZZ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Cases.Person.UnknownCountry", "mk"), await response.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchCases_AllWordsInAnySpelling_FindsThePersonAndIsAudited()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(client, Adult("Shpresa", "Çollaku"));
        var searches = await factory.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "case.search"));

        var found = await client.PostAsJsonAsync("/api/v1/cases/search", new { name = "collaku SHPRESA" });
        var partial = await client.PostAsJsonAsync("/api/v1/cases/search", new { name = "Shpresa Nobody" });

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal([opened.Id], (await found.Content.ReadFromJsonAsync<CasePage>())!.Items.Select(r => r.Id));
        Assert.Empty((await partial.Content.ReadFromJsonAsync<CasePage>())!.Items);
        var audited = await factory.WithDb(db => db.AuditEvents.Where(a => a.Action == "case.search").OrderBy(a => a.Id).Skip(searches).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.All(audited, a => Assert.DoesNotContain("Shpresa", a.Detail ?? "", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SearchCases_OtherOrganisationsPerson_NotFound()
    {
        var opened = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), Adult("Zamira", "Bajrami"));
        var client = await factory.SignInAsync(Demo.SocialWorker);

        var response = await client.PostAsJsonAsync("/api/v1/cases/search", new { name = "Zamira Bajrami", filter = new { scope = "organisation" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(opened.Id, (await response.Content.ReadFromJsonAsync<CasePage>())!.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task SearchCases_NoWords_Returns400Localised()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sr-Latn");

        var response = await client.PostAsJsonAsync("/api/v1/cases/search", new { name = " - " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("CaseList.NameRequired", "sr-Latn")], await ProblemErrorsAsync(response, "name"));
    }

    [Fact]
    public async Task CaseListPage_NameSearchPosted_ShowsReferenceButNoName()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Rrezarta", "Musliu"));

        var response = await UraFactory.PostFormAsync(client, "/cases", new() { ["name"] = "Rrezarta" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(opened.Reference, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Musliu", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/cases\" class=\"name-search\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caseload_Supervisor_CountsCasesAndOverdueTasksPerWorker()
    {
        var worker = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(worker, Adult("Edona", "Kryeziu"));
        await AddOverdueTaskAsync(opened.Id, Demo.CaseWorker);
        var me = (await factory.UserAsync(Demo.CaseWorker)).Id;
        var expected = await factory.WithDb(async db => (
            await db.CaseTeamMembers.CountAsync(m => m.UserId == me && db.Cases.Any(c => c.Id == m.CaseId && c.Status == CaseStatus.Active)),
            await db.CaseTasks.CountAsync(t => t.AssigneeId == me && t.CompletedAt == null)));
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "en");

        var rows = await supervisor.GetFromJsonAsync<List<CaseloadRow>>("/api/v1/cases/caseload");
        var page = await supervisor.GetAsync("/cases/caseload");

        var mine = rows!.Single(r => r.UserId == me);
        Assert.Equal(expected, (mine.ActiveCases, mine.OpenTasks));
        Assert.True(mine.OverdueTasks >= 1);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains((await factory.UserAsync(Demo.CaseWorker)).DisplayName, await page.HtmlAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orgadmin", "al")]
    [InlineData("coordinator", "al")]
    [InlineData("analyst", "al")]
    [InlineData("outreach", "al")]
    [InlineData("sysadmin", "")]
    public async Task CaseLists_RolesWithoutCaseAccess_Return403(string login, string country)
    {
        var client = await factory.SignInAsync(EmailOf(login, country));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/cases/search", new { name = "Drita" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/cases/caseload")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/cases")));
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/cases/caseload")));
    }

    [Fact]
    public async Task Caseload_CaseWorker_Returns403()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/cases/caseload")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/cases/caseload")));
    }

    [Theory]
    [InlineData("socialworker", "al")]
    [InlineData("caseworker", "xk")]
    [InlineData("supervisor", "xk")]
    public async Task ListCases_OtherOrganisation_NeverListsTheCase(string login, string country)
    {
        var opened = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), Adult("Blerta", "Shehu"));
        var client = await factory.SignInAsync(Demo.Email(login, country));

        var listed = await ListAsync(client, "?scope=organisation");
        var page = await client.GetAsync($"/cases?scope=organisation&reference={opened.Reference}");

        Assert.DoesNotContain(opened.Id, listed.Items.Select(r => r.Id));
        Assert.DoesNotContain($"/cases/{opened.Id}", await page.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigation_CaseWorkerAndSupervisor_HaveCasesLink()
    {
        foreach (var email in new[] { Demo.CaseWorker, Demo.Supervisor })
        {
            var html = await (await (await factory.SignInAsync(email)).GetAsync("/")).HtmlAsync();
            Assert.Contains("href=\"/cases\"", html, StringComparison.Ordinal);
        }
        var admin = await (await (await factory.SignInAsync(Demo.OrgAdmin)).GetAsync("/")).HtmlAsync();
        Assert.DoesNotContain("href=\"/cases\"", admin, StringComparison.Ordinal);
    }
}
