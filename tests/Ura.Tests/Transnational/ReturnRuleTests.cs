using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Referrals;
using Ura.Features.Transnational;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Transnational.ReturnTestSupport;

namespace Ura.Tests.Transnational;

/// <summary>Bad input and steps out of order: each refused with its message in the user's language, and nothing changes on either node.</summary>
public sealed class ReturnRuleTests(ReturnNetwork nodes) : IClassFixture<ReturnNetwork>
{
    private Task<(int Plans, int Assistance, int FollowUps, int Outbox, int Tasks, int Cases, string Versions)> StateAsync(UraFactory node) =>
        node.WithDb(async db => (await db.ReturnPlans.CountAsync(), await db.ReturnAssistance.CountAsync(), await db.ReturnFollowUps.CountAsync(),
            await db.FederationOutbox.CountAsync(), await db.CaseTasks.CountAsync(), await db.Cases.CountAsync(),
            string.Join(",", await db.ReturnPlans.OrderBy(p => p.Id).Select(p => p.Status + ":" + p.Version + ":" + p.Revision).ToListAsync())));

    public static TheoryData<string, object?, string, string> BadPlans => new()
    {
        { "informedDecision", false, "informedDecision", "Return.InformedDecisionRequired" },
        { "decisionOn", Iso(Today.AddDays(2)), "decisionOn", "Return.DateInFuture" },
        { "travelMode", "Boat", "travelMode", "Return.UnknownCode" },
        { "safetyRisk", "Extreme", "safetyRisk", "Return.UnknownCode" },
        { "escort", "Friend", "escort", "Return.UnknownCode" },
        { "travelDocuments", "Lost", "travelDocuments", "Return.UnknownCode" },
        { "departureOn", Iso(Today.AddDays(-3)), "departureOn", "Return.DepartureBeforeDecision" },
        { "arrivalOn", Iso(Today.AddDays(-1)), "arrivalOn", "Return.ArrivalBeforeDeparture" },
        { "route", null, "route", "Validation.Required" },
        { "assistance", new object[] { new { type = "ReintegrationGrant" } }, "assistance", "Return.Assistance.GrantAmountRequired" },
        { "assistance", new object[] { new { type = "AirTransport" }, new { type = "AirTransport" } }, "assistance", "Return.Assistance.Duplicate" },
        { "assistance", new object[] { new { type = "ReturnPackage", amount = 100m, currency = "USD" } }, "assistance", "Services.UnknownCurrency" },
        { "assistance", new object[] { new { type = "ReturnPackage", amount = -5m, currency = "EUR" } }, "assistance", "Return.Assistance.AmountInvalid" },
        { "assistance", new object[] { new { type = "Housing" } }, "assistance", "Return.UnknownCode" },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public async Task Save_BadPlan_LocalisedErrorAndNothingChanged(string field, object? value, string errorField, string key)
    {
        var s = await ReferredAsync(nodes, "Agnesa", senderLanguage: "sq");
        var plan = Plan();
        plan[field] = value;
        var before = await StateAsync(nodes.Al);

        var errors = await ProblemAsync(await SaveAsync(s.Sender, s, plan));

        Assert.Contains(nodes.Al.Text(key, "sq"), errors[errorField]);
        Assert.Equal(before, await StateAsync(nodes.Al));
    }

    [Fact]
    public async Task Propose_NoCrossBorderConsent_RefusedAndNothingSent()
    {
        var s = await ReferredAsync(nodes, "Jehona", consentToXk: false, senderLanguage: "sq");
        await OkAsync(SaveAsync(s.Sender, s, Plan()));
        var before = await StateAsync(nodes.Al);

        var errors = await ProblemAsync(await ProposeAsync(s.Sender, s));

        Assert.Contains(nodes.Al.Text("Consent.NotCovered.NoConsent", "sq"), errors[""]);
        Assert.Equal(before, await StateAsync(nodes.Al));
        Assert.Equal(ReturnStatus.Draft, (await PlanAsync(nodes.Al, s.ReferralId)).Status);
    }

    [Fact]
    public async Task Save_ReferralNotAccepted_RefusedAndNoPlan()
    {
        var s = await ReferredAsync(nodes, "Arjeta", senderLanguage: "sq");
        await nodes.Al.WithDb(db => db.TransnationalReferrals.Where(r => r.Id == s.ReferralId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReferralStatus.Sent)));
        var before = await StateAsync(nodes.Al);

        var errors = await ProblemAsync(await SaveAsync(s.Sender, s, Plan()));

        Assert.Contains(nodes.Al.Text("Return.Refused.NotAccepted", "sq"), errors[""]);
        Assert.Equal(before, await StateAsync(nodes.Al));
    }

    [Fact]
    public async Task Propose_Twice_SecondRefused()
    {
        var s = await ReferredAsync(nodes, "Kaltrina", senderLanguage: "sq");
        await ProposedAsync(nodes, s);
        var before = await StateAsync(nodes.Al);

        var errors = await ProblemAsync(await ProposeAsync(s.Sender, s));

        Assert.Contains(nodes.Al.Text("Return.Refused.AlreadyProposed", "sq"), errors[""]);
        Assert.Equal(before, await StateAsync(nodes.Al));
    }

    [Fact]
    public async Task Save_AfterHandover_Refused()
    {
        var s = await ReferredAsync(nodes, "Egzona", senderLanguage: "en");
        await HandedOverAsync(nodes, s);
        var before = await StateAsync(nodes.Al);

        var errors = await ProblemAsync(await SaveAsync(s.Sender, s, Plan(route: "Too late")));

        Assert.Contains(nodes.Al.Text("Return.Refused.HandedOver"), errors[""]);
        Assert.Equal(before, await StateAsync(nodes.Al));
    }

