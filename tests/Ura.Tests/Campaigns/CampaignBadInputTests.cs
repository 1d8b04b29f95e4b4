using System.Net;
using System.Net.Http.Json;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Campaigns.CampaignTestSupport;

namespace Ura.Tests.Campaigns;

/// <summary>Bad campaign input: each gets its localised message and changes nothing.</summary>
public sealed class CampaignBadInputTests(UraFactory factory) : IClassFixture<UraFactory>
{
    public static TheoryData<string, object?, string, string> BadCampaigns => new()
    {
        { "endsOn", "2025-02-01", "endsOn", "Campaigns.PeriodReversed" },
        { "targetGroups", Array.Empty<string>(), "targetGroups", "Campaigns.TargetGroupsRequired" },
        { "targetGroups", new[] { "Aliens" }, "targetGroups", "Campaigns.TargetGroupsRequired" },
        { "channels", new[] { "3" }, "channels", "Campaigns.ChannelsRequired" },
        { "budgetAmount", -1m, "budgetAmount", "Campaigns.BudgetRange" },
        { "budgetCurrency", "euro", "budgetCurrency", "Campaigns.CurrencyInvalid" },
        { "surveyScoreAfter", 101m, "surveyScoreAfter", "Campaigns.ScoreRange" },
        { "surveyRespondentsBefore", -5, "surveyRespondentsBefore", "Campaigns.RespondentsRange" },
        { "name", new string('x', 201), "name", "Validation.TooLong" },
        { "startsOn", null, "startsOn", "Validation.Required" },
    };

    [Theory]
    [MemberData(nameof(BadCampaigns))]
    public async Task Create_BadValue_RefusedLocalisedNothingStored(string field, object? value, string errorField, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sq");
        var body = Body("Bad " + field);
        body[field] = value;
        var before = await factory.CampaignRowsAsync();

        var response = await client.PostAsJsonAsync(Api, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(messageKey, "sq"), await ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    public static TheoryData<string, string, int, string, string> BadActivities => new()
    {
        { "2025-02-28", "Female", 3, "heldOn", "Campaigns.ActivityOutsidePeriod" },
        { "2025-07-01", "Female", 3, "heldOn", "Campaigns.ActivityOutsidePeriod" },
        { "2025-04-01", "Female", -1, "reach", "People.Negative" },
        { "2025-04-01", "Woman", 3, "reach", "People.UnknownGroup" },
        { "2025-04-01", "Female", 2_000_000, "reach", "People.TooMany" },
    };

    [Theory]
    [MemberData(nameof(BadActivities))]
    public async Task AddActivity_BadValue_RefusedLocalisedNothingStored(string on, string sex, int people, string errorField, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.Outreach, "mk");
        var campaign = await CreateAsync(client);
        var before = await factory.CampaignRowsAsync();

        var response = await client.PostAsJsonAsync($"{Api}/{campaign.Id}/activities", Activity(on, (sex, "From18To24", people)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(messageKey, "mk"), await ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task AddActivity_SameGroupTwice_Refused()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "en");
        var campaign = await CreateAsync(client);
        var before = await factory.CampaignRowsAsync();

        var response = await client.PostAsJsonAsync($"{Api}/{campaign.Id}/activities", Activity("2025-04-01", ("Male", "Under12", 1), ("Male", "Under12", 2)));

        Assert.Contains(factory.Text("People.Duplicate"), await ProblemErrorsAsync(response, "reach"));
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task Change_PeriodWouldLeaveActivityOutside_RefusedNothingChanged()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sr-Latn");
        var campaign = await CreateAsync(client);
        await client.PostAsJsonAsync($"{Api}/{campaign.Id}/activities", Activity("2025-06-15", ("Female", "From18To24", 4)));
        var before = await factory.CampaignRowsAsync();

        var response = await client.PutAsJsonAsync($"{Api}/{campaign.Id}", Body(to: "2025-05-31"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text("Campaigns.ActivitiesOutsidePeriod", "sr-Latn"), await ProblemErrorsAsync(response, "startsOn"));
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task AddMaterial_BadValues_RefusedLocalised()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sq");
        var campaign = await CreateAsync(client);
        var before = await factory.CampaignRowsAsync();

        var response = await client.PostAsJsonAsync($"{Api}/{campaign.Id}/materials", new { title = "Leaflet", kind = "Billboard", quantity = -3, language = "xx" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text("Campaigns.UnknownMaterialKind", "sq"), await ProblemErrorsAsync(response, "kind"));
        Assert.Contains(factory.Text("Campaigns.QuantityRange", "sq"), await ProblemErrorsAsync(response, "quantity"));
        Assert.Contains(factory.Text("Campaigns.UnknownLanguage", "sq"), await ProblemErrorsAsync(response, "language"));
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task NewPage_PeriodReversed_MessageInAlbanianNothingStored()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sq");
        var before = await factory.CampaignRowsAsync();

        var response = await UraFactory.PostFormAsync(client, "/awareness/campaigns/new", new()
        {
            ["Input.Name"] = "Reversed", ["Input.Objective"] = "x", ["Input.TargetGroups"] = "Parents", ["Input.Channels"] = "Events",
            ["Input.StartsOn"] = "2025-05-01", ["Input.EndsOn"] = "2025-04-01", ["Input.SurveyScoreBefore"] = "abc",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(factory.Text("Validation.Number", "sq"), html);
        Assert.Equal(before, await factory.CampaignRowsAsync());

        var second = await UraFactory.PostFormAsync(client, "/awareness/campaigns/new", new()
        {
            ["Input.Name"] = "Reversed", ["Input.Objective"] = "x", ["Input.TargetGroups"] = "Parents", ["Input.Channels"] = "Events",
            ["Input.StartsOn"] = "2025-05-01", ["Input.EndsOn"] = "2025-04-01",
        });
        Assert.Contains(factory.Text("Campaigns.PeriodReversed", "sq"), await second.HtmlAsync());
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task ActivityPage_NegativeAndUnreadableCounts_MessageNothingStored()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "mk");
        var campaign = await CreateAsync(client);
        var url = $"/awareness/campaigns/{campaign.Id}/activities/new";
        var before = await factory.CampaignRowsAsync();

        var negative = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.HeldOn"] = "2025-04-02", ["Input.Place"] = "School", ["Input.Channel"] = "SchoolSessions", ["Input.People[Female_Under12]"] = "-4",
        });
        var unreadable = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.HeldOn"] = "2025-04-02", ["Input.Place"] = "School", ["Input.Channel"] = "SchoolSessions", ["Input.People[Female_Under12]"] = "many",
        });
        var outside = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.HeldOn"] = "2026-04-02", ["Input.Place"] = "School", ["Input.Channel"] = "SchoolSessions", ["Input.People[Female_Under12]"] = "4",
        });

        Assert.Contains(factory.Text("People.Negative", "mk"), await negative.HtmlAsync());
        Assert.Contains(factory.Text("Validation.Number", "mk"), await unreadable.HtmlAsync());
        Assert.Contains(factory.Text("Campaigns.ActivityOutsidePeriod", "mk"), await outside.HtmlAsync());
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }
}
