using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Campaigns.CampaignTestSupport;

namespace Ura.Tests.Campaigns;

/// <summary>Bad corrections of activities and materials: each gets its localised message and changes nothing.</summary>
public sealed class CampaignCorrectionBadInputTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>The field sent wrong, its value (for <c>reach</c>, the people of one group), the field of the error, its message.</summary>
    public static TheoryData<string, string?, string, string> BadActivityCorrections => new()
    {
        { "heldOn", "2025-02-28", "heldOn", "Campaigns.ActivityOutsidePeriod" },
        { "heldOn", "2025-07-01", "heldOn", "Campaigns.ActivityOutsidePeriod" },
        { "heldOn", null, "heldOn", "Validation.Required" },
        { "reach", "-1", "reach", "People.Negative" },
        { "reach", "2000000", "reach", "People.TooMany" },
        { "place", new string('x', 201), "place", "Validation.TooLong" },
        { "place", " ", "place", "Validation.Required" },
        { "notes", new string('x', 2001), "notes", "Validation.TooLong" },
        { "channel", "Billboards", "channel", "Campaigns.UnknownChannel" },
    };

    [Theory]
    [MemberData(nameof(BadActivityCorrections))]
    public async Task ChangeActivity_BadValue_RefusedLocalisedNothingChanged(string field, string? value, string errorField, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sr-Latn");
        var campaign = await CreateAsync(client);
        var activity = await AddActivityAsync(client, campaign.Id, Activity("2025-04-01", ("Female", "From18To24", 8)));
        var body = new Dictionary<string, object?>
        {
            ["heldOn"] = "2025-04-01", ["place"] = "Youth centre", ["channel"] = "CommunityMeetings", ["notes"] = null,
            ["reach"] = new[] { new { sex = "Female", ageBand = "From18To24", people = 8 } },
        };
        body[field] = field == "reach" ? new[] { new { sex = "Male", ageBand = "From18To24", people = int.Parse(value!, System.Globalization.CultureInfo.InvariantCulture) } } : value;
        var before = await factory.CampaignRowsAsync();

        var response = await client.PutAsJsonAsync($"{Api}/{campaign.Id}/activities/{activity.Id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(messageKey, "sr-Latn"), await ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("1 April")]
    public async Task ChangeActivity_UnreadableDate_RefusedLocalisedNothingChanged(string heldOn)
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sq");
        var campaign = await CreateAsync(client);
        var activity = await AddActivityAsync(client, campaign.Id, Activity("2025-04-01", ("Female", "From18To24", 8)));
        var before = await factory.CampaignRowsAsync();
        var json = $$"""{"heldOn":"{{heldOn}}","place":"Youth centre","channel":"CommunityMeetings","reach":[]}""";

        var response = await client.PutAsync($"{Api}/{campaign.Id}/activities/{activity.Id}", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(factory.Text("Problem.Status400", "sq"), (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Title);
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task ChangeActivity_SameGroupTwice_RefusedNothingChanged()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "en");
        var campaign = await CreateAsync(client);
        var activity = await AddActivityAsync(client, campaign.Id, Activity("2025-04-01", ("Female", "From18To24", 8)));
        var before = await factory.CampaignRowsAsync();

        var response = await client.PutAsJsonAsync($"{Api}/{campaign.Id}/activities/{activity.Id}", Activity("2025-04-01", ("Male", "Under12", 1), ("Male", "Under12", 2)));

        Assert.Contains(factory.Text("People.Duplicate"), await ProblemErrorsAsync(response, "reach"));
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    public static TheoryData<string, string, string> BadActivityForms => new()
    {
        { "Input.HeldOn", "2025-02-30", "Validation.Invalid" },
        { "Input.HeldOn", "2026-04-02", "Campaigns.ActivityOutsidePeriod" },
        { "Input.People[Female_Under12]", "-4", "People.Negative" },
        { "Input.People[Female_Under12]", "many", "Validation.Number" },
        { "Input.Place", new string('x', 201), "Validation.TooLong" },
        { "Input.Notes", new string('x', 2001), "Validation.TooLong" },
    };

    [Theory]
    [MemberData(nameof(BadActivityForms))]
    public async Task EditActivityPage_BadValue_MessageInMacedonianNothingChanged(string field, string value, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.Outreach, "mk");
        var campaign = await CreateAsync(client);
        var activity = await AddActivityAsync(client, campaign.Id, Activity("2025-04-01", ("Female", "Under12", 8)));
        var fields = new Dictionary<string, string>
        {
            ["Input.HeldOn"] = "2025-04-02", ["Input.Place"] = "School", ["Input.Channel"] = "SchoolSessions", ["Input.People[Female_Under12]"] = "4",
        };
        fields[field] = value;
        var before = await factory.CampaignRowsAsync();

        var response = await UraFactory.PostFormAsync(client, $"/awareness/campaigns/{campaign.Id}/activities/{activity.Id}/edit", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(factory.Text(messageKey, "mk"), html);
        Assert.Contains(factory.Text("Campaigns.Activity.EditTitle", "mk"), html);
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Fact]
    public async Task ChangeMaterial_BadValues_RefusedLocalisedNothingChanged()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sq");
        var campaign = await CreateAsync(client);
        var material = await AddMaterialAsync(client, campaign.Id);
        var before = await factory.CampaignRowsAsync();

        var rules = await client.PutAsJsonAsync($"{Api}/{campaign.Id}/materials/{material.Id}", new { title = "Leaflet", kind = "Billboard", quantity = -3, language = "xx" });
        var tooLong = await client.PutAsJsonAsync($"{Api}/{campaign.Id}/materials/{material.Id}", new { title = new string('x', 201), kind = "Leaflet", quantity = 3, language = "sq" });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (rules.StatusCode, tooLong.StatusCode));
        Assert.Contains(factory.Text("Campaigns.UnknownMaterialKind", "sq"), await ProblemErrorsAsync(rules, "kind"));
        Assert.Contains(factory.Text("Campaigns.QuantityRange", "sq"), await ProblemErrorsAsync(rules, "quantity"));
        Assert.Contains(factory.Text("Campaigns.UnknownLanguage", "sq"), await ProblemErrorsAsync(rules, "language"));
        Assert.Contains(factory.Text("Validation.TooLong", "sq"), await ProblemErrorsAsync(tooLong, "title"));
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }

    [Theory]
    [InlineData("-1", "Campaigns.QuantityRange")]
    [InlineData("lots", "Validation.Invalid")]
    public async Task EditMaterialPage_BadQuantity_MessageInAlbanianNothingChanged(string quantity, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sq");
        var campaign = await CreateAsync(client);
        var material = await AddMaterialAsync(client, campaign.Id);
        var before = await factory.CampaignRowsAsync();

        var response = await UraFactory.PostFormAsync(client, $"/awareness/campaigns/{campaign.Id}/materials/{material.Id}/edit", new()
        {
            ["Input.Title"] = "Leaflet", ["Input.Kind"] = "Leaflet", ["Input.Quantity"] = quantity, ["Input.Language"] = "sq",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text(messageKey, "sq"), await response.HtmlAsync());
        Assert.Equal(before, await factory.CampaignRowsAsync());
    }
}
