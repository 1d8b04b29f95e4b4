using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Awareness.Campaigns;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Campaigns.CampaignTestSupport;

namespace Ura.Tests.Campaigns;

/// <summary>Campaigns through the API and the pages, as the demo outreach officer of Albania records them.</summary>
public sealed class CampaignTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task AddActivity_TwoActivities_ReachTotalsBySexAndAgeBand()
    {
        var client = await factory.SignInAsync(Demo.Outreach);
        var campaign = await CreateAsync(client);

        var first = await client.PostAsJsonAsync($"{Api}/{campaign.Id}/activities",
            Activity("2025-03-10", ("Female", "From12To17", 20), ("Male", "From12To17", 15), ("Female", "From35To49", 3)));
        var second = await client.PostAsJsonAsync($"{Api}/{campaign.Id}/activities",
            Activity("2025-06-30", ("Female", "From12To17", 5), ("OtherOrUnknown", "From18To24", 2)));
        var view = await GetAsync(client, campaign.Id);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(45, view.Reach.Total);
        Assert.Equal((28, 15, 2), (view.Reach.BySex[Sex.Female], view.Reach.BySex[Sex.Male], view.Reach.BySex[Sex.OtherOrUnknown]));
        Assert.Equal((40, 2, 3), (view.Reach.ByAgeBand[AgeBand.From12To17], view.Reach.ByAgeBand[AgeBand.From18To24], view.Reach.ByAgeBand[AgeBand.From35To49]));
        Assert.Equal(25, view.Reach.Of(Sex.Female, AgeBand.From12To17));
        Assert.Equal([38, 7], view.Activities.Select(a => a.Reach.Total));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "campaign.activity.add" && a.Detail == campaign.Id.ToString())));
    }

    [Fact]
    public async Task Create_SurveyBeforeAndAfter_ChangeComputedAndShown()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sq");
        var body = Body("Survey campaign");
        body["surveyRespondentsBefore"] = 120;
        body["surveyScoreBefore"] = 42.5m;
        body["surveyRespondentsAfter"] = 110;
        body["surveyScoreAfter"] = 68m;

        var campaign = await CreateAsync(client, body);
        var page = await (await client.GetAsync($"/awareness/campaigns/{campaign.Id}")).HtmlAsync();

        Assert.Equal(25.5m, campaign.Survey.Change);
        Assert.Contains(factory.Text("Campaigns.Detail.Points", "sq").Replace("{0}", "+25,5", StringComparison.Ordinal), page);
    }

    [Fact]
    public async Task Create_NoSurvey_NoChange()
    {
        var client = await factory.SignInAsync(Demo.Outreach);

        var campaign = await CreateAsync(client, Body("Without survey"));

        Assert.Null(campaign.Survey.Change);
        Assert.Equal(["Employment office", "Youth centre"], campaign.Partners);
        Assert.Equal([TargetGroup.YoungPeople, TargetGroup.Jobseekers], campaign.TargetGroups);
    }

    [Fact]
    public async Task AddMaterial_Valid_ListedOnCampaign()
    {
        var client = await factory.SignInAsync(Demo.Outreach);
        var campaign = await CreateAsync(client);

        var response = await client.PostAsJsonAsync($"{Api}/{campaign.Id}/materials", new { title = "Check the offer", kind = "Leaflet", quantity = 3000, language = "rom" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var material = Assert.Single((await GetAsync(client, campaign.Id)).Materials);
        Assert.Equal(("Check the offer", MaterialKind.Leaflet, 3000, "rom"), (material.Title, material.Kind, material.Quantity, material.Language));
    }

    [Fact]
    public async Task List_CountryAndYearFilters_OnlyMatchingCampaigns()
    {
        var client = await factory.SignInAsync(Demo.Outreach);
        var old = await CreateAsync(client, Body("Filter 2019", "2019-01-01", "2019-12-31"));
        var spanning = await CreateAsync(client, Body("Filter 2018-2020", "2018-06-01", "2020-05-31"));

        var in2019 = await client.GetFromJsonAsync<List<CampaignSummary>>($"{Api}?country=AL&year=2019", JsonOptions);
        var in2021 = await client.GetFromJsonAsync<List<CampaignSummary>>($"{Api}?country=AL&year=2021", JsonOptions);
        var otherCountry = await client.GetFromJsonAsync<List<CampaignSummary>>($"{Api}?country=XK&year=2019", JsonOptions);
        var page = await (await client.GetAsync("/awareness/campaigns?country=AL&year=2019")).HtmlAsync();

        Assert.Equal(new[] { old.Id, spanning.Id }.Order(), in2019!.Where(c => c.Name.StartsWith("Filter", StringComparison.Ordinal)).Select(c => c.Id).Order());
        Assert.DoesNotContain(in2021!, c => c.Name.StartsWith("Filter", StringComparison.Ordinal));
        Assert.Empty(otherCountry!);
        Assert.Contains("Filter 2019", page);
    }

    [Fact]
    public async Task DemoCampaigns_EveryCountry_TwoWithActivitiesAndReach()
    {
        var perCountry = await factory.WithDb(db => db.Campaigns.Where(c => c.Name != "" && c.Activities.Any())
            .GroupBy(c => c.CountryCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var analyst = await factory.SignInAsync(Demo.Analyst);

        var all = await analyst.GetFromJsonAsync<List<CampaignSummary>>(Api, JsonOptions);

        Assert.Equal(["AL", "BA", "ME", "MK", "RS", "XK"], perCountry.Where(c => c.Count >= 2).Select(c => c.Key).Order());
        Assert.Equal(6, all!.Select(c => c.CountryCode).Distinct().Count());
        Assert.All(all!.Where(c => c.Activities > 0), c => Assert.True(c.PeopleReached > 0));
    }

    [Fact]
    public async Task NewPage_FormPosted_CampaignCreatedAndShown()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "mk");

        var response = await UraFactory.PostFormAsync(client, "/awareness/campaigns/new", new()
        {
            ["Input.Name"] = "Page campaign", ["Input.Objective"] = "Parents know the signs.",
            ["Input.TargetGroups"] = "Parents", ["Input.Channels"] = "Events",
            ["Input.StartsOn"] = "2024-02-01", ["Input.EndsOn"] = "2024-02-29",
            ["Input.Partners"] = "Municipality\r\nSchool board", ["Input.BudgetAmount"] = "1200,50", ["Input.BudgetCurrency"] = "mkd",
            ["Input.SurveyScoreBefore"] = "40", ["Input.SurveyScoreAfter"] = "55.5",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDb(db => db.Campaigns.SingleAsync(c => c.Name == "Page campaign"));
        Assert.Equal(("Parents", "Events", "Municipality\nSchool board", 1200.5m, "MKD", 15.5m),
            (stored.TargetGroups, stored.Channels, stored.Partners, stored.BudgetAmount, stored.BudgetCurrency, stored.SurveyChange));
        Assert.Equal($"/awareness/campaigns/{stored.Id}", RedirectPath(response));
    }

    [Fact]
    public async Task ActivityPage_GridPosted_ActivityWithReachRecorded()
    {
        var client = await factory.SignInAsync(Demo.Outreach);
        var campaign = await CreateAsync(client);
        var url = $"/awareness/campaigns/{campaign.Id}/activities/new";

        var response = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.HeldOn"] = "2025-04-02", ["Input.Place"] = "Secondary school, Tirana", ["Input.Channel"] = "SchoolSessions",
            ["Input.People[Female_From12To17]"] = "31", ["Input.People[Male_From12To17]"] = "27", ["Input.People[Male_From35To49]"] = "",
            ["Input.Notes"] = "Two classes",
        });
        var page = await (await client.GetAsync($"/awareness/campaigns/{campaign.Id}")).HtmlAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var view = await GetAsync(client, campaign.Id);
        var activity = Assert.Single(view.Activities);
        Assert.Equal(("Secondary school, Tirana", CampaignChannel.SchoolSessions, 58, 31), (activity.Place, activity.Channel, activity.Reach.Total, activity.Reach.BySex[Sex.Female]));
        Assert.Contains("Secondary school, Tirana", page);
    }

    [Fact]
    public async Task EditPage_PeriodChanged_Saved()
    {
        var client = await factory.SignInAsync(Demo.Outreach);
        var campaign = await CreateAsync(client, Body("Edit me"));
        var url = $"/awareness/campaigns/{campaign.Id}/edit";
        var form = await (await client.GetAsync(url)).HtmlAsync();

        var response = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.Name"] = "Edited", ["Input.Objective"] = "Changed.", ["Input.TargetGroups"] = "Employers", ["Input.Channels"] = "TvAndRadio",
            ["Input.StartsOn"] = "2025-01-01", ["Input.EndsOn"] = "2025-12-31",
        });

        Assert.Contains("value=\"2025-03-01\"", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var view = await GetAsync(client, campaign.Id);
        Assert.Equal(("Edited", new DateOnly(2025, 12, 31), (decimal?)null), (view.Name, view.EndsOn, view.BudgetAmount));
    }
}