    [Fact]
    public async Task Decline_WithoutReason_LocalisedErrorAndStillProposed()
    {
        var s = await ReferredAsync(nodes, "Leonora");
        await ProposedAsync(nodes, s);
        var receiver = await nodes.Xk.SignInAsync(Receiver, "mk");
        var before = await StateAsync(nodes.Xk);

        var errors = await ProblemAsync(await DecideAsync(receiver, s, confirm: false, reason: "  "));

        Assert.Contains(nodes.Xk.Text("Return.DeclineReasonRequired", "mk"), errors["reason"]);
        Assert.Equal(before, await StateAsync(nodes.Xk));
    }

    [Fact]
    public async Task HandOver_NotConfirmed_Refused()
    {
        var s = await ReferredAsync(nodes, "Hana");
        await ProposedAsync(nodes, s);
        var receiver = await nodes.Xk.SignInAsync(Receiver, "en");
        var before = await StateAsync(nodes.Xk);

        var errors = await ProblemAsync(await HandOverAsync(receiver, s));

        Assert.Contains(nodes.Xk.Text("Return.Refused.NotConfirmed"), errors[""]);
        Assert.Equal(before, await StateAsync(nodes.Xk));
    }

    public static TheoryData<int, string?, string?, string, string> BadHandovers => new()
    {
        { 1, "Prishtina airport", "Arta Berisha", "handedOverOn", "Return.DateInFuture" },
        { -1, "Prishtina airport", "Arta Berisha", "handedOverOn", "Return.HandoverBeforeDeparture" },
        { 0, null, "Arta Berisha", "place", "Validation.Required" },
        { 0, "Prishtina airport", " ", "receivedBy", "Validation.Required" },
    };

    [Theory]
    [MemberData(nameof(BadHandovers))]
    public async Task HandOver_BadInput_LocalisedErrorAndNothingChanged(int days, string? place, string? receivedBy, string field, string key)
    {
        var s = await ReferredAsync(nodes, "Merita");
        await ProposedAsync(nodes, s);
        await OkAsync(DecideAsync(s.Receiver, s, confirm: true));
        await nodes.Network.DeliverAllAsync();
        var receiver = await nodes.Xk.SignInAsync(Receiver, "sr-Latn");
        var before = await StateAsync(nodes.Xk);

        var errors = await ProblemAsync(await HandOverAsync(receiver, s, Today.AddDays(days), place, receivedBy));

        Assert.Contains(nodes.Xk.Text(key, "sr-Latn"), errors[field]);
        Assert.Equal(before, await StateAsync(nodes.Xk));
    }

    [Fact]
    public async Task Report_UnknownMonthThenTwice_RefusedAndNothingChanged()
    {
        var s = await ReferredAsync(nodes, "Blerina");
        await HandedOverAsync(nodes, s);
        var receiver = await nodes.Xk.SignInAsync(Receiver, "sq");
        var before = await StateAsync(nodes.Xk);

        var unknown = await ProblemAsync(await ReportAsync(receiver, s, 4));
        var noSummary = await ProblemAsync(await ReportAsync(receiver, s, 3, summary: null));
        var badSituation = await ProblemAsync(await ReportAsync(receiver, s, 3, situation: "Happy"));

        Assert.Contains(nodes.Xk.Text("Return.FollowUp.UnknownMonth", "sq"), unknown["month"]);
        Assert.Contains(nodes.Xk.Text("Validation.Required", "sq"), noSummary["summary"]);
        Assert.Contains(nodes.Xk.Text("Return.UnknownCode", "sq"), badSituation["situation"]);
        Assert.Equal(before, await StateAsync(nodes.Xk));

        await OkAsync(ReportAsync(receiver, s, 3));
        var reported = await StateAsync(nodes.Xk);
        var twice = await ProblemAsync(await ReportAsync(receiver, s, 3));
        Assert.Contains(nodes.Xk.Text("Return.FollowUp.AlreadyReported", "sq"), twice["month"]);
        Assert.Equal(reported, await StateAsync(nodes.Xk));
    }

    [Fact]
    public async Task EditPage_BadInput_LocalisedErrorOnPageAndNothingChanged()
    {
        var s = await ReferredAsync(nodes, "Elira", senderLanguage: "sq");
        var before = await StateAsync(nodes.Al);

        var response = await UraFactory.PostFormAsync(s.Sender, $"/cases/{s.CaseId}/return/{s.ReferralId}", new()
        {
            ["Input.DecisionOn"] = Iso(Today), ["Input.SafetyRisk"] = "Low", ["Input.Route"] = "By road",
            ["Input.TravelMode"] = "Land", ["Input.DepartureOn"] = Iso(Today), ["Input.Escort"] = "None", ["Input.TravelDocuments"] = "Valid",
            ["AssistanceTypes"] = "ReintegrationGrant",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(nodes.Al.Text("Return.InformedDecisionRequired", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(nodes.Al.Text("Return.Assistance.GrantAmountRequired", "sq"), html, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(nodes.Al));
    }

    [Fact]
    public async Task ReceivedPage_DeclineWithoutReason_LocalisedErrorOnPage()
    {
        var s = await ReferredAsync(nodes, "Adelina");
        await ProposedAsync(nodes, s);
        var receiver = await nodes.Xk.SignInAsync(Receiver, "mk");
        var url = $"/transnational/returns/{s.ReferralId}";
        var before = await StateAsync(nodes.Xk);

        var response = await UraFactory.PostFormAsync(receiver, url + "?handler=Decline", new() { ["Decision.Reason"] = "" }, formPage: url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(nodes.Xk.Text("Return.DeclineReasonRequired", "mk"), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(nodes.Xk));
    }
}
