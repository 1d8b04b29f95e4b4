using System.Net;
using System.Net.Http.Json;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Referrals.ReferralTestSupport;

namespace Ura.Tests.Referrals;

/// <summary>
/// Who reaches which referral page and endpoint: the sending case team the sender's, the receiving
/// organisation's case workers and supervisors the receiver's. Everyone else gets 404 (403 for the
/// inbox, a role page), and the referral stays exactly as it was.
/// </summary>
public sealed class ReferralAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>Not on the sending case team: the receiver, a third organisation (same country and other), roles without case access.</summary>
    public static TheoryData<string> NotSenders => new()
    {
        Demo.SocialWorker, Demo.Email("caseworker", "xk"), Demo.Police, Demo.OrgAdmin, Demo.Coordinator, Demo.Analyst, Demo.SystemAdmin,
    };

    /// <summary>Not of the receiving organisation: the sender's team, a third organisation, roles without case access.</summary>
    public static TheoryData<string> NotReceivers => new()
    {
        Demo.CaseWorker, Demo.Supervisor, Demo.Email("caseworker", "xk"), Demo.Email("socialworker", "xk"), Demo.Police,
        Demo.OrgAdmin, Demo.Coordinator, Demo.Analyst, Demo.SystemAdmin,
    };

    [Theory]
    [InlineData("caseworker")]
    [InlineData("supervisor")]
    public async Task SenderPagesAndEndpoints_CaseTeam_Allowed(string login)
    {
        var (_, opened, serviceId, referral) = await factory.SentReferralAsync("Ana");
        var client = await factory.SignInAsync(Demo.Email(login));

        foreach (var url in new[]
        {
            $"/cases/{opened.Id}/referrals", $"/cases/{opened.Id}/referrals/new?service={serviceId}", $"/cases/{opened.Id}/referrals/{referral.Id}",
            $"/api/v1/cases/{opened.Id}/referrals", $"/api/v1/cases/{opened.Id}/referrals/{referral.Id}",
        })
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
    }

    [Theory]
    [MemberData(nameof(NotSenders))]
    public async Task SenderPagesAndEndpoints_NotOnCaseTeam_404AndUnchanged(string email)
    {
        var (sender, opened, serviceId, referral) = await factory.SentReferralAsync("Blerina");
        var draft = await CreateAsync(sender, opened.Id, ReferralBody(serviceId, send: false));
        var client = await factory.SignInAsync(email);
        var before = (await factory.StateAsync(referral.Id), await factory.StateAsync(draft.Id), await factory.ReferralCountsAsync());

        foreach (var url in new[]
        {
            $"/cases/{opened.Id}/referrals", $"/cases/{opened.Id}/referrals/new?service={serviceId}", $"/cases/{opened.Id}/referrals/{referral.Id}",
            $"/api/v1/cases/{opened.Id}/referrals", $"/api/v1/cases/{opened.Id}/referrals/{referral.Id}",
        })
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        foreach (var (url, body) in new (string, object)[]
        {
            ($"/api/v1/cases/{opened.Id}/referrals", ReferralBody(serviceId)),
            ($"/api/v1/cases/{opened.Id}/referrals/{draft.Id}/send", new { }),
            ($"/api/v1/cases/{opened.Id}/referrals/{referral.Id}/withdraw", new { reason = "Not mine to withdraw" }),
        })
            Assert.True((await client.PostAsJsonAsync(url, body)).StatusCode == HttpStatusCode.NotFound, url);

        Assert.Equal(before, (await factory.StateAsync(referral.Id), await factory.StateAsync(draft.Id), await factory.ReferralCountsAsync()));
    }

    [Theory]
    [MemberData(nameof(NotSenders))]
    public async Task SenderPageForms_NotOnCaseTeam_404AndUnchanged(string email)
    {
        var (sender, opened, serviceId, referral) = await factory.SentReferralAsync("Dafina");
        var client = await factory.SignInAsync(email);
        var token = await UraFactory.AntiforgeryTokenAsync(client, "/account");
        var before = (await factory.StateAsync(referral.Id), await factory.ReferralCountsAsync());

        var withdraw = await client.PostAsync($"/cases/{opened.Id}/referrals/{referral.Id}?handler=Withdraw",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "No", ["__af"] = token }));
        var create = await client.PostAsync($"/cases/{opened.Id}/referrals/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.ServiceId"] = serviceId.ToString(), ["Input.Urgency"] = "Routine", ["Input.Reason"] = "x", ["Input.SharedFields"] = "FirstName",
            ["Input.Send"] = "true", ["__af"] = token,
        }));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (withdraw.StatusCode, create.StatusCode));
        Assert.Equal(before, (await factory.StateAsync(referral.Id), await factory.ReferralCountsAsync()));
    }

    [Fact]
    public async Task ReceiverPagesAndEndpoints_ReceivingCaseWorker_Allowed()
    {
        var (_, _, _, referral) = await factory.SentReferralAsync("Liridona");
        var client = await factory.SignInAsync(Demo.SocialWorker);

        foreach (var url in new[] { "/referrals/inbox", $"/referrals/{referral.Id}", "/api/v1/referrals/inbox", $"/api/v1/referrals/{referral.Id}" })
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
        Assert.Contains(referral.Id.ToString(), await client.GetStringAsync("/api/v1/referrals/inbox"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotReceivers))]
    public async Task ReceiverPagesAndEndpoints_NotOfReceivingOrganisation_404AndUnchanged(string email)
    {
        var (_, _, _, referral) = await factory.SentReferralAsync("Albana");
        var client = await factory.SignInAsync(email);
        var before = (await factory.StateAsync(referral.Id), await factory.ReferralCountsAsync());

        foreach (var url in new[] { $"/referrals/{referral.Id}", $"/referrals/{referral.Id}/case", $"/api/v1/referrals/{referral.Id}" })
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        foreach (var step in new[] { "acknowledge", "accept", "decline", "complete" })
            Assert.True((await client.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/{step}", new { declineReason = "NoCapacity", successful = true })).StatusCode == HttpStatusCode.NotFound, step);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/case", Cases.CaseTestSupport.Adult("Albana", "Kola"))).StatusCode);
        var token = await UraFactory.AntiforgeryTokenAsync(client, "/account");
        var page = await client.PostAsync($"/referrals/{referral.Id}?handler=Acknowledge", new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);

        Assert.Equal(before, (await factory.StateAsync(referral.Id), await factory.ReferralCountsAsync()));
    }

    [Theory]
    [InlineData("orgadmin")]
    [InlineData("coordinator")]
    [InlineData("analyst")]
    [InlineData("police")]
    [InlineData("outreach")]
    public async Task Inbox_RoleWithoutReferralWork_403(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login));

        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/referrals/inbox")));
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/api/v1/referrals/inbox")));
    }

    [Fact]
    public async Task Inbox_SystemAdmin_403()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/api/v1/referrals/inbox")));
    }

    [Fact]
    public async Task Inbox_CaseWorkerOfAnotherOrganisation_DoesNotListIt()
    {
        var (_, _, _, referral) = await factory.SentReferralAsync("Hana");
        var other = await factory.SignInAsync(Demo.Email("caseworker", "xk"));

        var page = await other.GetStringAsync("/referrals/inbox");
        var api = await other.GetStringAsync("/api/v1/referrals/inbox");

        Assert.DoesNotContain(referral.Id.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain(referral.Id.ToString(), api, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCasePage_AcceptedReferral_ReceivingCaseWorkerSeesForm()
    {
        var (_, _, _, referral) = await factory.SentReferralAsync("Rita");
        var receiver = await factory.SignInAsync(Demo.SocialWorker);
        await StepAsync(receiver, referral.Id, "acknowledge");
        await StepAsync(receiver, referral.Id, "accept");

        Assert.Equal(HttpStatusCode.OK, (await receiver.GetAsync($"/referrals/{referral.Id}/case")).StatusCode);
    }
}
