using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Referrals;
using Ura.Features.Transnational;
using Ura.Platform.Federation;
using Ura.Tests.Infrastructure;
using Ura.Tests.Referrals;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Transnational.ReferralAbroadSupport;

namespace Ura.Tests.Transnational;

public sealed class ReferralAbroadFlowTests(ReferralAbroadNetwork n) : IClassFixture<ReferralAbroadNetwork>
{
    [Fact]
    public async Task Directory_PublishedByPeer_CachedWithoutConfidentialAddressAndSearchable()
    {
        var client = await n.Al.SignInAsync(Demo.CaseWorker);
        var found = await client.GetFromJsonAsync<List<PeerServiceView>>("/api/v1/transnational/directory?country=XK&category=social-care", WebJson);

        var service = Assert.Single(found!, s => s.ServiceId == n.XkServiceId);
        Assert.Equal("xk", service.PeerNodeId);
        Assert.Equal("XK", service.CountryCode);
        Assert.Contains("social-care", service.Categories);
        Assert.All(found!, s => Assert.Equal("XK", s.CountryCode));
        var none = await client.GetFromJsonAsync<List<PeerServiceView>>("/api/v1/transnational/directory?country=MK", WebJson);
        Assert.Empty(none!);
    }

    [Fact]
    public async Task Directory_Snapshot_ConfidentialShelterCityOnlyAndOnlyThisCountry()
    {
        var serviceId = await n.Xk.AddServiceAsync(ReferralAbroadNetwork.XkSocialWorker);
        var albanian = await n.Xk.AddServiceAsync(Demo.SocialWorker);
        await n.Xk.WithDb(async db =>
        {
            var service = await db.Services.SingleAsync(s => s.Id == serviceId);
            var location = new Ura.Features.Directory.Location
            {
                OrganisationId = service.OrganisationId, IsConfidential = true, Name = "Strehimore", ModifiedAt = DateTime.UtcNow,
                Description = "Behind the blue gate",
            };
            location.Addresses.Add(new Ura.Features.Directory.Address
            {
                LocationId = location.Id, Address1 = "Rruga e Fshehtë 7", City = "Prizren", Region = "Prizren", PostalCode = "20000", CountryCode = "XK",
            });
            db.Locations.Add(location);
            db.ServiceAtLocations.Add(new Ura.Features.Directory.ServiceAtLocation { ServiceId = serviceId, LocationId = location.Id });
            await db.SaveChangesAsync();
        });

        var snapshot = await n.Xk.InScope(s => s.GetRequiredService<PeerDirectoryPublisher>().SnapshotAsync("XK", CancellationToken.None));
        var json = System.Text.Json.JsonSerializer.Serialize(snapshot);

        var entry = Assert.Single(snapshot.Services, e => e.ServiceId == serviceId);
        Assert.Equal(["Prizren"], entry.Cities);
        Assert.DoesNotContain("Rruga e Fshehtë", json, StringComparison.Ordinal);
        Assert.DoesNotContain("20000", json, StringComparison.Ordinal);
        Assert.DoesNotContain("blue gate", json, StringComparison.Ordinal);
        Assert.DoesNotContain(snapshot.Services, e => e.ServiceId == albanian);
        Assert.All(snapshot.Services, e => Assert.Equal("XK", e.CountryCode));
    }

    [Fact]
    public async Task Directory_NewSnapshot_ReplacesPreviousOfThatPeer()
    {
        var gone = await n.Xk.AddServiceAsync(ReferralAbroadNetwork.XkSocialWorker);
        await n.Xk.InScope(s => s.GetRequiredService<PeerDirectoryPublisher>().PublishAsync(CancellationToken.None));
        await n.Network.DeliverAllAsync();
        Assert.True(await n.Al.WithDb(db => db.PeerServices.AnyAsync(p => p.ServiceId == gone)));

        await n.Xk.WithDb(db => db.Services.Where(s => s.Id == gone).ExecuteUpdateAsync(s => s.SetProperty(x => x.AcceptsReferrals, false)));
        await n.Xk.InScope(s => s.GetRequiredService<PeerDirectoryPublisher>().PublishAsync(CancellationToken.None));
        await n.Network.DeliverAllAsync();

        Assert.False(await n.Al.WithDb(db => db.PeerServices.AnyAsync(p => p.ServiceId == gone)));
        // The service still published keeps its cache id: a form open on it still works.
        Assert.True(await n.Al.WithDb(db => db.PeerServices.AnyAsync(p => p.ServiceId == n.XkServiceId && p.Id == n.PeerServiceId)));
        var directory = await n.Al.WithDb(db => db.PeerDirectories.SingleAsync(d => d.PeerNodeId == "xk"));
        Assert.Equal(await n.Al.WithDb(db => db.PeerServices.CountAsync(p => p.PeerNodeId == "xk")), directory.ServiceCount);
    }

