using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Awareness.Campaigns;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Campaigns.CampaignTestSupport;

namespace Ura.Tests.Campaigns;

/// <summary>
/// Correcting and removing activities and materials recorded by mistake, through the API and the pages,
/// as the demo outreach officer of Albania does it: the campaign's totals follow every correction.
/// </summary>
public sealed class CampaignCorrectionTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task ChangeActivity_CountsCorrected_TotalsRecomputed()
    {
        var client = await factory.SignInAsync(Demo.Outreach);
        var campaign = await CreateAsync(client);
        var first = await AddActivityAsync(client, campaign.Id,
            Activity("2025-03-10", ("Female", "From12To17", 20), ("Male", "From12To17", 15), ("Female", "From35To49", 3)));
        await AddActivityAsync(client, campaign.Id, Activity("2025-06-30", ("Female", "From12To17", 5)));

        // The girls were 12, not 20; the three women were never there; four boys under 12 went uncounted.
        var response = await client.PutAsJsonAsync($"{Api}/{campaign.Id}/activities/{first.Id}", new
        {
            heldOn = "2025-03-11", place = "Secondary school", channel = "SchoolSessions", notes = "Corrected from the attendance list",
            reach = new[]
            {
                new { sex = "Female", ageBand = "From12To17", people = 12 },
                new { sex = "Male", ageBand = "From12To17", people = 15 },
                new { sex = "Male", ageBand = "Under12", people = 4 },
            },
        });
        var view = await GetAsync(client, campaign.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var corrected = view.Activities.Single(a => a.Id == first.Id);
        Assert.Equal((new DateOnly(2025, 3, 11), "Secondary school", CampaignChannel.SchoolSessions, "Corrected from the attendance list", 31),
            (corrected.HeldOn, corrected.Place, corrected.Channel, corrected.Notes, corrected.Reach.Total));
        Assert.Equal(36, view.Reach.Total);
        Assert.Equal((17, 19, 0), (view.Reach.BySex[Sex.Female], view.Reach.BySex[Sex.Male], view.Reach.ByAgeBand[AgeBand.From35To49]));
        Assert.Equal((17, 4), (view.Reach.Of(Sex.Female, AgeBand.From12To17), view.Reach.Of(Sex.Male, AgeBand.Under12)));
        Assert.Equal(36, (await client.GetFromJsonAsync<List<CampaignSummary>>(Api, JsonOptions))!.Single(c => c.Id == campaign.Id).PeopleReached);
        Assert.Equal(3, await factory.WithDb(db => db.CampaignReach.CountAsync(r => r.ActivityId == first.Id)));
        Assert.True(await AuditedAsync("campaign.activity.change", first.Id, campaign.Id));
    }

    [Fact]
    public async Task RemoveActivity_RecordedByMistake_GoneAndTotalsRecomputed()
    {
        var client = await factory.SignInAsync(Demo.Outreach);
        var campaign = await CreateAsync(client);
        var mistake = await AddActivityAsync(client, campaign.Id, Activity("2025-04-01", ("Female", "From18To24", 40), ("Male", "From18To24", 30)));
        var kept = await AddActivityAsync(client, campaign.Id, Activity("2025-04-02", ("Female", "From18To24", 9)));

        var response = await client.DeleteAsync($"{Api}/{campaign.Id}/activities/{mistake.Id}");
        var again = await client.DeleteAsync($"{Api}/{campaign.Id}/activities/{mistake.Id}");
        var view = await GetAsync(client, campaign.Id);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (response.StatusCode, again.StatusCode));
        Assert.Equal([kept.Id], view.Activities.Select(a => a.Id));
        Assert.Equal((9, 9, 0), (view.Reach.Total, view.Reach.BySex[Sex.Female], view.Reach.BySex[Sex.Male]));
        Assert.Equal(9, (await client.GetFromJsonAsync<List<CampaignSummary>>(Api, JsonOptions))!.Single(c => c.Id == campaign.Id).PeopleReached);
        Assert.Equal(0, await factory.WithDb(db => db.CampaignReach.CountAsync(r => r.ActivityId == mistake.Id)));
        Assert.True(await AuditedAsync("campaign.activity.remove", mistake.Id, campaign.Id));
    }

    [Fact]
    public async Task EditActivityPage_Prefilled_GridCorrectedAndTotalsFollow()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "mk");
        var campaign = await CreateAsync(client);
        var activity = await AddActivityAsync(client, campaign.Id, new
        {
            heldOn = "2025-04-02", place = "Secondary school, Tirana", channel = "SchoolSessions", notes = "Two classes",
            reach = new[] { new { sex = "Female", ageBand = "From12To17", people = 31 }, new { sex = "Male", ageBand = "From12To17", people = 27 } },
        });
        var url = $"/awareness/campaigns/{campaign.Id}/activities/{activity.Id}/edit";
        var detail = await (await client.GetAsync($"/awareness/campaigns/{campaign.Id}")).HtmlAsync();

        var form = await (await client.GetAsync(url)).HtmlAsync();
        var response = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.HeldOn"] = "2025-04-03", ["Input.Place"] = "Secondary school, Durrës", ["Input.Channel"] = "SchoolSessions",
            ["Input.People[Female_From12To17]"] = "30", ["Input.People[Male_From12To17]"] = "", ["Input.People[OtherOrUnknown_From18To24]"] = "2",
            ["Input.Notes"] = "One class",
        });

        Assert.Contains(url, detail);
        Assert.Contains($"/awareness/campaigns/{campaign.Id}/activities/{activity.Id}/remove", detail);
        Assert.Contains(factory.Text("Campaigns.Activity.EditTitle", "mk"), form);
        Assert.Contains("value=\"2025-04-02\"", form);
        Assert.Contains("value=\"Secondary school, Tirana\"", form);
        Assert.Contains("<option value=\"SchoolSessions\" selected=\"selected\">", form);
        Assert.Matches(GridBox("Female_From12To17", "31"), form);
        Assert.Matches(GridBox("Male_From12To17", "27"), form);
        Assert.Contains(">Two classes</textarea>", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/awareness/campaigns/{campaign.Id}#activities", RedirectPath(response));
        var view = await GetAsync(client, campaign.Id);
        var corrected = Assert.Single(view.Activities);
        Assert.Equal((new DateOnly(2025, 4, 3), "Secondary school, Durrës", "One class", 32, 0), (corrected.HeldOn, corrected.Place, corrected.Notes, view.Reach.Total, view.Reach.BySex[Sex.Male]));
        Assert.Equal(2, view.Reach.Of(Sex.OtherOrUnknown, AgeBand.From18To24));
    }

    [Fact]
    public async Task RemoveActivityPage_Confirmed_ActivityGoneAndTotalsFollow()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sq");
        var campaign = await CreateAsync(client);
        var activity = await AddActivityAsync(client, campaign.Id, Activity("2025-05-05", ("Female", "From25To34", 11)));
        var url = $"/awareness/campaigns/{campaign.Id}/activities/{activity.Id}/remove";

        var confirm = await (await client.GetAsync(url)).HtmlAsync();
        var unchangedByLooking = await GetAsync(client, campaign.Id);
        var response = await UraFactory.PostFormAsync(client, url, []);

        Assert.Contains(factory.Text("Campaigns.Activity.RemoveWarning", "sq"), confirm);
        Assert.Contains("Youth centre", confirm);
        Assert.Equal(11, unchangedByLooking.Reach.Total);
        Assert.Equal((HttpStatusCode.Redirect, $"/awareness/campaigns/{campaign.Id}#activities"), (response.StatusCode, RedirectPath(response)));
        var view = await GetAsync(client, campaign.Id);
        Assert.Empty(view.Activities);
        Assert.Equal(0, view.Reach.Total);
        Assert.True(await AuditedAsync("campaign.activity.remove", activity.Id, campaign.Id));
    }

    [Fact]
    public async Task ChangeAndRemoveMaterial_Api_CorrectedThenGone()
    {
        var client = await factory.SignInAsync(Demo.Outreach);
        var campaign = await CreateAsync(client);
        var material = await AddMaterialAsync(client, campaign.Id, "Check the ofer", 3000);
        var other = await AddMaterialAsync(client, campaign.Id, "Poster", 50);

        var changed = await client.PutAsJsonAsync($"{Api}/{campaign.Id}/materials/{material.Id}", new { title = "Check the offer", kind = "Booklet", quantity = 300, language = "rom" });
        var afterChange = (await GetAsync(client, campaign.Id)).Materials.Single(m => m.Id == material.Id);
        var removed = await client.DeleteAsync($"{Api}/{campaign.Id}/materials/{material.Id}");
        var view = await GetAsync(client, campaign.Id);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NoContent), (changed.StatusCode, removed.StatusCode));
        Assert.Equal(("Check the offer", MaterialKind.Booklet, 300, "rom"), (afterChange.Title, afterChange.Kind, afterChange.Quantity, afterChange.Language));
        Assert.Equal([other.Id], view.Materials.Select(m => m.Id));
        Assert.True(await AuditedAsync("campaign.material.change", material.Id, campaign.Id));
        Assert.True(await AuditedAsync("campaign.material.remove", material.Id, campaign.Id));
    }

    [Fact]
    public async Task MaterialPages_CorrectThenRemove_ListedThenGone()
    {
        var client = await factory.SignInAsync(Demo.Outreach, "sr-Latn");
        var campaign = await CreateAsync(client);
        var material = await AddMaterialAsync(client, campaign.Id, "Plakat", 20);
        var edit = $"/awareness/campaigns/{campaign.Id}/materials/{material.Id}/edit";
        var remove = $"/awareness/campaigns/{campaign.Id}/materials/{material.Id}/remove";

        var form = await (await client.GetAsync(edit)).HtmlAsync();
        var changed = await UraFactory.PostFormAsync(client, edit, new()
        {
            ["Input.Title"] = "Plakat za škole", ["Input.Kind"] = "Poster", ["Input.Quantity"] = "200", ["Input.Language"] = "sr",
        });
        var afterChange = Assert.Single((await GetAsync(client, campaign.Id)).Materials);
        var confirm = await (await client.GetAsync(remove)).HtmlAsync();
        var removed = await UraFactory.PostFormAsync(client, remove, []);

        Assert.Contains("value=\"Plakat\"", form);
        Assert.Contains("value=\"20\"", form);
        Assert.Contains("<option value=\"sq\" selected=\"selected\">", form);
        Assert.Equal((HttpStatusCode.Redirect, $"/awareness/campaigns/{campaign.Id}#materials"), (changed.StatusCode, RedirectPath(changed)));
        Assert.Equal(("Plakat za škole", MaterialKind.Poster, 200, "sr"), (afterChange.Title, afterChange.Kind, afterChange.Quantity, afterChange.Language));
        Assert.Contains(factory.Text("Campaigns.Material.RemoveWarning", "sr-Latn"), confirm);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty((await GetAsync(client, campaign.Id)).Materials);
    }

    private Task<bool> AuditedAsync(string action, Guid entityId, Guid campaignId) =>
        factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == action && a.EntityId == entityId.ToString() && a.Detail == campaignId.ToString()));

    /// <summary>The grid's number box of one sex and age band holding <paramref name="value"/>.</summary>
    private static Regex GridBox(string key, string value) => new($"name=\"Input\\.People\\[{key}\\]\"[^>]*value=\"{value}\"");
}
