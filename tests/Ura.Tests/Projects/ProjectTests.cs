using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Reports.Projects;
using Ura.Platform.Authorization;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Projects.ProjectTestSupport;

namespace Ura.Tests.Projects;

/// <summary>National coordinators create and change their country's projects on the pages and through the API; readers see them.</summary>
public sealed class ProjectTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task DemoProjects_EveryCountry_TwoWithTargetsAndFunders()
    {
        var projects = await factory.WithDb(db => db.Projects.AsNoTracking().Include(p => p.Targets).Include(p => p.Organisations)
            .Where(p => p.Funders == DemoProjects.TipOfficeFunder || p.Funders == DemoProjects.SidaFunder).ToListAsync());

        foreach (var country in new[] { "AL", "XK", "MK", "ME", "RS", "BA" })
        {
            var own = projects.Where(p => p.CountryCode == country).ToList();
            Assert.Contains(own, p => p.Funders == DemoProjects.TipOfficeFunder);
            Assert.Contains(own, p => p.Funders == DemoProjects.SidaFunder);
            Assert.All(own, p => Assert.NotEmpty(p.Targets));
            Assert.All(own, p => Assert.NotEmpty(p.Organisations));
            Assert.All(own.SelectMany(p => p.Targets), t => Assert.True(ProjectDirectory.IsKnownIndicator(t.IndicatorKey)));
        }
    }

    [Fact]
    public async Task ListAndDetail_Coordinator_ShowsProjectWithOrganisationsFundersAndTargets()
    {
        var client = await factory.SignInAsync(Demo.Coordinator, "sq");

        var list = await (await client.GetAsync("/reports/projects")).HtmlAsync();
        var detail = await client.GetAsync($"/reports/projects/{Protect}");
        var html = await detail.HtmlAsync();

        Assert.Contains($"/reports/projects/{Protect}", list);
        Assert.Contains($"/reports/projects/{Prevent}", list);
        Assert.Contains("/reports/projects/new", list);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Contains(DemoProjects.TipOfficeFunder, html);
        Assert.Contains(factory.Text("Indicator.identified-victims.Title", "sq"), html);
        Assert.Contains("Policia e Shtetit", html);
        Assert.Contains($"/reports/projects/{Protect}/edit", html);
    }

    [Fact]
    public async Task CreateAndChange_Page_StoredAuditedAndShown()
    {
        var client = await factory.SignInAsync(Demo.Coordinator, "en");
        var police = await OrganisationOfAsync(factory, Demo.Police);
        var shelter = await OrganisationOfAsync(factory, Demo.Supervisor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/reports/projects/new")).StatusCode);

        var created = await UraFactory.PostFormAsync(client, "/reports/projects/new",
            PageFields("Safe Return Albania", [police, shelter], ("returns", "12"), ("service-cost", "1500,50")));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var project = await factory.WithDb(db => db.Projects.AsNoTracking().Include(p => p.Targets).Include(p => p.Organisations)
            .SingleAsync(p => p.Name == "Safe Return Albania"));
        Assert.Equal($"/reports/projects/{project.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal("AL", project.CountryCode);
        Assert.Equal(new DateOnly(2026, 12, 31), project.EndsOn);
        Assert.Equal(new[] { police, shelter }.Order(), project.Organisations.Select(o => o.OrganisationId).Order());
        Assert.Equal(12m, project.Targets.Single(t => t.IndicatorKey == "returns").Target);
        Assert.Equal(1500.5m, project.Targets.Single(t => t.IndicatorKey == "service-cost").Target);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "reports.project.create" && a.EntityId == project.Id.ToString())));

        var form = await (await client.GetAsync($"/reports/projects/{project.Id}/edit")).HtmlAsync();
        Assert.Contains("1500.5", form);
        Assert.Contains(factory.Text("Indicator.capacity-progress.Title", "en"), form);
        var changed = await UraFactory.PostFormAsync(client, $"/reports/projects/{project.Id}/edit",
            PageFields("Safe Return Albania II", [police], ("returns", "20"), ("follow-ups", "0")));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = await factory.WithDb(db => db.Projects.AsNoTracking().Include(p => p.Targets).Include(p => p.Organisations).SingleAsync(p => p.Id == project.Id));
        Assert.Equal("Safe Return Albania II", after.Name);
        Assert.Equal([police], after.Organisations.Select(o => o.OrganisationId));
        Assert.Equal(["follow-ups", "returns"], after.Targets.Select(t => t.IndicatorKey).Order(StringComparer.Ordinal));
        Assert.Equal(20m, after.Targets.Single(t => t.IndicatorKey == "returns").Target);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "reports.project.change" && a.EntityId == project.Id.ToString())));
        var detail = await (await client.GetAsync($"/reports/projects/{project.Id}")).HtmlAsync();
        Assert.Contains(factory.Text("Indicator.follow-ups.Title", "en"), detail);
        Assert.DoesNotContain(factory.Text("Indicator.service-cost.Title", "en"), detail);
    }

    [Fact]
    public async Task CreateChangeGet_Api_RoundTrips()
    {
        var client = await factory.SignInAsync(Demo.Coordinator, "en");
        var police = await OrganisationOfAsync(factory, Demo.Police);
        var hotline = await OrganisationOfAsync(factory, Demo.Outreach);

        var created = await CreateAsync(client, Body("Api project", police));
        var body = Body("Api project renamed", police, hotline);
        body["targets"] = new object[] { new { indicatorKey = "campaign-reach", target = 10000 } };
        var changed = await client.PutAsJsonAsync($"/api/v1/reports/projects/{created.Id}", body);
        var read = await client.GetFromJsonAsync<ProjectView>($"/api/v1/reports/projects/{created.Id}");
        var list = await client.GetFromJsonAsync<List<ProjectSummary>>("/api/v1/reports/projects");

        Assert.Equal("AL", created.CountryCode);
        Assert.Equal(["identified-victims", "trainings"], created.Targets.Select(t => t.IndicatorKey));
        Assert.Equal(4.5m, created.Targets[1].Target);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("Api project renamed", read!.Name);
        Assert.Equal(2, read.Organisations.Count);
        Assert.Equal([new ProjectTargetView("campaign-reach", 10000m)], read.Targets);
        Assert.Contains(list!, p => p.Id == created.Id && p.Organisations == 2 && p.Targets == 1);
    }

    [Fact]
    public async Task FindAsync_ReaderInScope_ProjectWithOrganisationsAndTargets_OtherwiseNull()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<ProjectDirectory>();
        var coordinatorOffice = await OrganisationOfAsync(factory, Demo.Analyst);
        var shelter = await OrganisationOfAsync(factory, Demo.Supervisor);

        var analyst = User("Analyst", coordinatorOffice, "AL");
        var supervisor = User("Supervisor", shelter, "AL");
        var otherCoordinator = User("NationalCoordinator", await OrganisationOfAsync(factory, Demo.Email("coordinator", "xk")), "XK");

        var project = await directory.FindAsync(Protect, analyst);
        Assert.NotNull(project);
        Assert.Equal(DemoProjects.TipOfficeFunder, project.Funders);
        Assert.Contains(project.Organisations, o => o.OrganisationId == shelter && o.Organisation!.Name.Length > 0);
        Assert.Contains(project.Targets, t => t.IndicatorKey == "identified-victims" && t.Target == 60m);
        Assert.NotNull(await directory.FindAsync(Protect, supervisor));
        Assert.Null(await directory.FindAsync(Prevent, supervisor));
        Assert.Null(await directory.FindAsync(Protect, otherCoordinator));
    }

    private static CurrentUser User(string role, Guid organisationId, string country)
    {
        var identity = new System.Security.Claims.ClaimsIdentity(
        [
            new(System.Security.Claims.ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new(System.Security.Claims.ClaimTypes.Role, role),
            new(CurrentUser.OrganisationClaim, organisationId.ToString()),
            new(CurrentUser.CountryClaim, country),
        ], "test");
        return new CurrentUser(new FixedContext(new DefaultHttpContext { User = new(identity) }));
    }

    /// <summary>One request's context (HttpContextAccessor keeps one per async flow, shared by all its instances).</summary>
    private sealed class FixedContext(HttpContext context) : IHttpContextAccessor
    {
        public HttpContext? HttpContext { get => context; set { } }
    }
}
