using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Referrals;
using Ura.Features.Transnational;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using Ura.Tests.Referrals;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Transnational.ReferralAbroadSupport;

namespace Ura.Tests.Transnational;

/// <summary>Bad input to referrals abroad: each gets its error in the person's language, and nothing is stored or sent.</summary>
public sealed class ReferralAbroadRuleTests(ReferralAbroadNetwork n) : IClassFixture<ReferralAbroadNetwork>
{
    private Task<(int Referrals, int Outbox, int Events)> CountsAsync() => n.Al.WithDb(async db => (
        await db.TransnationalReferrals.CountAsync(), await db.FederationOutbox.CountAsync(), await db.CaseEvents.CountAsync()));

    [Theory]
    [InlineData("no-consent", "", "Transnational.ConsentMissing")]
    [InlineData("consent-other-country", "", "Transnational.ConsentMissing")]
    [InlineData("unknown-service", "peerServiceId", "Transnational.UnknownService")]
    [InlineData("unknown-field", "sharedFields", "Referrals.UnknownField")]
    [InlineData("nothing-shared", "sharedFields", "Referrals.NothingShared")]
    [InlineData("unknown-category", "categoryCode", "Referrals.UnknownCategory")]
    [InlineData("unknown-urgency", "urgency", "Referrals.UnknownUrgency")]
    [InlineData("no-reason", "reason", "Validation.Required")]
    [InlineData("too-old", "peerServiceId", "Referrals.NotEligible.Age")]
    public async Task Send_BadInput_RefusedInAlbanianNothingStoredOrSent(string rule, string field, string key)
    {
        var sender = await n.Al.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await Cases.CaseTestSupport.OpenAsync(sender, Cases.CaseTestSupport.Adult("Olta", "Kola"));
        if (rule != "no-consent")
            await RecordConsentAsync(sender, opened.Id, CrossBorderConsent(rule == "consent-other-country" ? "MK" : "XK"));
        var serviceId = n.PeerServiceId;
        if (rule == "too-old")
        {
            await n.Al.WithDb(db => db.PeerServices.Where(p => p.Id == n.PeerServiceId).ExecuteUpdateAsync(s => s.SetProperty(p => p.MaximumAge, 17)));
        }
        var body = Body(rule == "unknown-service" ? Guid.NewGuid() : serviceId);
        switch (rule)
        {
            case "unknown-field": body["sharedFields"] = new[] { "FirstName", "ShoeSize" }; break;
            case "nothing-shared": body["sharedFields"] = Array.Empty<string>(); break;
            case "unknown-category": body["categoryCode"] = "medical"; break;
            case "unknown-urgency": body["urgency"] = "Whenever"; break;
            case "no-reason": body["reason"] = null; break;
        }
        var before = await CountsAsync();
        try
        {
            var response = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/transnational-referrals", body);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(n.Al.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(response, field));
            Assert.Equal(before, await CountsAsync());
        }
        finally
        {
            if (rule == "too-old")
                await n.Al.WithDb(db => db.PeerServices.Where(p => p.Id == n.PeerServiceId).ExecuteUpdateAsync(s => s.SetProperty(p => p.MaximumAge, (int?)null)));
        }
    }

