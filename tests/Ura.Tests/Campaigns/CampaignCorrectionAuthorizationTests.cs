using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Campaigns.CampaignTestSupport;

namespace Ura.Tests.Campaigns;

/// <summary>
/// Who may correct and remove activities and materials: only an outreach officer of the campaign's own
/// organisation. Another organisation's officer, in this country or another, finds nothing (404); readers
/// and other roles are refused (403); in every case nothing changes.
/// </summary>
public sealed class CampaignCorrectionAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private sealed record Recorded(Guid Campaign, Guid Activity, Guid Material)
    {
        public string[] Pages =>
        [
            $"/awareness/campaigns/{Campaign}/activities/{Activity}/edit", $"/awareness/campaigns/{Campaign}/activities/{Activity}/remove",
            $"/awareness/campaigns/{Campaign}/materials/{Material}/edit", $"/awareness/campaigns/{Campaign}/materials/{Material}/remove",
        ];
    }

    /// <summary>A campaign of Albania's demo hotline NGO with one activity and one material.</summary>
    private async Task<Recorded> AlbanianRecordsAsync()
    {
        var client = await factory.SignInAsync(Demo.Outreach);
        var campaign = await CreateAsync(client, Body("Corrections " + Guid.NewGuid().ToString("N")[..6]));
        var activity = await AddActivityAsync(client, campaign.Id, Activity("2025-04-01", ("Female", "From18To24", 6)));
        var material = await AddMaterialAsync(client, campaign.Id);
        return new(campaign.Id, activity.Id, material.Id);
    }

    [Fact]
    public async Task PagesAndApi_OtherOrganisationsOutreachAbroad_NotFoundAndUnchanged()
    {
        var recorded = await AlbanianRecordsAsync();
        var outsider = await factory.SignInAsync(Demo.Email("outreach", "xk"));
        var before = await factory.CampaignRowsAsync();

        await AssertNothingFoundAsync(outsider, recorded);

        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task PagesAndApi_AnotherOrganisationsCampaignInSameCountry_NotFoundAndUnchanged()
    {
        var recorded = await AlbanianRecordsAsync();
        var outreach = await factory.UserAsync(Demo.Outreach);
        // The campaign passes to another Albanian organisation: the Albanian officer now looks at someone else's records.
        await factory.WithDb(async db =>
        {
            var other = await db.Organisations.Where(o => o.CountryCode == "AL" && o.Id != outreach.OrganisationId).Select(o => o.Id).FirstAsync();
            await db.Campaigns.Where(c => c.Id == recorded.Campaign).ExecuteUpdateAsync(s => s.SetProperty(c => c.OrganisationId, other));
            await db.CampaignActivities.Where(a => a.CampaignId == recorded.Campaign).ExecuteUpdateAsync(s => s.SetProperty(a => a.OrganisationId, other));
            await db.CampaignMaterials.Where(m => m.CampaignId == recorded.Campaign).ExecuteUpdateAsync(s => s.SetProperty(m => m.OrganisationId, other));
        });
        var client = await factory.SignInAsync(Demo.Outreach);
        var before = await factory.CampaignRowsAsync();

        await AssertNothingFoundAsync(client, recorded);

        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task PagesAndApi_ActivityAndMaterialOfAnotherCampaign_NotFoundAndUnchanged()
    {
        var recorded = await AlbanianRecordsAsync();
        var client = await factory.SignInAsync(Demo.Outreach);
        var elsewhere = await CreateAsync(client, Body("Another own campaign"));
        var before = await factory.CampaignRowsAsync();

        // The officer's own activity and material, addressed through another of their campaigns.
        await AssertNothingFoundAsync(client, recorded with { Campaign = elsewhere.Id });

        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Theory]
    [InlineData("coordinator", "al")]
    [InlineData("coordinator", "xk")]
    [InlineData("analyst", "al")]
    [InlineData("caseworker", "al")]
    [InlineData("orgadmin", "al")]
    public async Task PagesAndApi_NotOutreach_ForbiddenAndUnchanged(string login, string country)
    {
        var recorded = await AlbanianRecordsAsync();
        var client = await factory.SignInAsync(Demo.Email(login, country));
        var before = await factory.CampaignRowsAsync();

        foreach (var page in recorded.Pages)
        {
            Assert.Equal((page, HttpStatusCode.Forbidden), (page, await FinalStatusAsync(client, new(HttpMethod.Get, page))));
            var posted = await UraFactory.PostFormAsync(client, page, ActivityForm(), formPage: "/account/tokens");
            Assert.Equal((page, HttpStatusCode.Forbidden), (page, (await FollowAccessDeniedAsync(client, posted)).StatusCode));
        }
        foreach (var (method, url, body) in ApiCalls(recorded))
            Assert.Equal((method, url, HttpStatusCode.Forbidden), (method, url, (await client.SendAsync(Json(method, url, body))).StatusCode));
        if (login == "coordinator" && country == "al")
            Assert.DoesNotContain($"/activities/{recorded.Activity}/edit", await (await client.GetAsync($"/awareness/campaigns/{recorded.Campaign}")).HtmlAsync());
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    private static async Task AssertNothingFoundAsync(HttpClient client, Recorded recorded)
    {
        foreach (var page in recorded.Pages)
        {
            Assert.Equal((page, HttpStatusCode.NotFound), (page, (await client.GetAsync(page)).StatusCode));
            var fields = page.Contains("/materials/", StringComparison.Ordinal) ? MaterialForm() : ActivityForm();
            var posted = await UraFactory.PostFormAsync(client, page, fields, formPage: "/awareness/campaigns/new");
            Assert.Equal((page, HttpStatusCode.NotFound), (page, posted.StatusCode));
        }
        foreach (var (method, url, body) in ApiCalls(recorded))
            Assert.Equal((method, url, HttpStatusCode.NotFound), (method, url, (await client.SendAsync(Json(method, url, body))).StatusCode));
    }

    private static IEnumerable<(HttpMethod Method, string Url, object? Body)> ApiCalls(Recorded r) =>
    [
        (HttpMethod.Put, $"{Api}/{r.Campaign}/activities/{r.Activity}", Activity("2025-04-02", ("Male", "Under12", 99))),
        (HttpMethod.Delete, $"{Api}/{r.Campaign}/activities/{r.Activity}", null),
        (HttpMethod.Put, $"{Api}/{r.Campaign}/materials/{r.Material}", new { title = "Taken over", kind = "Poster", quantity = 1, language = "sq" }),
        (HttpMethod.Delete, $"{Api}/{r.Campaign}/materials/{r.Material}", null),
    ];

    private static Dictionary<string, string> ActivityForm() => new()
    {
        ["Input.HeldOn"] = "2025-04-02", ["Input.Place"] = "Taken over", ["Input.Channel"] = "SchoolSessions", ["Input.People[Male_Under12]"] = "99",
    };

    private static Dictionary<string, string> MaterialForm() => new()
    {
        ["Input.Title"] = "Taken over", ["Input.Kind"] = "Poster", ["Input.Quantity"] = "1", ["Input.Language"] = "sq",
    };
}
