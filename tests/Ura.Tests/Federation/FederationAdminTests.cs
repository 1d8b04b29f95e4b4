using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Admin;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Federation;

/// <summary>Two pinned nodes shared by the tests of one class: pages and API are tried on "al".</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public FederationNetwork Network { get; private set; } = null!;
    public NodeFactory Al => Network["al"];

    public async Task InitializeAsync() => Network = await FederationNetwork.CreateAsync();

    public Task DisposeAsync()
    {
        Network.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The system admin's federation pages and <c>/api/v1/federation</c>: who may use them, and what they do.</summary>
public sealed class FederationAdminTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private const string SystemAdminLogin = "sysadmin";
    private NodeFactory Al => nodes.Al;

    public static TheoryData<string> Logins => [.. DemoData.Logins.Select(l => l.Login), SystemAdminLogin, "caseworker@xk"];

    private async Task<Guid> QueuePingAsync(string peer = "xk") => await Al.InScope(async s =>
    {
        var message = await s.GetRequiredService<FederationSender>().SendAsync(peer, PingHandler.MessageType, Guid.CreateVersion7(), new { }, CancellationToken.None);
        await s.GetRequiredService<UraDbContext>().SaveChangesAsync();
        return message.Id;
    });

    private async Task MakeDeadAsync(Guid id, bool expired = false)
    {
        await Al.WithDb(db => db.FederationOutbox.Where(o => o.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Dead).SetProperty(o => o.Attempts, 20)
                .SetProperty(o => o.LastError, "unreachable:HttpRequestException")));
        var past = DateTime.UtcNow.AddDays(-1);
        if (expired)
            await Al.WithDb(db => db.FederationOutbox.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.ExpiresAt, past)));
    }

    private Task<OutboxMessage> OutboxAsync(Guid id) => Al.WithDb(db => db.FederationOutbox.AsNoTracking().SingleAsync(o => o.Id == id));

    [Theory]
    [MemberData(nameof(Logins))]
    public async Task FederationPagesAndApi_DemoRole_OnlySystemAdminAllowedOthers403NothingChanged(string login)
    {
        var systemAdmin = login == SystemAdminLogin;
        var email = systemAdmin ? Demo.SystemAdmin : login == "caseworker@xk" ? Demo.Email("caseworker", "xk") : Demo.Email(login);
        var client = await Al.SignInAsync(email);
        var dead = await QueuePingAsync();
        await MakeDeadAsync(dead);
        var outboxBefore = await Al.WithDb(db => db.FederationOutbox.CountAsync());

        var wrong = new List<string>();
        var reads = new[]
        {
            "/admin/federation", "/admin/federation/peers/add", "/admin/federation/dead-letters", "/admin/federation/dead-letters?peer=xk",
            "/admin/federation/peers/xk/remove", "/api/v1/federation/status", "/api/v1/federation/dead-letters",
        };
        foreach (var url in reads)
        {
            var status = await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, url));
            if (status != (systemAdmin ? HttpStatusCode.OK : HttpStatusCode.Forbidden))
                wrong.Add($"GET {url}: {(int)status}");
        }
        if (!systemAdmin)
        {
            // Changes: none may happen for anyone but the system admin.
            var posts = new List<(string Url, Dictionary<string, string> Fields)>
            {
                ("/admin/federation?handler=Ping", new() { ["peer"] = "xk" }),
                ("/admin/federation/peers/xk/remove", new()),
                ("/admin/federation/dead-letters?handler=Retry", new() { ["id"] = dead.ToString() }),
                ("/admin/federation/dead-letters?handler=RetryAll", new() { ["peer"] = "xk" }),
                ("/admin/federation/peers/add?handler=Pin", new() { ["Card"] = "{}" }),
            };
            foreach (var (url, fields) in posts)
            {
                var response = await FollowAccessDeniedAsync(client, await PostPageAsync(client, url, fields));
                if (response.StatusCode != HttpStatusCode.Forbidden)
                    wrong.Add($"POST {url}: {(int)response.StatusCode}");
            }
            foreach (var url in new[] { $"/api/v1/federation/dead-letters/{dead}/retry", "/api/v1/federation/peers/xk/dead-letters/retry" })
            {
                var status = (await client.PostAsync(url, null)).StatusCode;
                if (status != HttpStatusCode.Forbidden)
                    wrong.Add($"POST {url}: {(int)status}");
            }
            Assert.True(await Al.WithDb(db => db.FederationPeers.AnyAsync(p => p.NodeId == "xk")));
            Assert.Equal(outboxBefore, await Al.WithDb(db => db.FederationOutbox.CountAsync()));
            Assert.Equal(OutboxStatus.Dead, (await OutboxAsync(dead)).Status);
        }

        Assert.True(wrong.Count == 0, $"{login}:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task Navigation_SystemAdmin_HasFederationLinkOthersNot()
    {
        var admin = await Al.SignInAsync(Demo.SystemAdmin);
        var worker = await Al.SignInAsync(Demo.CaseWorker);

        Assert.Contains("href=\"/admin/federation\"", await admin.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/federation\"", await worker.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_SystemAdmin_ShowsNodeFingerprintPeersAndRefusalInPlainWords()
    {
        var node = await Al.InScope(s => s.GetRequiredService<NodeIdentity>().LoadAsync());
        using (var inbox = Al.CreateClient())
            await inbox.PostAsync("/federation/v1/inbox", new StringContent("garbage"));
        var client = await Al.SignInAsync(Demo.SystemAdmin, "sq");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/federation"));

        Assert.Contains(NodeCard.Readable(node!.Card().Fingerprint), html, StringComparison.Ordinal);
        var xk = await nodes.Network["xk"].InScope(s => s.GetRequiredService<NodeIdentity>().LoadAsync());
        Assert.Contains(NodeCard.Readable(xk!.Card().Fingerprint), html, StringComparison.Ordinal);
        Assert.Contains("http://xk.node.test", html, StringComparison.Ordinal);
        Assert.Contains(Al.Text("Federation.Refusal.malformed", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(Al.Text("Federation.Title", "sq"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_SystemAdmin_TestMessageDeliveredAndLastContactRecorded()
    {
        var client = await Al.SignInAsync(Demo.SystemAdmin);
        await nodes.Network.DeliverAllAsync();
        var before = await Al.WithDb(db => db.FederationOutbox.CountAsync(o => o.Type == PingHandler.MessageType && o.Status == OutboxStatus.Delivered));

        var response = await PostPageAsync(client, "/admin/federation?handler=Ping", new() { ["peer"] = "xk" }, "/admin/federation");
        await nodes.Network.DeliverAllAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before + 1, await Al.WithDb(db => db.FederationOutbox.CountAsync(o => o.Type == PingHandler.MessageType && o.Status == OutboxStatus.Delivered)));
        Assert.NotNull(await Al.WithDb(db => db.FederationPeers.Where(p => p.NodeId == "xk").Select(p => p.LastContactAt).SingleAsync()));
        Assert.True(await Al.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "federation.ping")));
        var unknown = await PostPageAsync(client, "/admin/federation?handler=Ping", new() { ["peer"] = "nowhere" }, "/admin/federation");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AddPeer_ValidCard_PreviewShowsFingerprintThenConfirmPins()
    {
        using var peer = new TestPeer("mk", "MK");
        var card = peer.CardJson();
        var fingerprint = NodeCard.Parse(card).Card!.Fingerprint;
        var client = await Al.SignInAsync(Demo.SystemAdmin);

        var preview = await PostPageAsync(client, "/admin/federation/peers/add?handler=Preview", new() { ["Card"] = card }, "/admin/federation/peers/add");
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains(NodeCard.Readable(fingerprint), html, StringComparison.Ordinal);
        Assert.Contains("http://mk.peer.test", html, StringComparison.Ordinal);
        Assert.False(await Al.WithDb(db => db.FederationPeers.AnyAsync(p => p.NodeId == "mk")));

        var pinned = await PostPageAsync(client, "/admin/federation/peers/add?handler=Pin", new() { ["Card"] = card }, "/admin/federation/peers/add");

        Assert.Equal(HttpStatusCode.Redirect, pinned.StatusCode);
        Assert.Equal(fingerprint, await Al.WithDb(db => db.FederationPeers.Where(p => p.NodeId == "mk").Select(p => p.Fingerprint).SingleAsync()));
        Assert.True(await Al.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "federation.peer.pin" && a.EntityId == "mk")));
        await Al.InScope(s => s.GetRequiredService<Peering>().RemoveAsync("mk", CancellationToken.None));
    }

    [Fact]
    public async Task AddPeer_UploadedCardFile_Previewed()
    {
        using var peer = new TestPeer("me", "ME");
        var client = await Al.SignInAsync(Demo.SystemAdmin);
        var token = await UraFactory.AntiforgeryTokenAsync(client, "/admin/federation/peers/add");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__af" },
            { new StringContent(""), "Card" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(peer.CardJson())), "CardFile", "me.json" },
        };

        var response = await client.PostAsync("/admin/federation/peers/add?handler=Preview", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(NodeCard.Readable(NodeCard.Parse(peer.CardJson()).Card!.Fingerprint), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await Al.WithDb(db => db.FederationPeers.AnyAsync(p => p.NodeId == "me")));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("mk")]
    public async Task AddPeer_BadCards_LocalisedErrorNothingPinned(string language)
    {
        using var peer = new TestPeer("rs", "RS");
        var tampered = peer.CardJson().Replace("\"country\": \"RS\"", "\"country\": \"BA\"", StringComparison.Ordinal);
        var ownCard = (await Al.InScope(s => s.GetRequiredService<NodeIdentity>().LoadAsync()))!.Card().ToJson();
        var xkCard = (await nodes.Network["xk"].InScope(s => s.GetRequiredService<NodeIdentity>().LoadAsync()))!.Card().ToJson();
        var client = await Al.SignInAsync(Demo.SystemAdmin, language);
        var before = await Al.WithDb(db => db.FederationPeers.CountAsync());

        var cases = new (string Handler, string Card, string Key)[]
        {
            ("Preview", "", "Federation.Peer.CardMissing"),
            ("Preview", "not a card", "Federation.Peer.NotACard"),
            ("Preview", tampered, "Federation.Peer.FingerprintMismatch"),
            ("Pin", tampered, "Federation.Peer.FingerprintMismatch"),
            ("Pin", ownCard, "Federation.Peer.IsSelf"),
            ("Pin", xkCard, "Federation.Peer.AlreadyPinned"),
        };
        foreach (var (handler, card, key) in cases)
        {
            var response = await PostPageAsync(client, $"/admin/federation/peers/add?handler={handler}", new() { ["Card"] = card }, "/admin/federation/peers/add");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(Al.Text(key, language), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        Assert.Equal(before, await Al.WithDb(db => db.FederationPeers.CountAsync()));
    }

    [Fact]
    public async Task RemovePeer_Confirmed_PeerUnpinnedAndAudited()
    {
        using var peer = new TestPeer("ba", "BA");
        Assert.True((await Al.InScope(s => s.GetRequiredService<Peering>().PinAsync(peer.CardJson(), CancellationToken.None))).Succeeded);
        var client = await Al.SignInAsync(Demo.SystemAdmin);

        var confirm = await client.GetAsync("/admin/federation/peers/ba/remove");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.True(await Al.WithDb(db => db.FederationPeers.AnyAsync(p => p.NodeId == "ba")));

        var removed = await PostPageAsync(client, "/admin/federation/peers/ba/remove", new(), "/admin/federation/peers/ba/remove");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await Al.WithDb(db => db.FederationPeers.AnyAsync(p => p.NodeId == "ba")));
        Assert.True(await Al.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "federation.peer.remove" && a.EntityId == "ba")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/federation/peers/ba/remove")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostPageAsync(client, "/admin/federation/peers/ba/remove", new(), "/admin/federation")).StatusCode);
    }

    [Fact]
    public async Task DeadLetters_RetryOne_PendingAttemptsZeroDueNowThenDelivered()
    {
        var id = await QueuePingAsync();
        await MakeDeadAsync(id);
        var client = await Al.SignInAsync(Demo.SystemAdmin);
        Assert.Contains(id.ToString(), await client.GetStringAsync("/admin/federation/dead-letters"), StringComparison.Ordinal);

        var response = await PostPageAsync(client, "/admin/federation/dead-letters?handler=Retry", new() { ["id"] = id.ToString() }, "/admin/federation/dead-letters");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var retried = await OutboxAsync(id);
        Assert.Equal(OutboxStatus.Pending, retried.Status);
        Assert.Equal(0, retried.Attempts);
        Assert.True(retried.NextAttemptAt <= DateTime.UtcNow);
        await nodes.Network.DeliverAllAsync();
        Assert.Equal(OutboxStatus.Delivered, (await OutboxAsync(id)).Status);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("sr-Latn")]
    public async Task DeadLetters_RetryExpired_RefusedWithLocalisedReasonUnchanged(string language)
    {
        var id = await QueuePingAsync();
        await MakeDeadAsync(id, expired: true);
        var client = await Al.SignInAsync(Demo.SystemAdmin, language);

        var page = await PostPageAsync(client, "/admin/federation/dead-letters?handler=Retry", new() { ["id"] = id.ToString() }, "/admin/federation/dead-letters");
        var api = await client.PostAsync($"/api/v1/federation/dead-letters/{id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(Al.Text("Federation.DeadLetters.ExpiredCannotRetry", language), WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains(Al.Text("Federation.DeadLetters.ExpiredCannotRetry", language), await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unchanged = await OutboxAsync(id);
        Assert.Equal(OutboxStatus.Dead, unchanged.Status);
        Assert.Equal(20, unchanged.Attempts);
    }

    [Fact]
    public async Task DeadLettersApi_RetryAllForPeer_RetriesLiveOnesSkipsExpired()
    {
        var live = await QueuePingAsync();
        var expired = await QueuePingAsync();
        await MakeDeadAsync(live);
        await MakeDeadAsync(expired, expired: true);
        var client = await Al.SignInAsync(Demo.SystemAdmin);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/federation/dead-letters?peer=xk");
        Assert.Contains(list.EnumerateArray(), l => l.GetProperty("id").GetGuid() == expired && l.GetProperty("expired").GetBoolean());
        var response = await client.PostAsync("/api/v1/federation/peers/xk/dead-letters/retry", null);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result.GetProperty("retried").GetInt32() >= 1);
        Assert.True(result.GetProperty("expired").GetInt32() >= 1);
        Assert.Equal(OutboxStatus.Pending, (await OutboxAsync(live)).Status);
        Assert.Equal(OutboxStatus.Dead, (await OutboxAsync(expired)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/v1/federation/peers/nowhere/dead-letters/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/federation/dead-letters/{Guid.NewGuid()}/retry", null)).StatusCode);
        await nodes.Network.DeliverAllAsync();
    }

    [Fact]
    public async Task StatusApi_SystemAdmin_NumbersPerPeerWithoutContent()
    {
        var xk = nodes.Network["xk"];
        xk.Reachable = false;
        try
        {
            await QueuePingAsync();
            var client = await Al.SignInAsync(Demo.SystemAdmin);

            var body = await client.GetStringAsync("/api/v1/federation/status");
            var status = JsonDocument.Parse(body).RootElement;

            Assert.Equal("al", status.GetProperty("node").GetProperty("nodeId").GetString());
            var peer = status.GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("nodeId").GetString() == "xk");
            Assert.True(peer.GetProperty("messagesWaiting").GetInt32() >= 1);
            Assert.DoesNotContain("\"envelope\"", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ciphertext", body, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            xk.Reachable = true;
            await nodes.Network.DeliverAllAsync();
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("sq")]
    public async Task Init_BadInput_LocalisedErrorsNoIdentity(string language)
    {
        using var bare = new UraFactory();
        var client = await bare.SignInAsync(Demo.SystemAdmin, language);

        var response = await PostPageAsync(client, "/admin/federation?handler=Init",
            new() { ["Input.Id"] = "AL!", ["Input.Country"] = "ZZ", ["Input.Url"] = "ftp://x" }, "/admin/federation");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(bare.Text("Federation.Node.BadId", language), html, StringComparison.Ordinal);
        Assert.Contains(bare.Text("Federation.Node.UnknownCountry", language), html, StringComparison.Ordinal);
        Assert.Contains(bare.Text("Federation.Node.BadUrl", language), html, StringComparison.Ordinal);
        Assert.Equal(0, await bare.WithDb(db => db.NodeIdentity.CountAsync()));

        var created = await PostPageAsync(client, "/admin/federation?handler=Init",
            new() { ["Input.Id"] = "al", ["Input.Country"] = "AL", ["Input.Url"] = "https://ura.example.al" }, "/admin/federation");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("al", await bare.WithDb(db => db.NodeIdentity.Select(n => n.NodeId).SingleAsync()));
        var again = await PostPageAsync(client, "/admin/federation?handler=Init",
            new() { ["Input.Id"] = "al2", ["Input.Country"] = "AL", ["Input.Url"] = "https://ura.example.al" }, "/admin/federation");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("al", await bare.WithDb(db => db.NodeIdentity.Select(n => n.NodeId).SingleAsync()));
    }
}
