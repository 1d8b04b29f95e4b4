using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Transnational.ReturnTestSupport;

namespace Ura.Tests.Transnational;

/// <summary>
/// Who reaches the return pages and endpoints: the sending case team the sending side, the receiving
/// organisation's case workers and supervisors the receiving side. Everyone else gets 404 (403 for
/// roles without referral work on the receiving endpoints), and nothing changes.
/// </summary>
public sealed class ReturnAuthorizationTests(ReturnNetwork nodes) : IClassFixture<ReturnNetwork>
{
    /// <summary>On the sending node, not on the case team: same country other organisation, other country, roles without case access.</summary>
    public static TheoryData<string> NotSenders => new()
    {
        Demo.SocialWorker, Demo.Email("caseworker", "xk"), Demo.Police, Demo.OrgAdmin, Demo.Coordinator, Demo.Analyst, Demo.SystemAdmin,
    };

    /// <summary>On the receiving node, case work roles of another organisation: not of the receiving organisation.</summary>
    public static TheoryData<string> OtherReceivers => new()
    {
        Demo.Email("socialworker", "xk"), Demo.Email("supervisor", "mk"), Demo.CaseWorker, Demo.Supervisor,
    };

    /// <summary>On the receiving node, roles without referral work.</summary>
    public static TheoryData<string> NoReferralWork => new()
    {
        Demo.Email("orgadmin", "xk"), Demo.Email("coordinator", "xk"), Demo.Email("analyst", "xk"), Demo.Email("police", "xk"), Demo.SystemAdmin,
    };

    private static string[] SenderUrls(ReturnScenario s) =>
        [$"/cases/{s.CaseId}/return", $"/cases/{s.CaseId}/return/{s.ReferralId}", $"/api/v1/cases/{s.CaseId}/returns"];

    private static string[] ReceiverUrls(ReturnScenario s) =>
        [$"/transnational/returns/{s.ReferralId}", $"/api/v1/transnational/returns/{s.ReferralId}"];

    private Task<(int Plans, int Assistance, int FollowUps, int Outbox, int Tasks, int Cases, string Versions)> StateAsync(UraFactory node) =>
        node.WithDb(async db => (await db.ReturnPlans.CountAsync(), await db.ReturnAssistance.CountAsync(), await db.ReturnFollowUps.CountAsync(),
            await db.FederationOutbox.CountAsync(), await db.CaseTasks.CountAsync(), await db.Cases.CountAsync(),
            string.Join(",", await db.ReturnPlans.OrderBy(p => p.Id).Select(p => p.Status + ":" + p.Version + ":" + p.Revision).ToListAsync())));

    [Theory]
    [InlineData("caseworker")]
    [InlineData("supervisor")]
    public async Task SenderPagesAndEndpoints_CaseTeam_Allowed(string login)
    {
        var s = await ReferredAsync(nodes, "Dafina");
        await ProposedAsync(nodes, s);
        var client = await nodes.Al.SignInAsync(Demo.Email(login));

        foreach (var url in SenderUrls(s))
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
        await OkAsync(SaveAsync(client, s, Plan(route: "Changed by " + login)));
    }

    [Theory]
    [MemberData(nameof(NotSenders))]
    public async Task SenderPagesAndEndpoints_NotOnCaseTeam_404AndUnchanged(string email)
    {
        var s = await ReferredAsync(nodes, "Besarta");
        await OkAsync(SaveAsync(s.Sender, s, Plan()));
        var client = await nodes.Al.SignInAsync(email);
        var before = await StateAsync(nodes.Al);

        foreach (var url in SenderUrls(s))
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        Assert.Equal(HttpStatusCode.NotFound, (await SaveAsync(client, s, Plan(route: "Not mine"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ProposeAsync(client, s)).StatusCode);
        var token = await UraFactory.AntiforgeryTokenAsync(client, "/account");
        var propose = await client.PostAsync($"/cases/{s.CaseId}/return?handler=Propose&referralId={s.ReferralId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token }));
        var edit = await client.PostAsync($"/cases/{s.CaseId}/return/{s.ReferralId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.InformedDecision"] = "true", ["Input.DecisionOn"] = Iso(Today), ["Input.SafetyRisk"] = "Low", ["Input.Route"] = "x",
            ["Input.TravelMode"] = "Air", ["Input.DepartureOn"] = Iso(Today), ["Input.Escort"] = "None", ["Input.TravelDocuments"] = "Valid", ["__af"] = token,
        }));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (propose.StatusCode, edit.StatusCode));

