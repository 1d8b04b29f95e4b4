using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Federation;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.FederationProcesses;

/// <summary>
/// Envelopes that were tampered with, replayed, or sent by a node the receiver never pinned, POSTed
/// to a real <c>serve</c> process: each is refused with its reason code, recorded and audited, and
/// nothing else in the receiver's database changes.
/// </summary>
[Collection(nameof(FederationProcessCollection))]
public sealed class InboxRefusalTests
{
    [Fact]
    public async Task Inbox_TamperedReplayedAndUnknownSenderEnvelopes_RefusedAndChangeNothing()
    {
        // MK will pin XK, but XK never pins MK.
        await using var mk = new NodeProcess("mk", "MK");
        var mkCreated = mk.InitAsync();
        // Only XK serves: AL's envelopes stay in its outbox for the test to post, altered or not.
        await using var federation = await ProcessFederation.CreateAsync([("al", "AL"), ("xk", "XK")], serve: ["xk"]);
        NodeProcess al = federation["al"], xk = federation["xk"];
        await mkCreated;
        await mk.PinAsync(await xk.CliAsync("node", "card"));

        await Task.WhenAll(al.CliAsync("peers", "ping", "xk", "--count", "2"), mk.CliAsync("peers", "ping", "xk"));
        var fromAl = await al.WithDb(db => db.FederationOutbox.AsNoTracking().OrderBy(o => o.Sequence).Select(o => o.Envelope).ToListAsync());
        var first = Envelope.Parse(fromAl[0])!;
        var second = Envelope.Parse(fromAl[1])!;
        var fromMk = await mk.WithDb(db => db.FederationOutbox.AsNoTracking().Select(o => o.Envelope).SingleAsync());
        using var http = new HttpClient();

        var ciphertext = Convert.FromBase64String(first.Ciphertext);
        ciphertext[0] ^= 1;
        await AssertRefusedAsync(http, xk, (first with { Ciphertext = Convert.ToBase64String(ciphertext) }).ToJson(), "bad_signature");
        await AssertRefusedAsync(http, xk, (first with { Sequence = 7 }).ToJson(), "bad_signature");
        await AssertRefusedAsync(http, xk, fromMk, "unknown_sender");
        await AssertRefusedAsync(http, xk, (first with { Recipient = "mk" }).ToJson(), "wrong_recipient");

        var genuine = await PostAsync(http, xk, fromAl[0]);
        Assert.Equal(HttpStatusCode.OK, genuine.Status);
        Assert.Equal("stored", genuine.Json.GetProperty("status").GetString());

        // The very same envelope again (a sender that never got its receipt): acknowledged, not applied again.
        var resent = await PostAsync(http, xk, fromAl[0]);
        Assert.Equal(HttpStatusCode.OK, resent.Status);
        Assert.Equal("duplicate", resent.Json.GetProperty("status").GetString());

        // A replay of the first envelope's id with other content, validly signed by AL's own key.
        var signer = (await al.Services.GetRequiredService<NodeIdentity>().LoadAsync())!.Signer;
        var forged = second with { Id = first.Id };
        forged = forged with { Signature = Convert.ToBase64String(EnvelopeCrypto.Sign(signer, forged.CanonicalSigned())) };
        await AssertRefusedAsync(http, xk, forged.ToJson(), "replayed_different");

        var inbox = await xk.WithDb(db => db.FederationInbox.AsNoTracking().ToListAsync());
        var message = Assert.Single(inbox);
        Assert.Equal(Guid.Parse(first.Id), message.Id);
        Assert.Equal(InboxStatus.Applied, message.Status);
        Assert.Equal(2, message.Deliveries);
        Assert.Equal(1, await xk.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.applied")));
        Assert.Equal(1, await xk.WithDb(db => db.MessageStreams.CountAsync()));
        var refusals = await xk.WithDb(db => db.FederationRefusals.AsNoTracking().OrderBy(r => r.At).Select(r => r.Reason).ToListAsync());
        Assert.Equal(new[] { "bad_signature", "bad_signature", "unknown_sender", "wrong_recipient", "replayed_different" }.Order(), refusals.Order());
    }

    private static async Task AssertRefusedAsync(HttpClient http, NodeProcess node, string envelope, string reason)
    {
        var inboxBefore = await node.WithDb(db => db.FederationInbox.CountAsync());
        var refusedBefore = await node.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.refused" && a.Detail == reason));

        var answer = await PostAsync(http, node, envelope);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(reason, answer.Json.GetProperty("refused").GetString());
        Assert.Equal(inboxBefore, await node.WithDb(db => db.FederationInbox.CountAsync()));
        Assert.Equal(refusedBefore + 1, await node.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.refused" && a.Detail == reason)));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(HttpClient http, NodeProcess node, string envelope)
    {
        using var content = new StringContent(envelope, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"{node.Url}/federation/v1/inbox"), content);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }
}
