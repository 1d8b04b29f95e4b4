using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Tests.Admin;
using Ura.Tests.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.HelpRequests.HelpRequestTestSupport;

namespace Ura.Tests.HelpRequests;

/// <summary>
/// Who may read and handle a help request: case workers and supervisors of an organisation of the
/// request's country that receives help requests. Other roles 403; case workers of organisations that
/// receive none 403 on the inbox and 404 on a request; another country's hotline 404. After every
/// refused attempt the request is exactly as before and nothing was created.
/// </summary>
public sealed class HelpRequestAuthorizationTests(HelpRequestFactory factory) : IClassFixture<HelpRequestFactory>
{
    public static TheoryData<string, HttpStatusCode, HttpStatusCode> Outsiders => new()
    {
        // email, inbox (page and API list), one request (pages, API reads and actions)
        { Demo.Email("hotline", "xk"), HttpStatusCode.OK, HttpStatusCode.NotFound },
        { Demo.Email("hotline", "mk"), HttpStatusCode.OK, HttpStatusCode.NotFound },
        { Demo.CaseWorker, HttpStatusCode.Forbidden, HttpStatusCode.NotFound },
        { Demo.Supervisor, HttpStatusCode.Forbidden, HttpStatusCode.NotFound },
        { Demo.SocialWorker, HttpStatusCode.Forbidden, HttpStatusCode.NotFound },
        { Demo.Outreach, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Police, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Coordinator, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Analyst, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.OrgAdmin, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Email("sheltermanager"), HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.SystemAdmin, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task PagesAndApi_Outsider_RefusedAndNothingChanged(string email, HttpStatusCode inbox, HttpStatusCode request)
    {
        var id = await factory.SubmitAsync("Outsider check " + Guid.NewGuid());
        var before = await factory.SnapshotAsync(id);
        var counts = await CountsAsync();
        var client = await factory.SignInAsync(email);

        Assert.Equal(inbox, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/help-requests")));
        Assert.Equal(inbox, (await client.GetAsync("/api/v1/help-requests")).StatusCode);
        if (inbox == HttpStatusCode.OK)
            Assert.DoesNotContain(id.ToString(), await client.GetStringAsync("/api/v1/help-requests"));

        // Case work pages need a case worker; others meet the role check first.
        var caseWorker = email.StartsWith("hotline", StringComparison.Ordinal) || email == Demo.CaseWorker || email == Demo.SocialWorker;
        Assert.Equal(request, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/help-requests/{id}")));
        Assert.Equal(caseWorker ? request : HttpStatusCode.Forbidden,
            await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/help-requests/{id}/case")));
        var posts = new (string Url, Dictionary<string, string> Fields, HttpStatusCode Expected)[]
        {
            ($"/help-requests/{id}?handler=Screening", new() { ["Age"] = "adult", ["Exploitation"] = "labour" }, request),
            ($"/help-requests/{id}?handler=Close", new() { ["Close.Reason"] = "Taken over" }, request),
            ($"/help-requests/{id}/case", new() { ["Input.GivenNames"] = "X", ["Input.FamilyName"] = "Y", ["Input.BirthDate"] = "2000-01-01",
                ["Input.Gender"] = "Feminine", ["Input.ConfirmedDifferentPerson"] = "true" }, caseWorker ? request : HttpStatusCode.Forbidden),
        };
        foreach (var (url, fields, expected) in posts)
            Assert.Equal(expected, (await AdminTestSupport.FollowAccessDeniedAsync(client, await AdminTestSupport.PostPageAsync(client, url, fields))).StatusCode);

        var api = $"/api/v1/help-requests/{id}";
        Assert.Equal(request, (await client.GetAsync(api)).StatusCode);
        Assert.Equal(request, (await client.PostAsJsonAsync(api + "/screening", new { age = "adult", exploitation = "labour" })).StatusCode);
        Assert.Equal(request, (await client.PostAsJsonAsync(api + "/case", CaseTestSupport.Adult("Taken", "Over"))).StatusCode);
        Assert.Equal(request, (await client.PostAsJsonAsync(api + "/close", new { reason = "Taken over" })).StatusCode);

        Assert.Equal(before, await factory.SnapshotAsync(id));
        Assert.Equal(counts, await CountsAsync());
        Assert.False(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "read" && e.EntityId == id.ToString())));
    }

    [Fact]
    public async Task PagesAndApi_Anonymous_SignInOr401()
    {
        var id = await factory.SubmitAsync("Anonymous check " + Guid.NewGuid());
        var client = factory.Anonymous();

        foreach (var page in new[] { "/help-requests", $"/help-requests/{id}", $"/help-requests/{id}/case" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", AdminTestSupport.RedirectPath(response));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/help-requests")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/help-requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync($"/api/v1/help-requests/{id}/close", new { reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task Detail_HotlineSupervisorRole_CanCloseButNotOpenScreening()
    {
        // A supervisor at the hotline: the demo has none, so Bosnia's supervisor moves there (no other test here uses them).
        var email = Demo.Email("supervisor", "ba");
        var hotline = (await factory.UserAsync(Demo.Email("hotline", "ba"))).OrganisationId;
        await factory.WithDb(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant())
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.OrganisationId, hotline)));
        var id = await factory.SubmitAsync("Supervisor check " + Guid.NewGuid(), country: "BA");
        var client = await factory.SignInAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/help-requests/{id}")).StatusCode);
        var screening = await client.PostAsJsonAsync($"/api/v1/help-requests/{id}/screening", new { age = "adult", exploitation = "labour" });
        Assert.Equal(HttpStatusCode.BadRequest, screening.StatusCode);
        Assert.Equal("New", (await factory.SnapshotAsync(id)).Split('|')[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/help-requests/{id}/close", new { reason = "Duplicate of an earlier call" })).StatusCode);
    }

    private Task<(int Screenings, int Cases, int Persons)> CountsAsync() =>
        factory.WithDb(async db => (await db.Screenings.CountAsync(), await db.Cases.CountAsync(), await db.Persons.CountAsync()));
}
