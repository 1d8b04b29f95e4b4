using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Features.Directory;
using Ura.Features.Referrals;
using Ura.Tests.Infrastructure;
using static Ura.Tests.CaseContent.CaseContentSupport;

namespace Ura.Tests.Referrals;

/// <summary>
/// Services made straight in the database (the directory's pages are not these tests' subject), cases
/// with consent to refer, and the referral calls the tests repeat.
/// </summary>
internal static class ReferralTestSupport
{
    public static Task<Guid> OrganisationOfAsync(this UraFactory factory, string email) =>
        factory.WithDb(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.OrganisationId).SingleAsync());

    /// <summary>An active service taking referrals, of the organisation of <paramref name="ownerEmail"/>, in the social care category.</summary>
    public static async Task<Guid> AddServiceAsync(this UraFactory factory, string ownerEmail, Action<Service>? change = null, params string[] categories)
    {
        var organisationId = await factory.OrganisationOfAsync(ownerEmail);
        var service = new Service
        {
            OrganisationId = organisationId,
            Name = "Mbështetje sociale " + Guid.NewGuid().ToString("N")[..6],
            CreatedAt = DateTime.UtcNow,
            ModifiedAt = DateTime.UtcNow,
        };
        change?.Invoke(service);
        foreach (var code in categories.Length == 0 ? ["social-care"] : categories)
            service.Terms.Add(new ServiceTerm { ServiceId = service.Id, TaxonomyTermId = ServiceTaxonomy.Find(code)!.Id });
        await factory.WithDb(async db =>
        {
            db.Services.Add(service);
            await db.SaveChangesAsync();
        });
        return service.Id;
    }

    /// <summary>A consent naming the receiving organisation, for referral among its purposes.</summary>
    public static Dictionary<string, object?> ConsentFor(Guid organisationId)
    {
        var body = ConsentBody();
        body["sharedWithOrganisations"] = new[] { organisationId };
        body["sharedWithOrganisationTypes"] = Array.Empty<string>();
        return body;
    }

    public static Dictionary<string, object?> ReferralBody(Guid serviceId, bool send = true, string[]? fields = null) => new()
    {
        ["serviceId"] = serviceId,
        ["urgency"] = "Urgent",
        ["reason"] = "Needs social assistance and a safe place to stay after leaving the shelter.",
        ["sharedFields"] = fields ?? ["Reference", "FirstName", "AgeBand", "Gender", "Languages", "Needs", "RiskLevel"],
        ["message"] = "She prefers to speak Albanian; please call before visiting.",
        ["send"] = send,
    };

    public static async Task<ReferralView> CreateAsync(HttpClient client, Guid caseId, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ReferralView>(WebJson))!;
    }

    /// <summary>A case of the demo case worker (shelter NGO, AL) with consent to refer to the social services, and a referral sent there.</summary>
    public static async Task<(HttpClient Sender, CaseView Case, Guid ServiceId, ReferralView Referral)> SentReferralAsync(
        this UraFactory factory, string given = "Drita", string? senderLanguage = null)
    {
        var sender = await factory.SignInAsync(Demo.CaseWorker, senderLanguage);
        var opened = await Cases.CaseTestSupport.OpenAsync(sender, Cases.CaseTestSupport.Adult(given, "Kola"));
        var serviceId = await factory.AddServiceAsync(Demo.SocialWorker);
        await RecordConsentAsync(sender, opened.Id, ConsentFor(await factory.OrganisationOfAsync(Demo.SocialWorker)));
        var referral = await CreateAsync(sender, opened.Id, ReferralBody(serviceId));
        return (sender, opened, serviceId, referral);
    }

    public static async Task<ReferralView> StepAsync(HttpClient client, Guid referralId, string step, object? body = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/referrals/{referralId}/{step}", body ?? new { });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ReferralView>(WebJson))!;
    }

    public static Task<Referral> ReferralRowAsync(this UraFactory factory, Guid id) =>
        factory.WithDb(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id));

    /// <summary>Everything a referral change writes: referrals, their history, case timeline entries, notifications.</summary>
    public static Task<(int Referrals, int History, int Timeline, int Notifications)> ReferralCountsAsync(this UraFactory factory) =>
        factory.WithDb(async db => (await db.Referrals.CountAsync(), await db.ReferralEvents.CountAsync(),
            await db.CaseEvents.CountAsync(), await db.Notifications.CountAsync()));

    /// <summary>The row's state as a tuple, to show an attempt left it exactly as it was.</summary>
    public static async Task<(ReferralStatus, int, string?, DateTime?, DateTime?)> StateAsync(this UraFactory factory, Guid id)
    {
        var r = await factory.ReferralRowAsync(id);
        return (r.Status, r.Version, r.SharedData, r.AcknowledgedAt, r.WithdrawnAt);
    }
}
