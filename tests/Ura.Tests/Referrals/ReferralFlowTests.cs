using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Referrals;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Cases.CaseTestSupport;
using static Ura.Tests.Referrals.ReferralTestSupport;

namespace Ura.Tests.Referrals;

/// <summary>A referral's life through the API and the pages, on both sides, with what each step writes.</summary>
public sealed class ReferralFlowTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task CreateReferral_SendWithConsent_SharesOnlyChosenFieldsNotifiesReceiversAndRecords()
    {
        var (_, opened, _, referral) = await factory.SentReferralAsync("Arbana");
        var row = await factory.ReferralRowAsync(referral.Id);
        var receiver = await factory.UserAsync(Demo.SocialWorker);

        Assert.Equal(ReferralStatus.Sent, row.Status);
        Assert.NotNull(row.ConsentId);
        Assert.Equal(row.SentAt + TimeSpan.FromHours(24), row.AcknowledgeBy);
        var shared = SharedRecord.Parse(row.SharedData);
        Assert.Equal(["AgeBand", "FirstName", "Gender", "Languages", "Reference"], shared.Keys.Order());
        Assert.Equal(("Arbana", opened.Reference, "Feminine", "sq,en"), (shared["FirstName"], shared["Reference"], shared["Gender"], shared["Languages"]));
        Assert.True(await factory.WithDb(db => db.Notifications.AnyAsync(n => n.UserId == receiver.Id && n.Kind == "referral.received" && n.Link == $"/referrals/{referral.Id}")));
        Assert.True(await factory.WithDb(db => db.ReferralEvents.AnyAsync(e => e.ReferralId == referral.Id && e.Action == ReferralAction.Send)));
        Assert.True(await factory.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "referral.send")));
    }

    [Fact]
    public async Task CreateReferral_NeedsAndRiskShared_LatestAssessmentsCopied()
    {
        var sender = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(sender, Adult("Lindita", "Hasani"));
        var serviceId = await factory.AddServiceAsync(Demo.SocialWorker);
        await RecordConsentAsync(sender, opened.Id, ConsentFor(await factory.OrganisationOfAsync(Demo.SocialWorker)));
        var organisationId = await factory.OrganisationOfAsync(Demo.CaseWorker);
        await factory.WithDb(async db =>
        {
            db.NeedsAssessments.Add(new Ura.Features.Cases.NeedsAssessment { CaseId = opened.Id, OrganisationId = organisationId, AssessedOn = Today.AddDays(-9), Areas = "Legal", RecordedAt = DateTime.UtcNow.AddDays(-9) });
            db.NeedsAssessments.Add(new Ura.Features.Cases.NeedsAssessment { CaseId = opened.Id, OrganisationId = organisationId, AssessedOn = Today, Areas = "Health,Housing", RecordedAt = DateTime.UtcNow });
            db.RiskAssessments.Add(new Ura.Features.Cases.RiskAssessment
            {
                CaseId = opened.Id, OrganisationId = organisationId, AssessedOn = Today, IndividualRisk = Ura.Features.Cases.RiskLevel.Low,
                HouseholdRisk = Ura.Features.Cases.RiskLevel.High, CommunityRisk = Ura.Features.Cases.RiskLevel.Medium, NextReviewOn = Today.AddMonths(1), RecordedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var referral = await CreateAsync(sender, opened.Id, ReferralBody(serviceId));

        var shared = SharedRecord.Parse((await factory.ReferralRowAsync(referral.Id)).SharedData);
        Assert.Equal(("Health,Housing", "High"), (shared["Needs"], shared["RiskLevel"]));
    }

    [Fact]
    public async Task CreateReferral_Draft_NothingSharedNobodyToldThenSendSends()
    {
        var sender = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(sender, Adult("Besa", "Dushku"));
        var serviceId = await factory.AddServiceAsync(Demo.SocialWorker);
        await RecordConsentAsync(sender, opened.Id, ConsentFor(await factory.OrganisationOfAsync(Demo.SocialWorker)));
        var notificationsBefore = await factory.WithDb(db => db.Notifications.CountAsync());

        var draft = await CreateAsync(sender, opened.Id, ReferralBody(serviceId, send: false));

        var row = await factory.ReferralRowAsync(draft.Id);
        Assert.Equal((ReferralStatus.Draft, (string?)null, (DateTime?)null), (row.Status, row.SharedData, row.SentAt));
        Assert.Equal(notificationsBefore, await factory.WithDb(db => db.Notifications.CountAsync()));
        var receiver = await factory.SignInAsync(Demo.SocialWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await receiver.GetAsync($"/api/v1/referrals/{draft.Id}")).StatusCode);

        var sent = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals/{draft.Id}/send", new { });

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(ReferralStatus.Sent, (await factory.ReferralRowAsync(draft.Id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await receiver.GetAsync($"/api/v1/referrals/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task Withdraw_DraftNeverSent_ReceiverNeverSeesItNorIsTold()
    {
        var sender = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(sender, Adult("Erjona", "Dushku"));
        var serviceId = await factory.AddServiceAsync(Demo.SocialWorker);
        var draft = await CreateAsync(sender, opened.Id, ReferralBody(serviceId, send: false));
        var notifications = await factory.WithDb(db => db.Notifications.CountAsync());

        var withdrawn = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals/{draft.Id}/withdraw", new { reason = "Found help in the family." });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(ReferralStatus.Withdrawn, (await factory.ReferralRowAsync(draft.Id)).Status);
        Assert.Equal(notifications, await factory.WithDb(db => db.Notifications.CountAsync()));
        var receiver = await factory.SignInAsync(Demo.SocialWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await receiver.GetAsync($"/api/v1/referrals/{draft.Id}")).StatusCode);
        Assert.DoesNotContain(draft.Id.ToString(), await receiver.GetStringAsync("/api/v1/referrals/inbox?status=Withdrawn"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiver_AcknowledgeAcceptOpenCaseComplete_SenderSeesOutcomeOnReferralAndTimeline()
    {
        var (sender, opened, _, referral) = await factory.SentReferralAsync("Vjosa", "en");
        var receiver = await factory.SignInAsync(Demo.SocialWorker);
        var socialWorker = await factory.UserAsync(Demo.SocialWorker);
        var caseWorker = await factory.UserAsync(Demo.CaseWorker);

        var acknowledged = await StepAsync(receiver, referral.Id, "acknowledge");
        var row = await factory.ReferralRowAsync(referral.Id);
        Assert.Equal(row.AcknowledgedAt + TimeSpan.FromHours(24), row.DecideBy);
        await StepAsync(receiver, referral.Id, "accept", new { version = acknowledged.Version });
        var person = Adult("Vjosa", "Kola");
        var openedHere = await receiver.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/case", person);
        Assert.Equal(HttpStatusCode.OK, openedHere.StatusCode);
        var linked = (await openedHere.Content.ReadFromJsonAsync<ReferralView>(WebJson))!.ReceivingCaseId!.Value;
        await StepAsync(receiver, referral.Id, "complete", new { successful = true, servicesGiven = new[] { "Accommodation", "Psychological" }, note = "Stayed six weeks." });

        var theirs = await factory.WithDb(db => db.Cases.Include(c => c.Team).AsNoTracking().SingleAsync(c => c.Id == linked));
        Assert.Equal(await factory.OrganisationOfAsync(Demo.SocialWorker), theirs.OrganisationId);
        Assert.Contains(theirs.Team, m => m.UserId == socialWorker.Id);
        Assert.Equal(HttpStatusCode.OK, (await receiver.GetAsync($"/api/v1/cases/{linked}")).StatusCode);

        var seen = (await sender.GetFromJsonAsync<ReferralView>($"/api/v1/cases/{opened.Id}/referrals/{referral.Id}", WebJson))!;
        Assert.Equal((ReferralStatus.Completed, (bool?)true, "Stayed six weeks."), (seen.Status, seen.Successful, seen.OutcomeNote));
        Assert.Equal(["Accommodation", "Psychological"], seen.ServicesGiven);
        Assert.Null(seen.ReceivingCaseId);
        Assert.Equal(["Send", "Acknowledge", "Accept", "Complete"], seen.History.Select(h => h.Action));
        var timeline = await factory.WithDb(db => db.CaseEvents.Where(e => e.CaseId == opened.Id && e.Action.StartsWith("referral.")).OrderBy(e => e.At).Select(e => e.Action).ToListAsync());
        Assert.Equal(["referral.send", "referral.acknowledge", "referral.accept", "referral.complete"], timeline);
        var told = await factory.WithDb(db => db.Notifications.Where(n => n.UserId == caseWorker.Id && n.Link == $"/cases/{opened.Id}/referrals/{referral.Id}").Select(n => n.Kind).ToListAsync());
        Assert.Equal(["referral.accepted", "referral.acknowledged", "referral.completed"], told.Order());

        var page = await (await sender.GetAsync($"/cases/{opened.Id}/timeline")).HtmlAsync();
        Assert.Contains(factory.Text("Timeline.referral.complete"), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceivedReferral_Receiver_SeesOnlySharedFieldsNoCase()
    {
        var (_, opened, _, referral) = await factory.SentReferralAsync("Mirela");
        var receiver = await factory.SignInAsync(Demo.SocialWorker);

        var view = (await receiver.GetFromJsonAsync<ReferralView>($"/api/v1/referrals/{referral.Id}", WebJson))!;
        var html = await (await receiver.GetAsync($"/referrals/{referral.Id}")).HtmlAsync();

        Assert.Null(view.CaseId);
        Assert.Equal(["AgeBand", "FirstName", "Gender", "Languages", "Reference"], view.Shared!.Keys.Order());
        Assert.Contains("Mirela", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kola", html, StringComparison.Ordinal);
        Assert.DoesNotContain("BA1234567", html, StringComparison.Ordinal);
        Assert.DoesNotContain(opened.Id.ToString(), html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await receiver.GetAsync($"/api/v1/cases/{opened.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await receiver.GetAsync($"/cases/{opened.Id}/referrals")).StatusCode);
    }

    [Fact]
    public async Task ReadReferral_EachSide_ReadAudited()
    {
        var (sender, opened, _, referral) = await factory.SentReferralAsync("Elona");
        var receiver = await factory.SignInAsync(Demo.SocialWorker);
        var socialWorker = await factory.UserAsync(Demo.SocialWorker);
        var caseWorker = await factory.UserAsync(Demo.CaseWorker);
        var receiverReads = await factory.ReadsAsync(nameof(Referral), referral.Id, socialWorker.Id);
        var senderReads = await factory.ReadsAsync("Case", opened.Id, caseWorker.Id);

        await receiver.GetStringAsync($"/referrals/{referral.Id}");
        await receiver.GetStringAsync($"/api/v1/referrals/{referral.Id}");
        await sender.GetStringAsync($"/cases/{opened.Id}/referrals/{referral.Id}");
        await sender.GetStringAsync($"/api/v1/cases/{opened.Id}/referrals");

        Assert.Equal(receiverReads + 2, await factory.ReadsAsync(nameof(Referral), referral.Id, socialWorker.Id));
        Assert.Equal(senderReads + 2, await factory.ReadsAsync("Case", opened.Id, caseWorker.Id));
    }

    [Fact]
    public async Task Decline_WithReason_SenderSeesReason()
    {
        var (sender, opened, _, referral) = await factory.SentReferralAsync("Teuta", "en");
        var receiver = await factory.SignInAsync(Demo.SocialWorker);
        await StepAsync(receiver, referral.Id, "acknowledge");

        await StepAsync(receiver, referral.Id, "decline", new { declineReason = "NoCapacity", note = "Full until March." });

        var seen = (await sender.GetFromJsonAsync<ReferralView>($"/api/v1/cases/{opened.Id}/referrals/{referral.Id}", WebJson))!;
        Assert.Equal((ReferralStatus.Declined, (DeclineReason?)DeclineReason.NoCapacity, "Full until March."), (seen.Status, seen.DeclineReason, seen.DeclineNote));
        var html = await (await sender.GetAsync($"/cases/{opened.Id}/referrals")).HtmlAsync();
        Assert.Contains(factory.Text("DeclineReason.NoCapacity"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decline_Receiver_NoLongerSeesThePersonSenderStillDoes()
    {
        var (sender, opened, _, referral) = await factory.SentReferralAsync("Valbona", "en");
        var receiver = await factory.SignInAsync(Demo.SocialWorker, "sq");
        await StepAsync(receiver, referral.Id, "acknowledge");

        await StepAsync(receiver, referral.Id, "decline", new { declineReason = "NoCapacity", note = "Full." });

        var theirs = (await receiver.GetFromJsonAsync<ReferralView>($"/api/v1/referrals/{referral.Id}", WebJson))!;
        var html = await (await receiver.GetAsync($"/referrals/{referral.Id}")).HtmlAsync();
        var ours = (await sender.GetFromJsonAsync<ReferralView>($"/api/v1/cases/{opened.Id}/referrals/{referral.Id}", WebJson))!;
        Assert.Null(theirs.Shared);
        Assert.DoesNotContain("Valbona", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Referrals.SharedEnded", "sq"), html, StringComparison.Ordinal);
        Assert.Equal("Valbona", ours.Shared!["FirstName"]);
    }

    [Fact]
    public async Task Withdraw_Receiver_NoLongerSeesThePerson()
    {
        var (sender, opened, _, referral) = await factory.SentReferralAsync("Drita");
        var receiver = await factory.SignInAsync(Demo.SocialWorker);

        await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals/{referral.Id}/withdraw", new { reason = "Moved away." });

        var theirs = (await receiver.GetFromJsonAsync<ReferralView>($"/api/v1/referrals/{referral.Id}", WebJson))!;
        Assert.Equal(ReferralStatus.Withdrawn, theirs.Status);
        Assert.Null(theirs.Shared);
    }

    [Fact]
    public async Task Withdraw_WithReason_WithdrawnAndReceiverTold()
    {
        var (sender, opened, _, referral) = await factory.SentReferralAsync("Ilira");
        var socialWorker = await factory.UserAsync(Demo.SocialWorker);

        var response = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals/{referral.Id}/withdraw", new { reason = "The person moved to Durrës." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await factory.ReferralRowAsync(referral.Id);
        Assert.Equal((ReferralStatus.Withdrawn, "The person moved to Durrës."), (row.Status, row.WithdrawReason));
        Assert.True(await factory.WithDb(db => db.Notifications.AnyAsync(n => n.UserId == socialWorker.Id && n.Kind == "referral.withdrawn")));
    }

    [Fact]
    public async Task Step_TwoPeopleActOnTheSameVersion_SecondRefusedInAlbanianUnchanged()
    {
        var (_, _, _, referral) = await factory.SentReferralAsync("Drina");
        var first = await factory.SignInAsync(Demo.SocialWorker);
        var second = await factory.SignInAsync(Demo.SocialWorker, "sq");
        var seen = (await second.GetFromJsonAsync<ReferralView>($"/api/v1/referrals/{referral.Id}", WebJson))!;
        await StepAsync(first, referral.Id, "acknowledge", new { version = seen.Version });
        var acknowledged = await factory.StateAsync(referral.Id);

        var late = await second.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/acknowledge", new { version = seen.Version });

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal([factory.Text("Referrals.Refused.Changed", "sq")], await ProblemErrorsAsync(late, ""));
        Assert.Equal(acknowledged, await factory.StateAsync(referral.Id));
    }

    [Fact]
    public async Task ReceivedReferralPage_DecisionOnAStalePage_RefusedWithClearErrorUnchanged()
    {
        var (_, _, _, referral) = await factory.SentReferralAsync("Kaltrina");
        var first = await factory.SignInAsync(Demo.SocialWorker);
        var second = await factory.SignInAsync(Demo.SocialWorker, "mk");
        await StepAsync(first, referral.Id, "acknowledge");
        var staleVersion = (await factory.ReferralRowAsync(referral.Id)).Version;
        await StepAsync(first, referral.Id, "accept");
        var accepted = await factory.StateAsync(referral.Id);

        var response = await UraFactory.PostFormAsync(second, $"/referrals/{referral.Id}?handler=Decline", new()
        {
            ["Input.Version"] = staleVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DeclineReason"] = "NoCapacity",
        }, $"/referrals/{referral.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Referrals.Refused.Changed", "mk"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(accepted, await factory.StateAsync(referral.Id));
    }

    [Fact]
    public async Task WithdrawConsent_OpenReferral_SharedDataErasedReceiverSeesNoPerson()
    {
        var (sender, opened, _, referral) = await factory.SentReferralAsync("Gentiana");
        var consentId = (await factory.ReferralRowAsync(referral.Id)).ConsentId!.Value;
        var receiver = await factory.SignInAsync(Demo.SocialWorker, "sq");

        var withdrawn = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents/{consentId}/withdrawal", new { withdrawnOn = Iso(Today) });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var row = await factory.ReferralRowAsync(referral.Id);
        Assert.Null(row.SharedData);
        Assert.NotNull(row.ConsentWithdrawnAt);
        var view = (await receiver.GetFromJsonAsync<ReferralView>($"/api/v1/referrals/{referral.Id}", WebJson))!;
        Assert.True(view.ConsentWithdrawn);
        Assert.Null(view.Shared);
        var html = await (await receiver.GetAsync($"/referrals/{referral.Id}")).HtmlAsync();
        Assert.Contains(factory.Text("Referrals.ConsentWithdrawn", "sq"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Gentiana", html, StringComparison.Ordinal);
        Assert.DoesNotContain(opened.Reference, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithdrawConsent_CompletedReferral_Unchanged()
    {
        var (sender, opened, _, referral) = await factory.SentReferralAsync("Alketa");
        var receiver = await factory.SignInAsync(Demo.SocialWorker);
        await StepAsync(receiver, referral.Id, "acknowledge");
        await StepAsync(receiver, referral.Id, "accept");
        await StepAsync(receiver, referral.Id, "complete", new { successful = false });
        var before = await factory.StateAsync(referral.Id);
        var consentId = (await factory.ReferralRowAsync(referral.Id)).ConsentId!.Value;

        await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents/{consentId}/withdrawal", new { withdrawnOn = Iso(Today) });

        Assert.Equal(before, await factory.StateAsync(referral.Id));
    }

    [Fact]
    public async Task Pages_SenderReferAndReceiverActThroughForms_FlowCompletes()
    {
        var sender = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(sender, Adult("Rudina", "Meta"));
        var serviceId = await factory.AddServiceAsync(Demo.SocialWorker);
        await RecordConsentAsync(sender, opened.Id, ConsentFor(await factory.OrganisationOfAsync(Demo.SocialWorker)));
        var form = await (await sender.GetAsync($"/cases/{opened.Id}/referrals/new?service={serviceId}")).HtmlAsync();
        Assert.Contains(factory.Text("Referrals.New.ConsentCovers", "sq"), form, StringComparison.Ordinal);

        var created = await UraFactory.PostFormAsync(sender, $"/cases/{opened.Id}/referrals/new", new()
        {
            ["Input.ServiceId"] = serviceId.ToString(),
            ["Input.Urgency"] = "Emergency",
            ["Input.CategoryCode"] = "social-care",
            ["Input.Reason"] = "Needs a safe place tonight.",
            ["Input.SharedFields"] = "FirstName",
            ["Input.Send"] = "true",
        }, $"/cases/{opened.Id}/referrals/new?service={serviceId}");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var referralId = await factory.WithDb(db => db.Referrals.Where(r => r.CaseId == opened.Id).Select(r => r.Id).SingleAsync());
        var row = await factory.ReferralRowAsync(referralId);
        Assert.Equal((ReferralStatus.Sent, ReferralUrgency.Emergency, "FirstName", row.SentAt + TimeSpan.FromHours(2)), (row.Status, row.Urgency, row.SharedFields, row.AcknowledgeBy));

        var receiver = await factory.SignInAsync(Demo.SocialWorker, "mk");
        var inbox = await (await receiver.GetAsync("/referrals/inbox")).HtmlAsync();
        Assert.Contains($"/referrals/{referralId}", inbox, StringComparison.Ordinal);
        foreach (var handler in new[] { "Acknowledge", "Accept" })
        {
            var version = (await factory.ReferralRowAsync(referralId)).Version;
            var stepped = await UraFactory.PostFormAsync(receiver, $"/referrals/{referralId}?handler={handler}",
                new() { ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/referrals/{referralId}");
            Assert.Equal(HttpStatusCode.Redirect, stepped.StatusCode);
        }
        var caseForm = await (await receiver.GetAsync($"/referrals/{referralId}/case")).HtmlAsync();
        Assert.Contains("value=\"Rudina\"", caseForm, StringComparison.Ordinal);
        var openedThere = await UraFactory.PostFormAsync(receiver, $"/referrals/{referralId}/case", new()
        {
            ["Input.GivenNames"] = "Rudina",
            ["Input.FamilyName"] = "Meta",
            ["Input.EstimatedBirthYear"] = "1995",
            ["Input.Gender"] = "Feminine",
            ["Input.Citizenships"] = "AL",
            ["Input.Languages"] = "sq",
            ["Input.ConfirmedDifferentPerson"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, openedThere.StatusCode);
        var linked = (await factory.ReferralRowAsync(referralId)).ReceivingCaseId;
        Assert.Equal($"/cases/{linked}", openedThere.Headers.Location!.OriginalString);

        var completed = await UraFactory.PostFormAsync(receiver, $"/referrals/{referralId}?handler=Complete", new()
        {
            ["Input.Version"] = (await factory.ReferralRowAsync(referralId)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Successful"] = "true",
            ["Input.ServicesGiven"] = "Accommodation",
        }, $"/referrals/{referralId}");
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);

        var senderView = await (await sender.GetAsync($"/cases/{opened.Id}/referrals/{referralId}")).HtmlAsync();
        Assert.Contains(factory.Text("Referrals.Outcome.Successful", "sq"), senderView, StringComparison.Ordinal);
        Assert.Contains(factory.Text("ServiceType.Accommodation", "sq"), senderView, StringComparison.Ordinal);
    }
}
