using System.Net;
using System.Net.Http.Json;
using Ura.Features.Awareness.Campaigns;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Campaigns.CampaignTestSupport;

namespace Ura.Tests.Campaigns;

/// <summary>
/// Who may do what with campaigns: outreach officers write their own organisation's; coordinators read their
/// country's; analysts read all; other roles are refused; another organisation's outreach officer finds nothing.
/// </summary>
public sealed class CampaignAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly string[] ReadPages = ["/awareness/campaigns", "/awareness/campaigns/{0}"];
    private static readonly string[] WritePages = ["/awareness/campaigns/new", "/awareness/campaigns/{0}/edit", "/awareness/campaigns/{0}/activities/new", "/awareness/campaigns/{0}/materials/new"];

    private async Task<Guid> AlbanianCampaignAsync() => (await CreateAsync(await factory.SignInAsync(Demo.Outreach), Body("Matrix"))).Id;

    [Fact]
    public async Task Pages_Outreach_AllOpen()
    {
        var id = await AlbanianCampaignAsync();
        var client = await factory.SignInAsync(Demo.Outreach);

        foreach (var page in ReadPages.Concat(WritePages))
            Assert.Equal((page, HttpStatusCode.OK), (page, (await client.GetAsync(string.Format(page, id))).StatusCode));
    }

    [Theory]
    [InlineData("coordinator")]
    [InlineData("analyst")]
    public async Task Pages_Readers_ReadButNotWrite(string login)
    {
        var id = await AlbanianCampaignAsync();
        var client = await factory.SignInAsync(Demo.Email(login));

        foreach (var page in ReadPages)
            Assert.Equal((page, HttpStatusCode.OK), (page, await FinalStatusAsync(client, new(HttpMethod.Get, string.Format(page, id)))));
        foreach (var page in WritePages)
            Assert.Equal((page, HttpStatusCode.Forbidden), (page, await FinalStatusAsync(client, new(HttpMethod.Get, string.Format(page, id)))));
        Assert.DoesNotContain($"/awareness/campaigns/{id}/edit", await (await client.GetAsync($"/awareness/campaigns/{id}")).HtmlAsync());
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("supervisor")]
    [InlineData("police")]
    [InlineData("sheltermanager")]
    [InlineData("orgadmin")]
    public async Task PagesAndApi_OtherRoles_Forbidden(string login)
    {
        var id = await AlbanianCampaignAsync();
        var client = await factory.SignInAsync(Demo.Email(login));
        var before = await factory.CampaignRowsAsync();

        foreach (var page in ReadPages.Concat(WritePages))
            Assert.Equal((page, HttpStatusCode.Forbidden), (page, await FinalStatusAsync(client, new(HttpMethod.Get, string.Format(page, id)))));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(Api, Body())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/{id}/activities", Activity("2025-04-01", ("Female", "Under12", 1)))).StatusCode);
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task PagesAndApi_Anonymous_SignInRequired()
    {
        var id = await AlbanianCampaignAsync();
        var client = factory.Anonymous();

        foreach (var page in ReadPages.Concat(WritePages))
        {
            var response = await client.GetAsync(string.Format(page, id));
            Assert.Equal((page, HttpStatusCode.Redirect, "/account/login"), (page, response.StatusCode, RedirectPath(response)));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync(Api, Body())).StatusCode);
    }

    [Fact]
    public async Task PagesAndApi_OtherOrganisationsOutreach_NotFoundAndUnchanged()
    {
        var id = await AlbanianCampaignAsync();
        var client = await factory.SignInAsync(Demo.Email("outreach", "xk"));
        var before = await factory.CampaignRowsAsync();

        foreach (var page in ReadPages.Skip(1).Concat(WritePages.Skip(1)))
            Assert.Equal((page, HttpStatusCode.NotFound), (page, (await client.GetAsync(string.Format(page, id))).StatusCode));
        var edit = await UraFactory.PostFormAsync(client, $"/awareness/campaigns/{id}/edit", new()
        {
            ["Input.Name"] = "Taken over", ["Input.Objective"] = "x", ["Input.TargetGroups"] = "Parents", ["Input.Channels"] = "Events",
            ["Input.StartsOn"] = "2025-01-01", ["Input.EndsOn"] = "2025-12-31",
        }, formPage: "/awareness/campaigns/new");
        var activity = await UraFactory.PostFormAsync(client, $"/awareness/campaigns/{id}/activities/new", new()
        {
            ["Input.HeldOn"] = "2025-04-02", ["Input.Place"] = "School", ["Input.Channel"] = "SchoolSessions", ["Input.People[Female_Under12]"] = "4",
        }, formPage: "/awareness/campaigns/new");

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, activity.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"{Api}/{id}", Body("Taken over"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"{Api}/{id}/activities", Activity("2025-04-01", ("Female", "Under12", 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"{Api}/{id}/materials", new { title = "T", kind = "Leaflet", quantity = 1, language = "sq" })).StatusCode);
        Assert.DoesNotContain(await client.GetFromJsonAsync<List<CampaignSummary>>(Api, JsonOptions) ?? [], c => c.Id == id);
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task Get_CoordinatorOfAnotherCountry_NotFound()
    {
        var id = await AlbanianCampaignAsync();
        var home = await factory.SignInAsync(Demo.Coordinator);
        var abroad = await factory.SignInAsync(Demo.Email("coordinator", "xk"));

        Assert.Equal(HttpStatusCode.OK, (await home.GetAsync($"{Api}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await abroad.GetAsync($"{Api}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await abroad.GetAsync($"/awareness/campaigns/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await home.PutAsJsonAsync($"{Api}/{id}", Body("Coordinator edit"))).StatusCode);
    }
}
