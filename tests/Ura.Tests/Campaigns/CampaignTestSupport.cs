using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Awareness.Campaigns;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Campaigns;

/// <summary>Campaign bodies for the API, reading answers, and a fingerprint of every campaign row.</summary>
internal static class CampaignTestSupport
{
    public const string Api = "/api/v1/awareness/campaigns";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Dictionary<string, object?> Body(string name = "Safe jobs abroad", string from = "2025-03-01", string to = "2025-06-30") => new()
    {
        ["name"] = name,
        ["objective"] = "Jobseekers check job offers abroad before they leave.",
        ["targetGroups"] = new[] { "Jobseekers", "YoungPeople" },
        ["channels"] = new[] { "SocialMedia", "CommunityMeetings" },
        ["startsOn"] = from,
        ["endsOn"] = to,
        ["partners"] = new[] { "Employment office", "Youth centre" },
        ["budgetAmount"] = 5000m,
        ["budgetCurrency"] = "EUR",
    };

    public static object Activity(string on, params (string Sex, string Band, int People)[] reach) => new
    {
        heldOn = on,
        place = "Youth centre",
        channel = "CommunityMeetings",
        reach = reach.Select(r => new { sex = r.Sex, ageBand = r.Band, people = r.People }).ToArray(),
    };

    public static async Task<CampaignView> CreateAsync(HttpClient client, Dictionary<string, object?>? body = null)
    {
        var response = await client.PostAsJsonAsync(Api, body ?? Body());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CampaignView>(JsonOptions))!;
    }

    public static async Task<ActivityView> AddActivityAsync(HttpClient client, Guid campaignId, object activity)
    {
        var response = await client.PostAsJsonAsync($"{Api}/{campaignId}/activities", activity);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ActivityView>(JsonOptions))!;
    }

    public static async Task<MaterialView> AddMaterialAsync(HttpClient client, Guid campaignId, string title = "Check the offer", int quantity = 3000)
    {
        var response = await client.PostAsJsonAsync($"{Api}/{campaignId}/materials", new { title, kind = "Leaflet", quantity, language = "sq" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MaterialView>(JsonOptions))!;
    }

    public static async Task<CampaignView> GetAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<CampaignView>($"{Api}/{id}", JsonOptions))!;

    /// <summary>Every campaign, activity, count and material with its values: equal before and after means nothing changed.</summary>
    public static Task<string> CampaignRowsAsync(this UraFactory factory) =>
        factory.WithDb(async db =>
        {
            var campaigns = await db.Campaigns.Select(c => $"C {c.Id} {c.Name} {c.Objective} {c.TargetGroups} {c.Channels} {c.StartsOn} {c.EndsOn} {c.Partners} {c.BudgetAmount} {c.BudgetCurrency} {c.SurveyScoreBefore} {c.SurveyScoreAfter} {c.UpdatedAt:O}").ToListAsync();
            var activities = await db.CampaignActivities.Select(a => $"A {a.Id} {a.CampaignId} {a.HeldOn} {a.Place} {a.Channel} {a.Notes}").ToListAsync();
            var reach = await db.CampaignReach.Select(r => $"R {r.Id} {r.ActivityId} {r.Sex} {r.AgeBand} {r.People}").ToListAsync();
            var materials = await db.CampaignMaterials.Select(m => $"M {m.Id} {m.CampaignId} {m.Title} {m.Kind} {m.Quantity} {m.Language}").ToListAsync();
            return string.Join("\n", campaigns.Concat(activities).Concat(reach).Concat(materials).Order(StringComparer.Ordinal));
        });
}