        Assert.Equal(before, await StateAsync(nodes.Al));
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("supervisor")]
    public async Task ReceiverPagesAndEndpoints_ReceivingOrganisation_Allowed(string login)
    {
        var s = await ReferredAsync(nodes, "Qendresa");
        await ProposedAsync(nodes, s);
        var client = await nodes.Xk.SignInAsync(Demo.Email(login, "xk"));

        foreach (var url in ReceiverUrls(s).Append("/transnational/returns").Append("/api/v1/transnational/returns"))
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
        Assert.Contains(s.ReferralId.ToString(), await client.GetStringAsync("/api/v1/transnational/returns"), StringComparison.Ordinal);
        await OkAsync(DecideAsync(client, s, confirm: true));
    }

    [Theory]
    [MemberData(nameof(OtherReceivers))]
    public async Task ReceiverPagesAndEndpoints_OtherOrganisation_404AndUnchanged(string email)
    {
        var s = await ReferredAsync(nodes, "Valbona");
        await ProposedAsync(nodes, s);
        var client = await nodes.Xk.SignInAsync(email);
        var before = await StateAsync(nodes.Xk);

        foreach (var url in ReceiverUrls(s))
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        Assert.DoesNotContain(s.ReferralId.ToString(), await client.GetStringAsync("/api/v1/transnational/returns"), StringComparison.Ordinal);
        Assert.DoesNotContain(s.ReferralId.ToString(), await client.GetStringAsync("/transnational/returns"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(client, s, confirm: true)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await HandOverAsync(client, s)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReportAsync(client, s, 3)).StatusCode);
        var token = await UraFactory.AntiforgeryTokenAsync(client, "/account");
        var page = await client.PostAsync($"/transnational/returns/{s.ReferralId}?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);

        Assert.Equal(before, await StateAsync(nodes.Xk));
    }

    [Theory]
    [MemberData(nameof(NoReferralWork))]
    public async Task ReceiverPagesAndEndpoints_RoleWithoutReferralWork_403AndUnchanged(string email)
    {
        var s = await ReferredAsync(nodes, "Donika");
        await ProposedAsync(nodes, s);
        var client = await nodes.Xk.SignInAsync(email);
        var before = await StateAsync(nodes.Xk);

        foreach (var url in ReceiverUrls(s).Append("/transnational/returns").Append("/api/v1/transnational/returns"))
            Assert.True(await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, url)) == HttpStatusCode.Forbidden, url);
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Post, $"/api/v1/transnational/returns/{s.ReferralId}/decision")
        {
            Content = JsonContent.Create(new { confirm = true }),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, (await HandOverAsync(client, s)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReportAsync(client, s, 3)).StatusCode);

        Assert.Equal(before, await StateAsync(nodes.Xk));
    }

    [Fact]
    public async Task SenderEndpoints_ReceivingCaseWorkerOnSendingNode_404()
    {
        var s = await ReferredAsync(nodes, "Rina");
        await ProposedAsync(nodes, s);
        var receiverOnSendingNode = await nodes.Al.SignInAsync(Receiver);
        var before = await StateAsync(nodes.Al);

        Assert.Equal(HttpStatusCode.NotFound, (await receiverOnSendingNode.GetAsync($"/api/v1/transnational/returns/{s.ReferralId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(receiverOnSendingNode, s, confirm: true)).StatusCode);

        Assert.Equal(before, await StateAsync(nodes.Al));
    }
}
