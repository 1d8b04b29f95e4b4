using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Directory;
using Ura.Features.Referrals;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Cases.CaseTestSupport;
using static Ura.Tests.Referrals.ReferralTestSupport;

namespace Ura.Tests.Referrals;

/// <summary>Each rule of referring and of the receiver's steps: a localised error, and nothing written.</summary>
public sealed class ReferralRuleTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>A service change (or a body change) and the error it must give, on which field.</summary>
    public static TheoryData<string, string, string> BrokenRules => new()
    {
        { "own-organisation", "serviceId", "Referrals.OwnOrganisation" },
        { "inactive", "serviceId", "Referrals.ServiceNotTaking" },
        { "no-referrals", "serviceId", "Referrals.ServiceNotTaking" },
        { "too-young", "serviceId", "Referrals.NotEligible.Age" },
        { "men-only", "serviceId", "Referrals.NotEligible.Gender" },
        { "serbian-citizens", "serviceId", "Referrals.NotEligible.Citizenship" },
        { "unknown-service", "serviceId", "Referrals.UnknownService" },
        { "unknown-field", "sharedFields", "Referrals.UnknownField" },
        { "nothing-shared", "sharedFields", "Referrals.NothingShared" },
        { "unknown-category", "categoryCode", "Referrals.UnknownCategory" },
        { "unknown-urgency", "urgency", "Referrals.UnknownUrgency" },
        { "no-reason", "reason", "Validation.Required" },
        { "no-consent", "overrideReason", "Referrals.ConsentMissing" },
        { "worker-override", "overrideReason", "Referrals.OverrideSupervisorOnly" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task CreateReferral_RuleBroken_LocalisedErrorInMacedonianNothingWritten(string rule, string field, string key)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");
        var opened = await OpenAsync(client, Adult("Марија", "Стојанова"));
        var receiverOrg = await factory.OrganisationOfAsync(Demo.SocialWorker);
        if (rule is not ("no-consent" or "worker-override"))
            await RecordConsentAsync(client, opened.Id, ConsentFor(receiverOrg));
        var serviceId = rule switch
        {
            "own-organisation" => await factory.AddServiceAsync(Demo.CaseWorker),
            "inactive" => await factory.AddServiceAsync(Demo.SocialWorker, s => s.Status = ServiceStatus.Inactive),
            "no-referrals" => await factory.AddServiceAsync(Demo.SocialWorker, s => s.AcceptsReferrals = false),
            "too-young" => await factory.AddServiceAsync(Demo.SocialWorker, s => s.MinimumAge = 60),
            "men-only" => await factory.AddServiceAsync(Demo.SocialWorker, s => s.EligibleGenders = "Masculine"),
            "serbian-citizens" => await factory.AddServiceAsync(Demo.SocialWorker, s => s.EligibleNationalities = "RS"),
            "unknown-service" => Guid.NewGuid(),
            _ => await factory.AddServiceAsync(Demo.SocialWorker),
        };
        var body = ReferralBody(serviceId);
        switch (rule)
        {
            case "unknown-field": body["sharedFields"] = new[] { "FirstName", "ShoeSize" }; break;
            case "nothing-shared": body["sharedFields"] = Array.Empty<string>(); break;
            case "unknown-category": body["categoryCode"] = "medical"; break;
            case "unknown-urgency": body["urgency"] = "Whenever"; break;
            case "no-reason": body["reason"] = null; break;
            case "worker-override": body["overrideReason"] = "She is in danger tonight."; break;
        }
        var before = await factory.ReferralCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "mk"), await ProblemErrorsAsync(response, field));
        Assert.Equal(before, await factory.ReferralCountsAsync());
    }

    [Fact]
    public async Task CreateReferral_ClosedCase_RefusedInSerbianNothingWritten()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sr-Latn");
        var opened = await OpenAsync(client, Adult("Jelena", "Kola"));
        var serviceId = await factory.AddServiceAsync(Demo.SocialWorker);
        await RecordConsentAsync(client, opened.Id, ConsentFor(await factory.OrganisationOfAsync(Demo.SocialWorker)));
        await factory.CloseAsync(opened.Id);
        var before = await factory.ReferralCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals", ReferralBody(serviceId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Cases.Closed", "sr-Latn")], await ProblemErrorsAsync(response, ""));
        Assert.Equal(before, await factory.ReferralCountsAsync());
    }

    [Fact]
    public async Task CreateReferral_ConsentWithoutReferralPurpose_Refused()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(client, Adult("Ema", "Kola"));
        var serviceId = await factory.AddServiceAsync(Demo.SocialWorker);
        var consent = ConsentFor(await factory.OrganisationOfAsync(Demo.SocialWorker));
        consent["purposes"] = new[] { "CaseManagementAndAssistance" };
        await RecordConsentAsync(client, opened.Id, consent);
        var before = await factory.ReferralCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals", ReferralBody(serviceId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Referrals.ConsentMissing", "sq")], await ProblemErrorsAsync(response, "overrideReason"));
        Assert.Equal(before, await factory.ReferralCountsAsync());
    }

    [Fact]
    public async Task CreateReferral_SupervisorOverridesMissingConsent_SentAndOverrideAudited()
    {
        var supervisor = await factory.SignInAsync(Demo.Supervisor);
        var worker = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(worker, Adult("Arta", "Kola"));
        var serviceId = await factory.AddServiceAsync(Demo.SocialWorker);
        var body = ReferralBody(serviceId);
        body["overrideReason"] = "Immediate danger; the person cannot sign today.";

        var referral = await CreateAsync(supervisor, opened.Id, body);

        var row = await factory.ReferralRowAsync(referral.Id);
        var supervisorId = (await factory.UserAsync(Demo.Supervisor)).Id;
        Assert.Equal((ReferralStatus.Sent, (Guid?)supervisorId, "Immediate danger; the person cannot sign today.", (Guid?)null),
            (row.Status, row.OverrideById, row.OverrideReason, row.ConsentId));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "referral.consent.override" && e.EntityId == referral.Id.ToString() && e.UserId == supervisorId)));
    }

    [Fact]
    public async Task SendDraft_ConsentWithdrawnMeanwhile_RefusedStillDraft()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(client, Adult("Flutura", "Kola"));
        var serviceId = await factory.AddServiceAsync(Demo.SocialWorker);
        var consent = await RecordConsentAsync(client, opened.Id, ConsentFor(await factory.OrganisationOfAsync(Demo.SocialWorker)));
        var draft = await CreateAsync(client, opened.Id, ReferralBody(serviceId, send: false));
        await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents/{consent.Id}/withdrawal", new { withdrawnOn = Iso(Today) });
        var before = await factory.StateAsync(draft.Id);

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals/{draft.Id}/send", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Referrals.ConsentMissing", "sq")], await ProblemErrorsAsync(response, "overrideReason"));
        Assert.Equal(before, await factory.StateAsync(draft.Id));
    }

    public static TheoryData<string, string, string, string> BadSteps => new()
    {
        { "acknowledge", "accept", "{}", "Referrals.Refused.NotNow" },
        { "sent", "complete", """{"successful":true}""", "Referrals.Refused.NotNow" },
        { "acknowledge", "decline", "{}", "Referrals.DeclineReasonRequired" },
        { "acknowledge", "decline", """{"declineReason":"Bored"}""", "Referrals.UnknownDeclineReason" },
        { "acknowledge", "decline", """{"declineReason":"Other"}""", "Referrals.NoteRequired" },
        { "accept", "complete", "{}", "Referrals.OutcomeRequired" },
        { "accept", "complete", """{"successful":true,"servicesGiven":["Massage"]}""", "Referrals.UnknownServiceType" },
    };

    /// <summary><paramref name="upTo"/>: how far the referral goes first ("sent" leaves it sent, "acknowledge", "accept").</summary>
    [Theory]
    [MemberData(nameof(BadSteps))]
    public async Task Step_BadInputOrWrongTime_LocalisedErrorInAlbanianUnchanged(string upTo, string step, string json, string key)
    {
        var (_, _, _, referral) = await factory.SentReferralAsync("Nora");
        var receiver = await factory.SignInAsync(Demo.SocialWorker, "sq");
        if (upTo is "acknowledge" or "accept")
            await StepAsync(receiver, referral.Id, "acknowledge");
        if (upTo == "accept")
            await StepAsync(receiver, referral.Id, "accept");
        if (step == "accept" && upTo == "acknowledge")
            await factory.WithDb(db => db.Referrals.Where(r => r.Id == referral.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReferralStatus.Sent)));
        var before = await factory.StateAsync(referral.Id);
        var counts = await factory.ReferralCountsAsync();

        var response = await receiver.PostAsync($"/api/v1/referrals/{referral.Id}/{step}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var all = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(v => v.GetString())).ToList();
        Assert.Contains(factory.Text(key, "sq"), all);
        Assert.Equal(before, await factory.StateAsync(referral.Id));
        Assert.Equal(counts, await factory.ReferralCountsAsync());
    }

    [Fact]
    public async Task Withdraw_NoReason_RefusedInMacedonianUnchanged()
    {
        var (sender, opened, _, referral) = await factory.SentReferralAsync("Dea", "mk");
        var before = await factory.StateAsync(referral.Id);

        var response = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals/{referral.Id}/withdraw", new { reason = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Referrals.ReasonRequired", "mk")], await ProblemErrorsAsync(response, "reason"));
        Assert.Equal(before, await factory.StateAsync(referral.Id));
    }

    [Fact]
    public async Task Withdraw_Completed_RefusedUnchanged()
    {
        var (sender, opened, _, referral) = await factory.SentReferralAsync("Sara");
        var receiver = await factory.SignInAsync(Demo.SocialWorker);
        await StepAsync(receiver, referral.Id, "acknowledge");
        await StepAsync(receiver, referral.Id, "accept");
        await StepAsync(receiver, referral.Id, "complete", new { successful = true });
        var before = await factory.StateAsync(referral.Id);

        var response = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals/{referral.Id}/withdraw", new { reason = "Too late" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await factory.StateAsync(referral.Id));
    }

    [Fact]
    public async Task Inbox_UnknownStatus_LocalisedError()
    {
        var receiver = await factory.SignInAsync(Demo.SocialWorker, "sr-Latn");

        var response = await receiver.GetAsync("/api/v1/referrals/inbox?status=Lost");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Referrals.UnknownStatus", "sr-Latn")], await ProblemErrorsAsync(response, "status"));
    }

    [Fact]
    public async Task OpenCase_BeforeAcceptance_RefusedNoCase()
    {
        var (_, _, _, referral) = await factory.SentReferralAsync("Klea");
        var receiver = await factory.SignInAsync(Demo.SocialWorker, "sq");
        var cases = await factory.WithDb(db => db.Cases.CountAsync());

        var response = await receiver.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/case", Adult("Klea", "Kola"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Referrals.Refused.NotAccepted", "sq")], await ProblemErrorsAsync(response, ""));
        Assert.Equal(cases, await factory.WithDb(db => db.Cases.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await receiver.GetAsync($"/referrals/{referral.Id}/case")).StatusCode);
    }

    [Fact]
    public async Task OpenCase_Twice_SecondRefusedOneCase()
    {
        var (_, _, _, referral) = await factory.SentReferralAsync("Jora");
        var receiver = await factory.SignInAsync(Demo.SocialWorker);
        await StepAsync(receiver, referral.Id, "acknowledge");
        await StepAsync(receiver, referral.Id, "accept");
        Assert.Equal(HttpStatusCode.OK, (await receiver.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/case", Adult("Jora", "Kola"))).StatusCode);
        var cases = await factory.WithDb(db => db.Cases.CountAsync());

        var again = await receiver.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/case", Adult("Jora", "Kola"));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(cases, await factory.WithDb(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task NewReferralPage_NoConsentRefused_ErrorShownInAlbanianNothingWritten()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(client, Adult("Zana", "Kola"));
        var serviceId = await factory.AddServiceAsync(Demo.SocialWorker);
        var url = $"/cases/{opened.Id}/referrals/new?service={serviceId}";
        var before = await factory.ReferralCountsAsync();

        var response = await UraFactory.PostFormAsync(client, $"/cases/{opened.Id}/referrals/new", new()
        {
            ["Input.ServiceId"] = serviceId.ToString(),
            ["Input.Urgency"] = "Routine",
            ["Input.Reason"] = "Legal advice on residence.",
            ["Input.SharedFields"] = "FirstName",
            ["Input.Send"] = "true",
        }, url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(factory.Text("Referrals.ConsentMissing", "sq"), html, StringComparison.Ordinal);
        Assert.Equal(before.Referrals, (await factory.ReferralCountsAsync()).Referrals);
    }
}
