using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Referrals;
using Ura.Features.Transnational;
using Ura.Tests.Admin;
using Ura.Tests.Cases;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Transnational;

/// <summary>
/// Two nodes, "al" and "xk", shared by the tests of a class; each test opens its own case and
/// referral, so the tests do not see one another's rows.
/// </summary>
public sealed class ReturnNetwork : IAsyncLifetime
{
    public FederationNetwork Network { get; private set; } = null!;

    public NodeFactory Al => Network["al"];
    public NodeFactory Xk => Network["xk"];

    public async Task InitializeAsync() => Network = await FederationNetwork.CreateAsync();

    public Task DisposeAsync()
    {
        Network.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>A case on "al" referred to the shelter on "xk", accepted: the start of every return.</summary>
internal sealed record ReturnScenario(Guid CaseId, Guid ReferralId, HttpClient Sender, HttpClient Receiver);

internal static class ReturnTestSupport
{
    public static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static readonly string Receiver = Demo.Email("caseworker", "xk");

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// Opens a case on "al" with cross-border consent for Kosovo, and writes the matching rows of an
    /// accepted transnational referral on both nodes (as the referral messages would have).
    /// </summary>
    public static async Task<ReturnScenario> ReferredAsync(ReturnNetwork nodes, string givenName, bool consentToXk = true, string? senderLanguage = null)
    {
        var sender = await nodes.Al.SignInAsync(Demo.CaseWorker, senderLanguage);
        var opened = await CaseTestSupport.OpenAsync(sender, CaseTestSupport.Adult(givenName, "Krasniqi"));
        if (consentToXk)
            await ConsentAsync(sender, opened.Id, "XK");
        var alOrg = await OrganisationOf(nodes.Al, Demo.CaseWorker);
        var xkOrg = await OrganisationOf(nodes.Xk, Receiver);
        var id = Guid.CreateVersion7();
        var now = DateTime.UtcNow;
        await nodes.Al.WithDb(db =>
        {
            db.TransnationalReferrals.Add(new TransnationalReferral
            {
                Id = id, Side = TransnationalSide.Sending, PeerNodeId = "xk", OrganisationId = alOrg, CaseId = opened.Id, CreatedAt = now,
                RemoteOrganisationId = xkOrg, RemoteOrganisationName = "Shelter XK", Status = ReferralStatus.Accepted, SentAt = now, DecidedAt = now,
            });
            return db.SaveChangesAsync();
        });
        var shared = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["FirstName"] = givenName, ["FamilyName"] = "Krasniqi", ["Gender"] = "Feminine", ["BirthDate"] = "1998-04-12",
        });
        await nodes.Xk.WithDb(db =>
        {
            db.TransnationalReferrals.Add(new TransnationalReferral
            {
                Id = id, Side = TransnationalSide.Receiving, PeerNodeId = "al", OrganisationId = xkOrg, CreatedAt = now,
                RemoteOrganisationId = alOrg, RemoteOrganisationName = "Shelter AL", Status = ReferralStatus.Accepted, SentAt = now, DecidedAt = now,
                SharedFields = "FirstName,FamilyName,Gender,BirthDate", SharedData = shared,
            });
            return db.SaveChangesAsync();
        });
        return new ReturnScenario(opened.Id, id, sender, await nodes.Xk.SignInAsync(Receiver));
    }

