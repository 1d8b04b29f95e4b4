using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Cases;
using Ura.Features.Transnational;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Transnational.ReturnTestSupport;

namespace Ura.Tests.Transnational;

/// <summary>
/// A voluntary return between two nodes: the plan proposed, confirmed or declined, changed and
/// confirmed again, the person received, the follow-up reports scheduled, filed and sent back
/// where consent allows, and erased at the receiver when consent is withdrawn.
/// </summary>
public sealed class ReturnFlowTests(ReturnNetwork nodes) : IClassFixture<ReturnNetwork>
{
    [Fact]
    public async Task Propose_DraftPlan_ReceiverHoldsPlanWithPackageAndCaseEntersReturnStage()
    {
        var s = await ReferredAsync(nodes, "Drita");

        var saved = await SaveAsync(s.Sender, s, Plan());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(ReturnStatus.Draft, (await PlanAsync(nodes.Al, s.ReferralId)).Status);
        Assert.Null(await PlanOrNullAsync(nodes.Xk, s.ReferralId));
        await OkAsync(ProposeAsync(s.Sender, s));
        await nodes.Network.DeliverAllAsync();

        var sent = await PlanAsync(nodes.Al, s.ReferralId);
        Assert.Equal((ReturnStatus.Proposed, 1), (sent.Status, sent.Revision));
        Assert.Equal(CaseStage.Return, await nodes.Al.WithDb(db => db.Cases.Where(c => c.Id == s.CaseId).Select(c => c.Stage).SingleAsync()));
        Assert.True(await nodes.Al.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == s.CaseId && e.Action == "return.proposed")));
        var received = await PlanAsync(nodes.Xk, s.ReferralId);
        Assert.Equal((ReturnStatus.Proposed, 1, TransnationalSide.Receiving), (received.Status, received.Revision, received.Side));
        Assert.Equal(Plan()["route"], received.Route);
        Assert.Equal("Mother and younger brother, supportive", received.FamilySituation);
        Assert.Equal((ReturnRisk.Medium, TravelMode.Air, ReturnEscort.SocialWorker, TravelDocumentStatus.Issued),
            (received.SafetyRisk, received.TravelMode, received.Escort, received.TravelDocuments));
        Assert.Equal([ReturnAssistanceType.AirTransport, ReturnAssistanceType.ReintegrationGrant, ReturnAssistanceType.VocationalTraining],
            received.Assistance.Select(a => a.Type).Order());
        var grant = received.Assistance.Single(a => a.Type == ReturnAssistanceType.ReintegrationGrant);
        Assert.Equal((1500.00m, "EUR"), (grant.Amount!.Value, grant.Currency));
        Assert.Equal(OutboxStatus.Delivered, await nodes.Al.WithDb(db =>
            db.FederationOutbox.Where(m => m.CorrelationId == s.ReferralId && m.Type == "return.proposed").Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task Confirm_ProposedPlan_SenderSeesConfirmedOnCaseTimeline()
    {
        var s = await ReferredAsync(nodes, "Blerta");
        await ProposedAsync(nodes, s);

        await OkAsync(DecideAsync(s.Receiver, s, confirm: true));
        await nodes.Network.DeliverAllAsync();

        Assert.Equal(ReturnStatus.Confirmed, (await PlanAsync(nodes.Xk, s.ReferralId)).Status);
        var sent = await PlanAsync(nodes.Al, s.ReferralId);
        Assert.Equal(ReturnStatus.Confirmed, sent.Status);
        Assert.NotNull(sent.DecidedAt);
        Assert.True(await nodes.Al.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == s.CaseId && e.Action == "return.confirmed")));
    }

    [Fact]
    public async Task Decline_WithReason_SenderSeesDeclinedAndReason()
    {
        var s = await ReferredAsync(nodes, "Vjosa");
        await ProposedAsync(nodes, s);

        await OkAsync(DecideAsync(s.Receiver, s, confirm: false, reason: "No shelter place before March"));
        await nodes.Network.DeliverAllAsync();

        var sent = await PlanAsync(nodes.Al, s.ReferralId);
        Assert.Equal((ReturnStatus.Declined, "No shelter place before March"), (sent.Status, sent.DeclineReason));
        var page = await s.Sender.GetStringAsync($"/cases/{s.CaseId}/return");
        Assert.Contains("No shelter place before March", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_AfterConfirmation_SentAsUpdateAndNeedsConfirmingAgain()
    {
        var s = await ReferredAsync(nodes, "Mimoza");
        await ProposedAsync(nodes, s);
        await DecideAsync(s.Receiver, s, confirm: true);
        await nodes.Network.DeliverAllAsync();

        var changed = await SaveAsync(s.Sender, s, Plan(route: "By bus from Tirana to Prishtina"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await nodes.Network.DeliverAllAsync();

        var sent = await PlanAsync(nodes.Al, s.ReferralId);
        var received = await PlanAsync(nodes.Xk, s.ReferralId);
        Assert.Equal((ReturnStatus.Proposed, 2), (sent.Status, sent.Revision));
        Assert.Equal((ReturnStatus.Proposed, 2, "By bus from Tirana to Prishtina"), (received.Status, received.Revision, received.Route));
        Assert.Equal(1, await nodes.Al.WithDb(db => db.FederationOutbox.CountAsync(m => m.CorrelationId == s.ReferralId && m.Type == "return.updated")));

        await DecideAsync(s.Receiver, s, confirm: true);
        await nodes.Network.DeliverAllAsync();
        Assert.Equal(ReturnStatus.Confirmed, (await PlanAsync(nodes.Al, s.ReferralId)).Status);
    }

    [Fact]
    public async Task Confirm_CrossingAnUpdate_OlderRevisionIgnoredPlanWaitsForNewConfirmation()
    {
        var s = await ReferredAsync(nodes, "Teuta");
        await ProposedAsync(nodes, s);

        // The receiver confirms revision 1 while the sender changes the plan: the messages cross.
        await OkAsync(DecideAsync(s.Receiver, s, confirm: true));
        await OkAsync(SaveAsync(s.Sender, s, Plan(route: "By car through Morina")));
        await nodes.Network.DeliverAllAsync();

        var sent = await PlanAsync(nodes.Al, s.ReferralId);
        var received = await PlanAsync(nodes.Xk, s.ReferralId);
        Assert.Equal((ReturnStatus.Proposed, 2), (sent.Status, sent.Revision));
        Assert.Equal((ReturnStatus.Proposed, 2, "By car through Morina"), (received.Status, received.Revision, received.Route));
    }

    [Fact]
    public async Task HandOver_ConfirmedPlan_SenderCaseInFollowUpAndReceiverCaseOpenedWithReportTasks()
    {
        var s = await ReferredAsync(nodes, "Albana");

        await HandedOverAsync(nodes, s);

        var sent = await PlanAsync(nodes.Al, s.ReferralId);
        Assert.Equal((ReturnStatus.HandedOver, Today, "Prishtina airport", "Arta Berisha"), (sent.Status, sent.HandedOverOn!.Value, sent.HandoverPlace, sent.ReceivedBy));
        Assert.Equal(CaseStatus.FollowUp, await nodes.Al.WithDb(db => db.Cases.Where(c => c.Id == s.CaseId).Select(c => c.Status).SingleAsync()));
        Assert.True(await nodes.Al.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == s.CaseId && e.Action == "return.handed-over")));

        var xkOrg = await OrganisationOf(nodes.Xk, Receiver);
        var linked = await nodes.Xk.WithDb(db => db.TransnationalReferrals.Where(r => r.Id == s.ReferralId).Select(r => r.CaseId).SingleAsync());
        Assert.NotNull(linked);
        var linkedCase = await nodes.Xk.WithDb(db => db.Cases.Include(c => c.Person).SingleAsync(c => c.Id == linked));
        Assert.Equal((xkOrg, "Albana"), (linkedCase.OrganisationId, linkedCase.Person!.GivenNames));
        var received = await PlanAsync(nodes.Xk, s.ReferralId);
        Assert.Equal((ReturnStatus.HandedOver, linked), (received.Status, received.CaseId));
        var receiverId = await nodes.Xk.WithDb(db => db.Users.Where(u => u.Email == Receiver).Select(u => u.Id).SingleAsync());
        var tasks = await nodes.Xk.WithDb(db => db.CaseTasks.Where(t => t.CaseId == linked).OrderBy(t => t.DueOn).ToListAsync());
        Assert.Equal([Today.AddMonths(3), Today.AddMonths(6), Today.AddMonths(12)], tasks.Select(t => t.DueOn));
        Assert.All(tasks, t => Assert.Equal((CaseTaskKind.FollowUp, receiverId), (t.Kind, t.AssigneeId)));
        Assert.Equal([3, 6, 12], received.FollowUps.OrderBy(f => f.Month).Select(f => f.Month));
        Assert.True(await nodes.Xk.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == linked && e.Action == "return.received")));
    }

    [Fact]
    public async Task Report_ConsentOnReceivingCaseCoversSender_SentAndShownOnSendingCase()
    {
        var s = await ReferredAsync(nodes, "Shpresa");
        await HandedOverAsync(nodes, s);
        var linked = (await PlanAsync(nodes.Xk, s.ReferralId)).CaseId!.Value;
        await ConsentAsync(s.Receiver, linked, "AL");

        var filed = await ReportAsync(s.Receiver, s, 3, "NeedsSupport", "Found work, needs help with housing");
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        await nodes.Network.DeliverAllAsync();

        var here = (await PlanAsync(nodes.Xk, s.ReferralId)).FollowUps.Single(f => f.Month == 3);
        Assert.NotNull(here.SentAt);
        Assert.Null(here.NotSentReason);
        Assert.NotNull(await nodes.Xk.WithDb(db => db.CaseTasks.Where(t => t.Id == here.TaskId).Select(t => t.CompletedAt).SingleAsync()));
        var there = (await PlanAsync(nodes.Al, s.ReferralId)).FollowUps.Single();
        Assert.Equal((3, ReturnSituation.NeedsSupport, "Found work, needs help with housing"), (there.Month, there.Situation!.Value, there.Summary));
        Assert.NotNull(there.ReceivedAt);
        Assert.True(await nodes.Al.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == s.CaseId && e.Action == "return.follow-up")));
        var list = await s.Sender.GetFromJsonAsync<List<ReturnCandidate>>($"/api/v1/cases/{s.CaseId}/returns", WebJson);
        Assert.Equal("Found work, needs help with housing", list!.Single().Plan!.FollowUps.Single().Summary);
        var page = WebUtility.HtmlDecode(await s.Sender.GetStringAsync($"/cases/{s.CaseId}/return"));
        Assert.Contains("Found work, needs help with housing", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NoConsentOnReceivingCase_KeptHereAndNotSent()
    {
        var s = await ReferredAsync(nodes, "Fjolla");
        await HandedOverAsync(nodes, s);

        await OkAsync(ReportAsync(s.Receiver, s, 6));
        await nodes.Network.DeliverAllAsync();

        var here = (await PlanAsync(nodes.Xk, s.ReferralId)).FollowUps.Single(f => f.Month == 6);
        Assert.Equal(("Living with her mother, started the course", (DateTime?)null, "Consent.NotCovered.NoConsent"), (here.Summary, here.SentAt, here.NotSentReason));
        Assert.Equal(0, await nodes.Xk.WithDb(db => db.FederationOutbox.CountAsync(m => m.CorrelationId == s.ReferralId && m.Type == "return.follow-up")));
        Assert.Empty((await PlanAsync(nodes.Al, s.ReferralId)).FollowUps);
    }

    [Fact]
    public async Task Purge_ConsentWithdrawn_ReceivedNotesErasedAndLaterUpdatesNotKept()
    {
        var s = await ReferredAsync(nodes, "Lirije");
        await ProposedAsync(nodes, s);

        await nodes.Xk.InScope(async sp =>
        {
            var db = sp.GetRequiredService<UraDbContext>();
            var referral = await db.TransnationalReferrals.SingleAsync(r => r.Id == s.ReferralId);
            referral.ConsentWithdrawnAt = DateTime.UtcNow;
            foreach (var purge in sp.GetServices<ITransnationalPurge>())
                await purge.PurgeAsync(referral, DateTime.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
        });
        await OkAsync(SaveAsync(s.Sender, s, Plan(route: "New route after withdrawal")));
        await nodes.Network.DeliverAllAsync();

        var received = await PlanAsync(nodes.Xk, s.ReferralId);
        Assert.All(new[] { received.DecisionNote, received.SafetyNote, received.FamilySituation, received.Route, received.EscortDetails }, Assert.Null);
        Assert.All(received.Assistance, a => Assert.Null(a.Note));
        Assert.NotNull(received.PurgedAt);
        Assert.Equal(1, received.Revision);
        Assert.Equal(InboxStatus.Applied, await nodes.Xk.WithDb(db =>
            db.FederationInbox.Where(m => m.CorrelationId == s.ReferralId && m.Type == "return.updated").Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task Pages_WholeReturnThroughForms_ProposedConfirmedHandedOverAndReported()
    {
        var s = await ReferredAsync(nodes, "Edona");
        var editUrl = $"/cases/{s.CaseId}/return/{s.ReferralId}";

        var saved = await UraFactory.PostFormAsync(s.Sender, editUrl, new()
        {
            ["Input.InformedDecision"] = "true", ["Input.DecisionOn"] = Iso(Today), ["Input.SafetyRisk"] = "Low", ["Input.Route"] = "Durrës port, ferry, then by road",
            ["Input.TravelMode"] = "Land", ["Input.DepartureOn"] = Iso(Today), ["Input.Escort"] = "None", ["Input.TravelDocuments"] = "Valid",
            ["AssistanceTypes"] = "ReintegrationGrant", ["GrantAmount"] = "800", ["GrantCurrency"] = "EUR",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var propose = await UraFactory.PostFormAsync(s.Sender, $"/cases/{s.CaseId}/return?handler=Propose&referralId={s.ReferralId}", [], formPage: $"/cases/{s.CaseId}/return");
        Assert.Equal(HttpStatusCode.Redirect, propose.StatusCode);
        await nodes.Network.DeliverAllAsync();

        var receivedUrl = $"/transnational/returns/{s.ReferralId}";
        Assert.Contains(s.ReferralId.ToString(), await s.Receiver.GetStringAsync("/transnational/returns"), StringComparison.Ordinal);
        Assert.Contains("Durrës port, ferry, then by road", WebUtility.HtmlDecode(await s.Receiver.GetStringAsync(receivedUrl)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await UraFactory.PostFormAsync(s.Receiver, receivedUrl + "?handler=Confirm", [], formPage: receivedUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UraFactory.PostFormAsync(s.Receiver, receivedUrl + "?handler=Handover", new()
        {
            ["Handover.HandedOverOn"] = Iso(Today), ["Handover.Place"] = "Vërmica border crossing", ["Handover.ReceivedBy"] = "Besa Gashi",
        }, formPage: receivedUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UraFactory.PostFormAsync(s.Receiver, receivedUrl + "?handler=Report", new()
        {
            ["Report.Month"] = "3", ["Report.ReportedOn"] = Iso(Today), ["Report.Situation"] = "Stable", ["Report.Summary"] = "Back at school",
        }, formPage: receivedUrl)).StatusCode);
        await nodes.Network.DeliverAllAsync();

        var sent = await PlanAsync(nodes.Al, s.ReferralId);
        Assert.Equal((ReturnStatus.HandedOver, "Vërmica border crossing"), (sent.Status, sent.HandoverPlace));
        Assert.Equal((800m, "EUR"), (sent.Assistance.Single().Amount!.Value, sent.Assistance.Single().Currency));
        var received = await PlanAsync(nodes.Xk, s.ReferralId);
        Assert.Equal("Back at school", received.FollowUps.Single(f => f.Month == 3).Summary);
    }

    [Fact]
    public async Task Reads_SendingAndReceivingPages_Audited()
    {
        var s = await ReferredAsync(nodes, "Arbnora");
        await ProposedAsync(nodes, s);
        var plan = await PlanAsync(nodes.Xk, s.ReferralId);
        var caseReads = await nodes.Al.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "read" && a.EntityId == s.CaseId.ToString()));
        var planReads = await nodes.Xk.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "read" && a.EntityType == "ReturnPlan" && a.EntityId == plan.Id.ToString()));

        await s.Sender.GetStringAsync($"/cases/{s.CaseId}/return");
        await s.Sender.GetStringAsync($"/api/v1/cases/{s.CaseId}/returns");
        await s.Receiver.GetStringAsync($"/transnational/returns/{s.ReferralId}");
        await s.Receiver.GetStringAsync($"/api/v1/transnational/returns/{s.ReferralId}");

        Assert.Equal(caseReads + 2, await nodes.Al.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "read" && a.EntityId == s.CaseId.ToString())));
        Assert.Equal(planReads + 2, await nodes.Xk.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "read" && a.EntityType == "ReturnPlan" && a.EntityId == plan.Id.ToString())));
    }

    [Theory]
    [InlineData("3,6,12", new[] { 3, 6, 12 })]
    [InlineData("12, 1,6,6", new[] { 1, 6, 12 })]
    [InlineData("0,abc,200", new[] { 3, 6, 12 })]
    [InlineData("24", new[] { 24 })]
    public void FollowUpMonths_Setting_ValidMonthsInOrderOrDefault(string setting, int[] expected) =>
        Assert.Equal(expected, new ReturnOptions { FollowUpMonths = setting }.Months());
}
