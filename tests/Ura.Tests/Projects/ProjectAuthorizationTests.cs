using System.Net;
using System.Net.Http.Json;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Projects.ProjectTestSupport;

namespace Ura.Tests.Projects;

/// <summary>
/// Who may read and change projects. The country's national coordinator reads and changes; analysts and
/// supervisors of a member organisation read; another country's coordinator and readers outside the project
/// get 404; every other role 403; anonymous visitors the sign-in. After every refused attempt the projects,
/// their organisations and targets are exactly as before.
/// </summary>
public sealed class ProjectAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    public static TheoryData<string, string, HttpStatusCode, HttpStatusCode> Outsiders => new()
    {
        // user, demo project of AL, reading it, changing it
        { Demo.Email("coordinator", "xk"), "protect", HttpStatusCode.NotFound, HttpStatusCode.NotFound },
        { Demo.Email("coordinator", "mk"), "prevent", HttpStatusCode.NotFound, HttpStatusCode.NotFound },
        { Demo.Analyst, "protect", HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { Demo.Analyst, "prevent", HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { Demo.Supervisor, "protect", HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { Demo.Supervisor, "prevent", HttpStatusCode.NotFound, HttpStatusCode.Forbidden },
        { Demo.Email("analyst", "xk"), "protect", HttpStatusCode.NotFound, HttpStatusCode.Forbidden },
        { Demo.Email("supervisor", "rs"), "protect", HttpStatusCode.NotFound, HttpStatusCode.Forbidden },
        { Demo.CaseWorker, "protect", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Police, "protect", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Outreach, "prevent", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Email("sheltermanager"), "protect", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.OrgAdmin, "protect", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.SystemAdmin, "protect", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task PagesAndApi_NotTheCountrysCoordinator_ReadAsAllowedChangeNothing(string email, string key, HttpStatusCode read, HttpStatusCode change)
    {
        var id = Ura.Features.Reports.Projects.DemoProjects.ProjectId("AL", key);
        var before = await SnapshotAsync(factory);
        var client = await factory.SignInAsync(email, "en");
        var police = await OrganisationOfAsync(factory, Demo.Police);

        Assert.Equal(read, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/reports/projects/{id}")));
        Assert.Equal(read, (await client.GetAsync($"/api/v1/reports/projects/{id}")).StatusCode);
        Assert.Equal(change, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/reports/projects/{id}/edit")));
        var posted = await AdminTestSupport.PostPageAsync(client, $"/reports/projects/{id}/edit", PageFields("Taken over", [police], ("returns", "1")));
        Assert.Equal(change, (await AdminTestSupport.FollowAccessDeniedAsync(client, posted)).StatusCode);
        Assert.Equal(change, (await client.PutAsJsonAsync($"/api/v1/reports/projects/{id}", Body("Taken over", police))).StatusCode);

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Theory]
    [InlineData("analyst", "al")]
    [InlineData("supervisor", "al")]
    [InlineData("caseworker", "al")]
    [InlineData("outreach", "xk")]
    public async Task Create_NotACoordinator_ForbiddenAndNothingStored(string login, string country)
    {
        var before = await SnapshotAsync(factory);
        var client = await factory.SignInAsync(Demo.Email(login, country), "en");
        var own = await OrganisationOfAsync(factory, Demo.Email(login, country));

        Assert.Equal(HttpStatusCode.Forbidden, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/reports/projects/new")));
        var posted = await AdminTestSupport.PostPageAsync(client, "/reports/projects/new", PageFields("Not mine", [own]));
        Assert.Equal(HttpStatusCode.Forbidden, (await AdminTestSupport.FollowAccessDeniedAsync(client, posted)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/reports/projects", Body("Not mine", own))).StatusCode);

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task Lists_EachReader_SeesOnlyTheProjectsInTheirScope()
    {
        async Task<string> ListAsync(string email) => await (await factory.SignInAsync(email, "en")).GetStringAsync("/api/v1/reports/projects");

        var coordinator = await ListAsync(Demo.Coordinator);
        var otherCoordinator = await ListAsync(Demo.Email("coordinator", "xk"));
        var supervisor = await ListAsync(Demo.Supervisor);
        var analyst = await ListAsync(Demo.Analyst);

        Assert.Contains(Protect.ToString(), coordinator);
        Assert.Contains(Prevent.ToString(), coordinator);
        Assert.DoesNotContain(Ura.Features.Reports.Projects.DemoProjects.ProjectId("XK", "protect").ToString(), coordinator);
        Assert.DoesNotContain(Protect.ToString(), otherCoordinator);
        Assert.Contains(Ura.Features.Reports.Projects.DemoProjects.ProjectId("XK", "protect").ToString(), otherCoordinator);
        Assert.Contains(Protect.ToString(), supervisor);
        Assert.DoesNotContain(Prevent.ToString(), supervisor);
        Assert.Contains(Prevent.ToString(), analyst);
        var page = await (await factory.SignInAsync(Demo.Email("coordinator", "xk"), "en")).GetAsync("/reports/projects");
        Assert.DoesNotContain(Protect.ToString(), await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PagesAndApi_Anonymous_SentToSignInOrUnauthorised()
    {
        var before = await SnapshotAsync(factory);
        var client = factory.Anonymous();

        foreach (var page in new[] { "/reports/projects", "/reports/projects/new", $"/reports/projects/{Protect}", $"/reports/projects/{Protect}/edit" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", AdminTestSupport.RedirectPath(response));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/reports/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/reports/projects/{Protect}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/reports/projects", Body("Anonymous", Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PutAsJsonAsync($"/api/v1/reports/projects/{Protect}", Body("Anonymous", Guid.NewGuid()))).StatusCode);

        Assert.Equal(before, await SnapshotAsync(factory));
    }
}