    [Fact]
    public async Task Directory_OlderSnapshotArrivingLate_Ignored()
    {
        var newer = await n.Al.WithDb(db => db.PeerDirectories.SingleAsync(d => d.PeerNodeId == "xk"));
        var count = await n.Al.WithDb(db => db.PeerServices.CountAsync(p => p.PeerNodeId == "xk"));
        await n.Al.InScope(async s =>
        {
            var handler = s.GetServices<IFederationHandler>().Single(h => h.Type == PeerDirectoryPublisher.MessageType);
            var db = s.GetRequiredService<Ura.Platform.Data.UraDbContext>();
            await handler.ApplyAsync(new InboundMessage(Guid.CreateVersion7(), "xk", PeerDirectoryPublisher.MessageType, Guid.CreateVersion7(), 1,
                newer.SnapshotAt.AddMinutes(-5), """{"services":[]}"""), CancellationToken.None);
            await db.SaveChangesAsync();
        });

        Assert.Equal(count, await n.Al.WithDb(db => db.PeerServices.CountAsync(p => p.PeerNodeId == "xk")));
        Assert.Equal(newer.SnapshotAt, (await n.Al.WithDb(db => db.PeerDirectories.SingleAsync(d => d.PeerNodeId == "xk"))).SnapshotAt);
    }

