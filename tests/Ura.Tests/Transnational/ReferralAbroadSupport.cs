using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ura.Features.Cases;
using Ura.Features.Transnational;
using Ura.Tests.Infrastructure;
using Ura.Tests.Referrals;
using static Ura.Tests.CaseContent.CaseContentSupport;

namespace Ura.Tests.Transnational;

/// <summary>
/// Two nodes, AL and XK, shared by the tests of a class: XK has a service of its social services
/// taking referrals and has sent its directory to AL. Each test opens its own case.
/// </summary>
public class ReferralAbroadNetwork : IAsyncLifetime
{
    public FederationNetwork Network { get; private set; } = null!;
    public NodeFactory Al => Network["al"];
    public NodeFactory Xk => Network["xk"];

    /// <summary>XK's social services (the receiving organisation) and its service.</summary>
    public static readonly string XkSocialWorker = Demo.Email("socialworker", "xk");
    public static readonly string XkSupervisor = Demo.Email("supervisor", "xk");
    public static readonly string XkCoordinator = Demo.Email("coordinator", "xk");
    public Guid XkServiceId { get; private set; }

    /// <summary>The AL cache row of that service, which the sender picks.</summary>
    public Guid PeerServiceId { get; private set; }

    public virtual async Task InitializeAsync()
    {
        Network = await FederationNetwork.CreateAsync();
        XkServiceId = await Xk.AddServiceAsync(XkSocialWorker);
        await Xk.InScope(s => s.GetRequiredService<PeerDirectoryPublisher>().PublishAsync(CancellationToken.None));
        await Network.DeliverAllAsync();
        PeerServiceId = await Al.WithDb(db => db.PeerServices.Where(p => p.ServiceId == XkServiceId).Select(p => p.Id).SingleAsync());
    }

    public Task DisposeAsync()
    {
        Network.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Sets how XK receives referrals (a node setting; the options object is the node's own).</summary>
    public void XkRouting(TransnationalRouting routing) =>
        Xk.Services.GetRequiredService<IOptions<TransnationalOptions>>().Value.Routing = routing;
}

internal static class ReferralAbroadSupport
{
    /// <summary>A consent for referral to services that names the countries data may go to.</summary>
    public static Dictionary<string, object?> CrossBorderConsent(params string[] countries)
    {
        var body = ConsentBody();
        body["crossBorderCountries"] = countries;
        return body;
    }

    public static Dictionary<string, object?> Body(Guid peerServiceId, string[]? fields = null) => new()
    {
        ["peerServiceId"] = peerServiceId,
        ["urgency"] = "Urgent",
        ["reason"] = "Wants to go home to Prishtina; needs a safe place and social support on arrival.",
        ["sharedFields"] = fields ?? ["Reference", "FirstName", "AgeBand", "Gender", "Languages"],
        ["message"] = "She speaks Albanian; please call before visiting.",
    };

    /// <summary>An AL case of the demo case worker with cross-border consent for XK (or the given countries).</summary>
    public static async Task<(HttpClient Sender, CaseView Case, ConsentView Consent)> CaseWithConsentAsync(NodeFactory al, string given = "Drita", params string[] countries)
    {
        var sender = await al.SignInAsync(Demo.CaseWorker);
        var opened = await Cases.CaseTestSupport.OpenAsync(sender, Cases.CaseTestSupport.Adult(given, "Kola"));
        var consent = await RecordConsentAsync(sender, opened.Id, CrossBorderConsent(countries.Length == 0 ? ["XK"] : countries));
        return (sender, opened, consent);
    }

    public static async Task<TransnationalView> SendAsync(HttpClient client, Guid caseId, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/transnational-referrals", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TransnationalView>(WebJson))!;
    }

    /// <summary>A case with consent and a referral to XK's service, delivered to XK.</summary>
    public static async Task<(HttpClient Sender, CaseView Case, ConsentView Consent, TransnationalView Referral)> SentAsync(
        this ReferralAbroadNetwork n, string given = "Drita")
    {
        var (sender, opened, consent) = await CaseWithConsentAsync(n.Al, given);
        var referral = await SendAsync(sender, opened.Id, Body(n.PeerServiceId));
        await n.Network.DeliverAllAsync();
        return (sender, opened, consent, referral);
    }

    public static async Task<HttpResponseMessage> StepAsync(HttpClient client, Guid id, string step, object? body = null) =>
        await client.PostAsJsonAsync($"/api/v1/transnational/referrals/{id}/{step}", body ?? new { });

    public static Task<TransnationalReferral> RowAsync(this NodeFactory node, Guid id) =>
        node.WithDb(db => db.TransnationalReferrals.AsNoTracking().SingleAsync(r => r.Id == id));
}
