using System.Net;
using System.Net.Http.Json;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Trainings.TrainingTestSupport;

namespace Ura.Tests.Trainings;

/// <summary>
/// Who may read and change trainings and visits. Writing: the organising organisation's outreach
/// officers only; another organisation's outreach officer gets 404, other roles 403. Reading:
/// outreach officers their organisation's, coordinators their country's, analysts all; everyone
/// else 403, anonymous users the sign-in page or 401. After every refused attempt the rows are unchanged.
/// </summary>
public sealed class TrainingAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>Signed-in users who may not change the AL hotline's training and visit, and what they get for each.</summary>
    public static TheoryData<string, HttpStatusCode, HttpStatusCode> Outsiders => new()
    {
        // email, reading the AL training/visit, writing it
        { Outreach("xk"), HttpStatusCode.NotFound, HttpStatusCode.NotFound },
        { Outreach("mk"), HttpStatusCode.NotFound, HttpStatusCode.NotFound },
        { Demo.Email("coordinator", "rs"), HttpStatusCode.NotFound, HttpStatusCode.Forbidden },
        { Demo.Coordinator, HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { Demo.Analyst, HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { Demo.CaseWorker, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Supervisor, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.SocialWorker, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Police, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.OrgAdmin, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Email("sheltermanager"), HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.SystemAdmin, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task TrainingPagesAndApi_Outsider_RefusedAndNothingChanged(string email, HttpStatusCode read, HttpStatusCode write)
    {
        var before = await SnapshotAsync(factory, AlTraining);
        var visitBefore = await VisitSnapshotAsync(factory, AlVisit);
        var followUp = await factory.WithDb(db => Task.FromResult(db.TrainingFollowUps.Where(f => f.TrainingId == AlTraining).Select(f => f.Id).First()));
        var client = await factory.SignInAsync(email);

        Assert.Equal(read, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/training/{AlTraining}")));
        Assert.Equal(read, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/training/visits/{AlVisit}")));
        Assert.Equal(read, (await client.GetAsync($"/api/v1/training/trainings/{AlTraining}")).StatusCode);
        Assert.Equal(read, (await client.GetAsync($"/api/v1/training/visits/{AlVisit}")).StatusCode);
        Assert.Equal(write, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/training/{AlTraining}/edit")));

        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"/training/{AlTraining}/edit", new() { ["Input.Title"] = "Taken over", ["Input.Topic"] = "Other", ["Input.CountryCode"] = "AL",
                ["Input.StartsOn"] = "2026-01-01", ["Input.EndsOn"] = "2026-01-01" }),
            ($"/training/{AlTraining}?handler=FollowUp", new() { ["FollowUp.Action"] = "Taken over" }),
            ($"/training/{AlTraining}?handler=Done", new() { ["followUpId"] = followUp.ToString(), ["done"] = "false" }),
        };
        foreach (var (url, fields) in posts)
            Assert.Equal(write, (await AdminTestSupport.FollowAccessDeniedAsync(client, await AdminTestSupport.PostPageAsync(client, url, fields))).StatusCode);
        var api = $"/api/v1/training/trainings/{AlTraining}";
        Assert.Equal(write, (await client.PutAsJsonAsync(api, Body(await OrganisationOfAsync(factory, Demo.Police), "Taken over"))).StatusCode);
        Assert.Equal(write, (await client.PostAsJsonAsync(api + "/follow-ups", new { action = "Taken over" })).StatusCode);
        Assert.Equal(write, (await client.PutAsJsonAsync($"{api}/follow-ups/{followUp}/done", new { done = false })).StatusCode);

        Assert.Equal(before, await SnapshotAsync(factory, AlTraining));
        Assert.Equal(visitBefore, await VisitSnapshotAsync(factory, AlVisit));
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task ListsAndCreate_Outsider_SeeOnlyTheirScopeAndCreateOnlyAsOutreach(string email, HttpStatusCode read, HttpStatusCode write)
    {
        var counts = await CountsAsync(factory);
        var client = await factory.SignInAsync(email);
        var readers = read != HttpStatusCode.Forbidden;

        var list = await client.GetAsync("/api/v1/training/trainings");
        var visits = await client.GetAsync("/api/v1/training/visits");
        Assert.Equal(readers ? HttpStatusCode.OK : HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(readers ? HttpStatusCode.OK : HttpStatusCode.Forbidden, visits.StatusCode);
        Assert.Equal(readers ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/training")));
        Assert.Equal(readers ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/training/visits")));
        if (readers)
        {
            Assert.Equal(read == HttpStatusCode.OK, (await list.Content.ReadAsStringAsync()).Contains(AlTraining.ToString(), StringComparison.Ordinal));
            Assert.Equal(read == HttpStatusCode.OK, (await visits.Content.ReadAsStringAsync()).Contains(AlVisit.ToString(), StringComparison.Ordinal));
        }

        var outreach = write == HttpStatusCode.NotFound;
        var expectedCreate = outreach ? HttpStatusCode.Created : HttpStatusCode.Forbidden;
        Assert.Equal(outreach ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/training/new")));
        Assert.Equal(outreach ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/training/visits/new")));
        var police = await OrganisationOfAsync(factory, Demo.Police);
        var created = await client.PostAsJsonAsync("/api/v1/training/trainings", Body(police));
        var visit = await client.PostAsJsonAsync("/api/v1/training/visits", VisitBody(police, await OrganisationOfAsync(factory, Outreach())));
        Assert.Equal(expectedCreate, created.StatusCode);
        Assert.Equal(expectedCreate, visit.StatusCode);
        if (outreach)
        {
            // Another organisation's outreach officer records for their own organisation, never for the AL hotline.
            var own = await OrganisationOfAsync(factory, email);
            var training = await created.Content.ReadFromJsonAsync<Ura.Features.Training.Trainings.TrainingView>();
            Assert.Equal(own, training!.Organiser.Id);
            var recorded = await visit.Content.ReadFromJsonAsync<Ura.Features.Training.Trainings.ExchangeVisitView>();
            Assert.Equal(own, recorded!.RecordedBy.Id);
        }
        else
            Assert.Equal(counts, await CountsAsync(factory));
    }

    [Fact]
    public async Task PagesAndApi_OwnOutreachOfficer_Allowed()
    {
        var client = await factory.SignInAsync(Outreach());

        foreach (var page in new[] { "/training", "/training/new", $"/training/{AlTraining}", $"/training/{AlTraining}/edit",
            "/training/visits", "/training/visits/new", $"/training/visits/{AlVisit}" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/training/trainings/{AlTraining}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/training/visits/{AlVisit}")).StatusCode);
        var own = (await client.GetFromJsonAsync<Ura.Features.Training.Trainings.TrainingView>($"/api/v1/training/trainings/{AlTraining}"))!;
        Assert.True(own.CanChange);
    }

    [Fact]
    public async Task PagesAndApi_Anonymous_SignInOr401AndNothingChanged()
    {
        var client = factory.Anonymous();
        var counts = await CountsAsync(factory);
        var before = await SnapshotAsync(factory, AlTraining);

        foreach (var page in new[] { "/training", "/training/new", $"/training/{AlTraining}", $"/training/{AlTraining}/edit",
            "/training/visits", "/training/visits/new", $"/training/visits/{AlVisit}" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", AdminTestSupport.RedirectPath(response));
        }
        foreach (var url in new[] { "/api/v1/training/trainings", $"/api/v1/training/trainings/{AlTraining}", "/api/v1/training/visits", $"/api/v1/training/visits/{AlVisit}" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/training/trainings", Body(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PutAsJsonAsync($"/api/v1/training/trainings/{AlTraining}", Body(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/training/visits", VisitBody(Guid.NewGuid(), Guid.NewGuid()))).StatusCode);

        Assert.Equal(counts, await CountsAsync(factory));
        Assert.Equal(before, await SnapshotAsync(factory, AlTraining));
    }
}
