using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Transnational;
using Ura.Tests.Infrastructure;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Transnational.ReferralAbroadSupport;

namespace Ura.Tests.Transnational;

/// <summary>
/// Who may reach the pages and endpoints of referrals abroad: the sending case team on the sending
/// node; the receiving organisation's case workers and supervisors (or the focal point) on the
/// receiving node. Everyone else gets 404 (403 for role policies), and nothing changes.
/// </summary>
public sealed class ReferralAbroadAuthorizationTests(ReferralAbroadNetwork n) : IClassFixture<ReferralAbroadNetwork>
{
    /// <summary>On the sending node: other organisations (same country, other country) and roles without case access.</summary>
    public static TheoryData<string> OutsidersOfSendingCase => new()
    {
        Demo.SocialWorker, Demo.Email("caseworker", "xk"), Demo.OrgAdmin, Demo.Coordinator, Demo.Analyst, Demo.SystemAdmin,
    };

    /// <summary>On the receiving node: the other organisation of XK, another country's worker, and roles that do not work this inbox.</summary>
    public static TheoryData<string> OutsidersOfReceivedReferral => new()
    {
        ReferralAbroadNetwork.XkSupervisor, Demo.Email("caseworker", "xk"), Demo.SocialWorker, Demo.Email("orgadmin", "xk"),
        ReferralAbroadNetwork.XkCoordinator, Demo.Email("analyst", "xk"), Demo.SystemAdmin,
    };

    [Fact]
    public async Task SendingPagesAndApi_CaseTeam_Allowed()
    {
        var (sender, opened, _, referral) = await n.SentAsync("Gresa");
        var supervisor = await n.Al.SignInAsync(Demo.Supervisor);
        foreach (var client in new[] { sender, supervisor })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/cases/{opened.Id}/transnational")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/cases/{opened.Id}/transnational/new?service={n.PeerServiceId}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/cases/{opened.Id}/transnational/{referral.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/cases/{opened.Id}/transnational-referrals")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/cases/{opened.Id}/transnational-referrals/{referral.Id}")).StatusCode);
        }
        Assert.True(await n.Al.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "read" && a.EntityId == opened.Id.ToString())));
    }

    [Theory]
    [MemberData(nameof(OutsidersOfSendingCase))]
    public async Task SendingPagesAndApi_Outsider_NotFoundAndNothingChanged(string email)
    {
        var (_, opened, _, referral) = await n.SentAsync("Hana");
        var before = await n.Al.RowAsync(referral.Id);
        var count = await n.Al.WithDb(db => db.TransnationalReferrals.CountAsync());
        var outbox = await n.Al.WithDb(db => db.FederationOutbox.CountAsync());
        var client = await n.Al.SignInAsync(email);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{opened.Id}/transnational")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{opened.Id}/transnational/new?service={n.PeerServiceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{opened.Id}/transnational/{referral.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/cases/{opened.Id}/transnational-referrals")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/cases/{opened.Id}/transnational-referrals/{referral.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/transnational-referrals", Body(n.PeerServiceId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/transnational-referrals/{referral.Id}/withdraw", new { })).StatusCode);
        var page = await UraFactory.PostFormAsync(client, $"/cases/{opened.Id}/transnational/{referral.Id}?handler=Withdraw", new() { ["Version"] = "0" },
            formPage: "/account/tokens");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);

        var after = await n.Al.RowAsync(referral.Id);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(count, await n.Al.WithDb(db => db.TransnationalReferrals.CountAsync()));
        Assert.Equal(outbox, await n.Al.WithDb(db => db.FederationOutbox.CountAsync()));
    }

    [Fact]
    public async Task ReceivedPagesAndApi_ReceivingOrganisation_Allowed()
    {
        var (_, _, _, referral) = await n.SentAsync("Ilirjana");
        var receiver = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker);

        Assert.Equal(HttpStatusCode.OK, (await receiver.GetAsync("/referrals/transnational")).StatusCode);
        var page = await receiver.GetStringAsync($"/referrals/transnational/{referral.Id}");
        Assert.Contains("Ilirjana", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await receiver.GetAsync($"/api/v1/transnational/referrals/{referral.Id}")).StatusCode);
        Assert.True(await n.Xk.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "read" && a.EntityId == referral.Id.ToString())));
    }

    [Theory]
    [MemberData(nameof(OutsidersOfReceivedReferral))]
    public async Task ReceivedPagesAndApi_Outsider_NotFoundAndNothingChanged(string email)
    {
        var (_, _, _, referral) = await n.SentAsync("Jeta");
        var before = await n.Xk.RowAsync(referral.Id);
        var outbox = await n.Xk.WithDb(db => db.FederationOutbox.CountAsync());
        var client = await n.Xk.SignInAsync(email);

        var inbox = await client.GetFromJsonAsync<List<TransnationalSummary>>("/api/v1/transnational/referrals", WebJson);
        Assert.DoesNotContain(inbox!, r => r.Id == referral.Id);
        Assert.DoesNotContain(referral.Id.ToString(), await client.GetStringAsync("/referrals/transnational"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/referrals/transnational/{referral.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/referrals/transnational/{referral.Id}/case")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/transnational/referrals/{referral.Id}")).StatusCode);
        foreach (var step in new[] { "acknowledge", "accept", "decline", "complete" })
            Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(client, referral.Id, step, new { declineReason = "NoCapacity", successful = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/transnational/referrals/{referral.Id}/forward", new { serviceId = n.XkServiceId })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/transnational/referrals/{referral.Id}/case", Cases.CaseTestSupport.Adult("Jeta", "Kola"))).StatusCode);
        var page = await UraFactory.PostFormAsync(client, $"/referrals/transnational/{referral.Id}?handler=Acknowledge", new() { ["Input.Version"] = "0" },
            formPage: "/account/tokens");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);

        var after = await n.Xk.RowAsync(referral.Id);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.OrganisationId, after.OrganisationId);
        Assert.Equal(outbox, await n.Xk.WithDb(db => db.FederationOutbox.CountAsync()));
        Assert.False(await n.Xk.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "read" && a.EntityId == referral.Id.ToString())));
    }

    [Theory]
    [InlineData("orgadmin")]
    [InlineData("coordinator")]
    [InlineData("analyst")]
    public async Task Directory_RoleWithoutCaseWork_Forbidden(string login)
    {
        var client = await n.Al.SignInAsync(Demo.Email(login));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/transnational/directory")).StatusCode);
    }

    [Fact]
    public async Task PublishDirectory_SystemAdminOnly()
    {
        var outbox = await n.Xk.WithDb(db => db.FederationOutbox.CountAsync(o => o.Type == PeerDirectoryPublisher.MessageType));
        var worker = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsJsonAsync("/api/v1/transnational/directory/publish", new { })).StatusCode);
        Assert.Equal(outbox, await n.Xk.WithDb(db => db.FederationOutbox.CountAsync(o => o.Type == PeerDirectoryPublisher.MessageType)));

        var admin = await n.Xk.SignInAsync(Demo.SystemAdmin);
        var response = await admin.PostAsJsonAsync("/api/v1/transnational/directory/publish", new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<PublishedView>(WebJson))!.Peers);
        Assert.Equal(outbox + 1, await n.Xk.WithDb(db => db.FederationOutbox.CountAsync(o => o.Type == PeerDirectoryPublisher.MessageType)));
    }
}