    [Fact]
    public async Task Send_WithCrossBorderConsent_ArrivesAtReceiverWithSharedFieldsOnly()
    {
        var (_, opened, consent, referral) = await n.SentAsync("Vjosa");

        Assert.Equal(ReferralStatus.Sent, referral.Status);
        var sending = await n.Al.RowAsync(referral.Id);
        Assert.Equal(TransnationalSide.Sending, sending.Side);
        Assert.Equal(consent.Id, sending.ConsentId);
        Assert.Equal(opened.Id, sending.CaseId);
        var received = await n.Xk.RowAsync(referral.Id);
        Assert.Equal(TransnationalSide.Receiving, received.Side);
        Assert.Equal("al", received.PeerNodeId);
        Assert.Equal(n.XkServiceId, received.ServiceId);
        Assert.Null(received.CaseId);
        Assert.False(received.AtFocalPoint);

        var receiver = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker);
        var view = await receiver.GetFromJsonAsync<TransnationalView>($"/api/v1/transnational/referrals/{referral.Id}", WebJson);
        Assert.Equal("Vjosa", view!.Shared!["FirstName"]);
        Assert.Equal(opened.Reference, view.Shared["Reference"]);
        Assert.False(view.Shared.ContainsKey("FamilyName"));
        Assert.Equal(["Acknowledge"], view.Allowed);
        var inbox = await receiver.GetFromJsonAsync<List<TransnationalSummary>>("/api/v1/transnational/referrals", WebJson);
        Assert.Contains(inbox!, r => r.Id == referral.Id);
        // Reading the shared fields is audited.
        Assert.Equal(1, await n.Xk.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "read" && a.EntityId == referral.Id.ToString())));
        Assert.True(await n.Xk.WithDb(db => db.Notifications.AnyAsync(x => x.Kind == "transnational.received" && x.Link.Contains(referral.Id.ToString()))));
        Assert.True(await n.Al.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "transnational.send")));
    }

    [Fact]
    public async Task Steps_AcknowledgeAcceptComplete_TravelBackToSendingCase()
    {
        var (sender, opened, _, referral) = await n.SentAsync("Arta");
        var receiver = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker);

        Assert.Equal(HttpStatusCode.OK, (await StepAsync(receiver, referral.Id, "acknowledge")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(receiver, referral.Id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(receiver, referral.Id, "complete",
            new { successful = true, servicesGiven = new[] { "Accommodation" }, note = "Settled in." })).StatusCode);
        await n.Network.DeliverAllAsync();

        var seen = await sender.GetFromJsonAsync<TransnationalView>($"/api/v1/cases/{opened.Id}/transnational-referrals/{referral.Id}", WebJson);
        Assert.Equal(ReferralStatus.Completed, seen!.Status);
        Assert.True(seen.Successful);
        Assert.Equal(["Accommodation"], seen.ServicesGiven);
        Assert.NotNull(seen.AcknowledgedAt);
        Assert.NotNull(seen.DecidedAt);
        var actions = await n.Al.WithDb(db => db.CaseEvents.Where(e => e.CaseId == opened.Id).Select(e => e.Action).ToListAsync());
        Assert.Contains("transnational.acknowledged", actions);
        Assert.Contains("transnational.accepted", actions);
        Assert.Contains("transnational.completed", actions);
        Assert.True(await n.Al.WithDb(db => db.Notifications.AnyAsync(x => x.Kind == "transnational.accepted")));
        Assert.True(await n.Al.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "read" && a.EntityId == opened.Id.ToString())));
    }

    [Fact]
    public async Task Decline_WithReason_SenderSeesReasonAndReceiverLosesSharedData()
    {
        var (sender, opened, _, referral) = await n.SentAsync("Blerta");
        var receiver = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker);
        await StepAsync(receiver, referral.Id, "acknowledge");
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(receiver, referral.Id, "decline", new { declineReason = "NoCapacity" })).StatusCode);
        await n.Network.DeliverAllAsync();

        Assert.Null((await n.Xk.RowAsync(referral.Id)).SharedData);
        var seen = await sender.GetFromJsonAsync<TransnationalView>($"/api/v1/cases/{opened.Id}/transnational-referrals/{referral.Id}", WebJson);
        Assert.Equal(ReferralStatus.Declined, seen!.Status);
        Assert.Equal(DeclineReason.NoCapacity, seen.DeclineReason);
        Assert.True(await n.Al.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "transnational.declined" && e.Detail == "DeclineReason.NoCapacity")));
    }

    [Fact]
    public async Task Send_ServiceStoppedTakingReferralsSinceSnapshot_DeclinedAtOnceAndNothingKept()
    {
        var stopped = await n.Xk.AddServiceAsync(ReferralAbroadNetwork.XkSocialWorker);
        await n.Xk.InScope(s => s.GetRequiredService<PeerDirectoryPublisher>().PublishAsync(CancellationToken.None));
        await n.Network.DeliverAllAsync();
        var cached = await n.Al.WithDb(db => db.PeerServices.Where(p => p.ServiceId == stopped).Select(p => p.Id).SingleAsync());
        await n.Xk.WithDb(db => db.Services.Where(s => s.Id == stopped).ExecuteUpdateAsync(s => s.SetProperty(x => x.AcceptsReferrals, false)));
        var (sender, opened, _) = await CaseWithConsentAsync(n.Al, "Zana");

        var referral = await SendAsync(sender, opened.Id, Body(cached));
        await n.Network.DeliverAllAsync();

        var received = await n.Xk.RowAsync(referral.Id);
        Assert.Equal(ReferralStatus.Declined, received.Status);
        Assert.Null(received.SharedData);
        Assert.Null(received.Reason);
        var seen = await n.Al.RowAsync(referral.Id);
        Assert.Equal(ReferralStatus.Declined, seen.Status);
        Assert.Equal(DeclineReason.ServiceNotOffered, seen.DeclineReason);
    }

    [Fact]
    public async Task Withdraw_BySender_ReceiverSeesWithdrawnWithoutPerson()
    {
        var (sender, opened, _, referral) = await n.SentAsync("Dafina");
        var response = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/transnational-referrals/{referral.Id}/withdraw", new { version = referral.Version });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await n.Network.DeliverAllAsync();

        var received = await n.Xk.RowAsync(referral.Id);
        Assert.Equal(ReferralStatus.Withdrawn, received.Status);
        Assert.Null(received.SharedData);
        var receiver = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker);
        var view = await receiver.GetFromJsonAsync<TransnationalView>($"/api/v1/transnational/referrals/{referral.Id}", WebJson);
        Assert.Null(view!.Shared);
        Assert.Empty(view.Allowed);
    }

    [Fact]
    public async Task OpenCase_AfterAccept_ReceiverCaseLinked()
    {
        var (_, _, _, referral) = await n.SentAsync("Elira");
        var receiver = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker);
        await StepAsync(receiver, referral.Id, "acknowledge");
        await StepAsync(receiver, referral.Id, "accept");

        var response = await receiver.PostAsJsonAsync($"/api/v1/transnational/referrals/{referral.Id}/case", Cases.CaseTestSupport.Adult("Elira", "Kola"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var row = await n.Xk.RowAsync(referral.Id);
        Assert.NotNull(row.CaseId);
        var owner = await n.Xk.WithDb(db => db.Cases.Where(c => c.Id == row.CaseId).Select(c => c.OrganisationId).SingleAsync());
        Assert.Equal(row.OrganisationId, owner);
        Assert.True(await n.Xk.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == row.CaseId && e.Action == "transnational.received")));
        var again = await receiver.PostAsJsonAsync($"/api/v1/transnational/referrals/{referral.Id}/case", Cases.CaseTestSupport.Adult("Elira", "Kola"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task ConsentWithdrawn_OnSendingCase_ReceiverPurgesAndSignedConfirmationShownToSender()
    {
        var (sender, opened, consent, referral) = await n.SentAsync("Fjolla");

        var response = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents/{consent.Id}/withdrawal", new { withdrawnOn = Iso(Today) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outgoing = await n.Al.WithDb(db => db.FederationOutbox.SingleAsync(o => o.CorrelationId == referral.Id && o.Type == TransnationalMessages.ConsentWithdrawn));
        Assert.NotNull(outgoing);
        await n.Network.DeliverAllAsync();

        var received = await n.Xk.RowAsync(referral.Id);
        Assert.Null(received.SharedData);
        Assert.Null(received.Reason);
        Assert.Null(received.Message);
        Assert.NotNull(received.ConsentWithdrawnAt);
        Assert.NotNull(received.PurgedAt);
        Assert.True(await n.Xk.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "transnational.purged" && a.EntityId == referral.Id.ToString())));
        var confirmation = await n.Xk.WithDb(db => db.FederationOutbox.SingleAsync(o => o.CorrelationId == referral.Id && o.Type == TransnationalMessages.Purged));
        Assert.Equal(OutboxStatus.Delivered, confirmation.Status);
        Assert.Contains("\"signature\"", confirmation.Envelope, StringComparison.Ordinal);

        var seen = await sender.GetFromJsonAsync<TransnationalView>($"/api/v1/cases/{opened.Id}/transnational-referrals/{referral.Id}", WebJson);
        Assert.NotNull(seen!.PurgedAt);
        Assert.NotNull(seen.ConsentWithdrawnAt);
        Assert.Null(seen.Shared);
        var actions = await n.Al.WithDb(db => db.CaseEvents.Where(e => e.CaseId == opened.Id).Select(e => e.Action).ToListAsync());
        Assert.Contains("transnational.consent-withdrawn", actions);
        Assert.Contains("transnational.purged", actions);
    }

    [Fact]
    public async Task ConsentWithdrawnHandler_EveryPurgeOfOtherParts_CalledWithTheReferral()
    {
        var (_, _, _, referral) = await n.SentAsync("Yllka");
        var recorder = new RecordingPurge();

        await n.Xk.InScope(async s =>
        {
            var handler = new ConsentWithdrawnHandler(s.GetRequiredService<Ura.Platform.Data.UraDbContext>(), [recorder],
                s.GetRequiredService<FederationSender>(), s.GetRequiredService<Ura.Features.Notifications.Notifier>(),
                s.GetRequiredService<Ura.Platform.Audit.AuditLog>(), s.GetRequiredService<TimeProvider>());
            await handler.ApplyAsync(new InboundMessage(Guid.CreateVersion7(), "al", TransnationalMessages.ConsentWithdrawn, referral.Id, 99,
                DateTime.UtcNow, "{}"), CancellationToken.None);
            await s.GetRequiredService<Ura.Platform.Data.UraDbContext>().SaveChangesAsync();
        });

        Assert.Equal([referral.Id], recorder.Purged);
        Assert.NotNull((await n.Xk.RowAsync(referral.Id)).PurgedAt);
    }

    [Fact]
    public async Task AnswerHandler_FromPeerThatDoesNotShareTheReferral_ChangesNothing()
    {
        var (_, opened, _, referral) = await n.SentAsync("Zamira");
        var before = await n.Al.RowAsync(referral.Id);
        var events = await n.Al.WithDb(db => db.CaseEvents.CountAsync(e => e.CaseId == opened.Id));

        await n.Al.InScope(async s =>
        {
            var handler = s.GetServices<IFederationHandler>().Single(h => h.Type == TransnationalMessages.Accepted);
            await handler.ApplyAsync(new InboundMessage(Guid.CreateVersion7(), "mk", TransnationalMessages.Accepted, referral.Id, 1, DateTime.UtcNow, "{}"),
                CancellationToken.None);
            await s.GetRequiredService<Ura.Platform.Data.UraDbContext>().SaveChangesAsync();
        });

        var after = await n.Al.RowAsync(referral.Id);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(events, await n.Al.WithDb(db => db.CaseEvents.CountAsync(e => e.CaseId == opened.Id)));
    }

    private sealed class RecordingPurge : ITransnationalPurge
    {
        public List<Guid> Purged { get; } = [];

        public Task PurgeAsync(TransnationalReferral referral, DateTime now, CancellationToken ct)
        {
            Purged.Add(referral.Id);
            return Task.CompletedTask;
        }
    }
}