    [Fact]
    public async Task Send_ClosedCase_RefusedInSerbianNothingSent()
    {
        var (_, opened, _) = await CaseWithConsentAsync(n.Al, "Pranvera");
        await n.Al.CloseAsync(opened.Id);
        var serbian = await n.Al.SignInAsync(Demo.CaseWorker, "sr-Latn");
        var before = await CountsAsync();

        var response = await serbian.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/transnational-referrals", Body(n.PeerServiceId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([n.Al.Text("Cases.Closed", "sr-Latn")], await AdminTestSupport.ProblemErrorsAsync(response, ""));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task SendPage_NoReason_ErrorInMacedonianNextToFieldNothingSent()
    {
        var (_, opened, _) = await CaseWithConsentAsync(n.Al, "Qendresa");
        var client = await n.Al.SignInAsync(Demo.CaseWorker, "mk");
        var url = $"/cases/{opened.Id}/transnational/new?service={n.PeerServiceId}";
        var page = await client.GetStringAsync(url);
        Assert.Contains(n.Al.Text("Transnational.New.ConsentCovers", "mk"), page, StringComparison.Ordinal);
        var before = await CountsAsync();

        var response = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.PeerServiceId"] = n.PeerServiceId.ToString(), ["Input.Urgency"] = "Urgent", ["Input.Reason"] = "", ["Input.SharedFields"] = "FirstName",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(n.Al.Text("Validation.Required", "mk"), System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task SendPage_Valid_SentAndShownOnCase()
    {
        var (client, opened, _) = await CaseWithConsentAsync(n.Al, "Rina");
        var url = $"/cases/{opened.Id}/transnational/new?service={n.PeerServiceId}";

        var response = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.PeerServiceId"] = n.PeerServiceId.ToString(), ["Input.Urgency"] = "Routine", ["Input.Reason"] = "Family lives in Prizren.",
            ["Input.SharedFields"] = "FirstName",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var detail = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Family lives in Prizren.", detail, StringComparison.Ordinal);
        Assert.Contains("/transnational/", await client.GetStringAsync($"/cases/{opened.Id}/transnational"), StringComparison.Ordinal);
        Assert.True(await n.Al.WithDb(db => db.FederationOutbox.AnyAsync(o => o.Type == TransnationalMessages.Referral && o.PeerNodeId == "xk")));
    }

    [Theory]
    [InlineData("decline", "{}", "declineReason", "Referrals.DeclineReasonRequired")]
    [InlineData("decline", """{"declineReason":"Bored"}""", "declineReason", "Referrals.UnknownDeclineReason")]
    [InlineData("decline", """{"declineReason":"Other"}""", "note", "Referrals.NoteRequired")]
    public async Task Step_BadInput_RefusedInAlbanianNothingChanged(string step, string json, string field, string key)
    {
        var (_, _, _, referral) = await n.SentAsync("Sara");
        var receiver = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker, "sq");
        await StepAsync(receiver, referral.Id, "acknowledge");
        var before = await n.Xk.RowAsync(referral.Id);
        var outbox = await n.Xk.WithDb(db => db.FederationOutbox.CountAsync());

        var response = await receiver.PostAsync($"/api/v1/transnational/referrals/{referral.Id}/{step}",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(n.Xk.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(response, field));
        var after = await n.Xk.RowAsync(referral.Id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(ReferralStatus.Acknowledged, after.Status);
        Assert.NotNull(after.SharedData);
        Assert.Equal(outbox, await n.Xk.WithDb(db => db.FederationOutbox.CountAsync()));
    }

    [Fact]
    public async Task Complete_WithoutOutcome_RefusedNothingChanged()
    {
        var (_, _, _, referral) = await n.SentAsync("Teuta");
        var receiver = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker, "en");
        await StepAsync(receiver, referral.Id, "acknowledge");
        await StepAsync(receiver, referral.Id, "accept");
        var before = await n.Xk.RowAsync(referral.Id);

        var response = await StepAsync(receiver, referral.Id, "complete", new { servicesGiven = new[] { "Teleportation" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(n.Xk.Text("Referrals.OutcomeRequired"), await AdminTestSupport.ProblemErrorsAsync(response, "successful"));
        Assert.Contains(n.Xk.Text("Referrals.UnknownServiceType"), await AdminTestSupport.ProblemErrorsAsync(response, "servicesGiven"));
        Assert.Equal(before.Version, (await n.Xk.RowAsync(referral.Id)).Version);
    }

    [Fact]
    public async Task Step_NotAllowedNow_RefusedNothingSent()
    {
        var (_, _, _, referral) = await n.SentAsync("Uranela");
        var receiver = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker, "mk");
        var outbox = await n.Xk.WithDb(db => db.FederationOutbox.CountAsync());

        var response = await StepAsync(receiver, referral.Id, "accept");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([n.Xk.Text("Referrals.Refused.NotNow", "mk")], await AdminTestSupport.ProblemErrorsAsync(response, ""));
        Assert.Equal(ReferralStatus.Sent, (await n.Xk.RowAsync(referral.Id)).Status);
        Assert.Equal(outbox, await n.Xk.WithDb(db => db.FederationOutbox.CountAsync()));
    }

    [Fact]
    public async Task Withdraw_StaleVersion_RefusedNothingSent()
    {
        var (_, opened, _, referral) = await n.SentAsync("Vesa");
        var sender = await n.Al.SignInAsync(Demo.CaseWorker, "sr-Latn");
        var before = await CountsAsync();

        var response = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/transnational-referrals/{referral.Id}/withdraw", new { version = referral.Version + 5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([n.Al.Text("Referrals.Refused.Changed", "sr-Latn")], await AdminTestSupport.ProblemErrorsAsync(response, ""));
        Assert.Equal(ReferralStatus.Sent, (await n.Al.RowAsync(referral.Id)).Status);
        Assert.Equal(before, await CountsAsync());
    }
}