    public static Task<Guid> OrganisationOf(UraFactory node, string email) =>
        node.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.OrganisationId).SingleAsync());

    public static async Task ConsentAsync(HttpClient client, Guid caseId, string country)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/consents", new Dictionary<string, object?>
        {
            ["purposes"] = new[] { "CaseManagementAndAssistance", "ReferralToServices" },
            ["sharedWithOrganisations"] = Array.Empty<Guid>(),
            ["sharedWithOrganisationTypes"] = Array.Empty<string>(),
            ["crossBorderCountries"] = new[] { country },
            ["researchUse"] = false,
            ["retentionMonths"] = 60,
            ["dataUseExplained"] = true,
            ["rightOfAccessExplained"] = true,
            ["withdrawalExplained"] = true,
            ["givenBy"] = "Person",
            ["givenOn"] = Iso(Today),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A complete, valid plan; tests change the one field they are about.</summary>
    public static Dictionary<string, object?> Plan(string route = "Tirana airport to Prishtina by air, then by car to Prizren") => new()
    {
        ["informedDecision"] = true,
        ["decisionOn"] = Iso(Today),
        ["decisionNote"] = "Wants to be near her mother",
        ["safetyRisk"] = "Medium",
        ["safetyNote"] = "The recruiter lives in the same town",
        ["familySituation"] = "Mother and younger brother, supportive",
        ["route"] = route,
        ["travelMode"] = "Air",
        ["departureOn"] = Iso(Today),
        ["arrivalOn"] = Iso(Today),
        ["escort"] = "SocialWorker",
        ["escortDetails"] = "Social worker of the shelter",
        ["travelDocuments"] = "Issued",
        ["assistance"] = new object[]
        {
            new { type = "AirTransport" },
            new { type = "ReintegrationGrant", amount = 1500.00m, currency = "EUR" },
            new { type = "VocationalTraining", note = "Tailoring course" },
        },
    };

    public static Task<HttpResponseMessage> SaveAsync(HttpClient client, ReturnScenario s, Dictionary<string, object?> plan) =>
        client.PutAsJsonAsync($"/api/v1/cases/{s.CaseId}/returns/{s.ReferralId}", plan);

    public static Task<HttpResponseMessage> ProposeAsync(HttpClient client, ReturnScenario s) =>
        client.PostAsync($"/api/v1/cases/{s.CaseId}/returns/{s.ReferralId}/proposal", null);

    public static Task<HttpResponseMessage> DecideAsync(HttpClient client, ReturnScenario s, bool confirm, string? reason = null) =>
        client.PostAsJsonAsync($"/api/v1/transnational/returns/{s.ReferralId}/decision", new { confirm, reason });

    public static Task<HttpResponseMessage> HandOverAsync(HttpClient client, ReturnScenario s, DateOnly? on = null, string? place = "Prishtina airport", string? receivedBy = "Arta Berisha") =>
        client.PostAsJsonAsync($"/api/v1/transnational/returns/{s.ReferralId}/handover",
            new { handedOverOn = Iso(on ?? Today), place, receivedBy });

    public static Task<HttpResponseMessage> ReportAsync(HttpClient client, ReturnScenario s, int month, string situation = "Stable", string? summary = "Living with her mother, started the course") =>
        client.PostAsJsonAsync($"/api/v1/transnational/returns/{s.ReferralId}/follow-ups",
            new { month, reportedOn = Iso(Today), situation, summary });

    /// <summary>Asserts a 200 answer, showing the problem otherwise.</summary>
    public static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Saves the plan and proposes it, delivered at the receiver.</summary>
    public static async Task ProposedAsync(ReturnNetwork nodes, ReturnScenario s)
    {
        await OkAsync(SaveAsync(s.Sender, s, Plan()));
        await OkAsync(ProposeAsync(s.Sender, s));
        await nodes.Network.DeliverAllAsync();
    }

    /// <summary>Proposed, confirmed and handed over, every message delivered.</summary>
    public static async Task HandedOverAsync(ReturnNetwork nodes, ReturnScenario s)
    {
        await ProposedAsync(nodes, s);
        await OkAsync(DecideAsync(s.Receiver, s, confirm: true));
        await nodes.Network.DeliverAllAsync();
        await OkAsync(HandOverAsync(s.Receiver, s));
        await nodes.Network.DeliverAllAsync();
    }

    public static Task<ReturnPlan> PlanAsync(UraFactory node, Guid referralId) =>
        node.WithDb(db => db.ReturnPlans.AsNoTracking().Include(p => p.Assistance).Include(p => p.FollowUps)
            .SingleAsync(p => p.TransnationalReferralId == referralId));

    public static Task<ReturnPlan?> PlanOrNullAsync(UraFactory node, Guid referralId) =>
        node.WithDb(db => db.ReturnPlans.AsNoTracking().SingleOrDefaultAsync(p => p.TransnationalReferralId == referralId));

    public static async Task<Dictionary<string, string[]>> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }

    public static string Text(UraFactory node, string key, string culture = "en") => node.Text(key, culture);
}
