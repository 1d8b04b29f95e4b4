using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Federation;
using Ura.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ura.Tests.FederationProcesses;

/// <summary>
/// The federation's reliability with real <c>serve</c> processes on loopback, each node its own
/// database: receivers killed with SIGKILL while messages flow, and two processes of one node
/// dispatching from one database. One class, so these heavy tests never run at the same time.
/// </summary>
[Collection(nameof(FederationProcessCollection))]
public sealed class DeliveryUnderFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Deliver_ReceiverKilledAndRestartedWhileThousandMessagesFlow_EachAppliedOnceInOrderNoneLost()
    {
        await using var federation = await ProcessFederation.CreateAsync([("al", "AL"), ("xk", "XK"), ("mk", "MK")]);
        NodeProcess al = federation["al"], xk = federation["xk"], mk = federation["mk"];

        // 1,000 messages for XK: AL and MK each commit 500, one transaction each, in 25 conversations.
        var senders = Task.WhenAll(
            al.CliAsync("peers", "ping", "xk", "--count", "500", "--correlations", "25"),
            mk.CliAsync("peers", "ping", "xk", "--count", "500", "--correlations", "25"));
        // Killed three times while the messages are being committed and sent, and once more after.
        var kills = 0;
        for (; kills < 3; kills++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            xk.Kill();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await xk.StartAsync();
        }
        await senders;
        xk.Kill();
        kills++;
        await xk.StartAsync();

        await WaitUntilAsync("every message delivered and applied", async () =>
            await DeliveredAsync(al) == 500 && await DeliveredAsync(mk) == 500 && await AppliedAsync(xk) == 1000,
            async () => $"al delivered {await DeliveredAsync(al)}, mk delivered {await DeliveredAsync(mk)}, xk applied {await AppliedAsync(xk)}");

        var sent = (await OutboxAsync(al)).Concat(await OutboxAsync(mk)).ToList();
        Assert.Equal(1000, sent.Count);
        Assert.All(sent, o => Assert.Equal(OutboxStatus.Delivered, o.Status));

        var inbox = await xk.WithDb(db => db.FederationInbox.AsNoTracking().ToListAsync());
        Assert.Equal(1000, inbox.Count);
        Assert.All(inbox, m => Assert.Equal(InboxStatus.Applied, m.Status));
        Assert.Equal(sent.Select(o => o.Id).Order(), inbox.Select(m => m.Id).Order());

        // Exactly once: one "federation.applied" audit event per envelope, and none for anything else.
        var applied = await xk.WithDb(db => db.AuditEvents.AsNoTracking().Where(a => a.Action == "federation.applied")
            .OrderBy(a => a.Sequence).Select(a => a.EntityId!).ToListAsync());
        Assert.Equal(1000, applied.Count);
        Assert.Equal(inbox.Select(m => m.Id.ToString()).Order(), applied.Order());

        // In order: within each conversation the audit log shows sequence 1, 2, 3... with nothing skipped.
        var byId = inbox.ToDictionary(m => m.Id.ToString());
        var conversations = applied.Select(id => byId[id]).GroupBy(m => (m.SenderNodeId, m.CorrelationId)).ToList();
        Assert.Equal(50, conversations.Count);
        Assert.All(conversations, c => Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), c.Select(m => m.Sequence)));

        // The audit chain survived the kills.
        Assert.Contains("intact", await xk.CliAsync("audit", "verify"), StringComparison.OrdinalIgnoreCase);

        output.WriteLine($"XK killed {kills} times; delivery attempts {sent.Sum(o => o.Attempts)} for 1000 messages; " +
            $"envelopes that arrived more than once (receipt lost in a kill) {inbox.Count(m => m.Deliveries > 1)}.");
    }

    [Fact]
    public async Task Deliver_TwoProcessesOfOneNodeDispatchingFromOneDatabase_NoMessageSentTwice()
    {
        var settings = new Dictionary<string, string?>(ProcessFederation.QuickRetries)
        {
            // Each POST to a peer is logged, so each process's share of the deliveries can be counted.
            ["Logging__LogLevel__System.Net.Http.HttpClient.federation.LogicalHandler"] = "Information",
        };
        await using var federation = await ProcessFederation.CreateAsync([("al", "AL"), ("xk", "XK")], settings: settings);
        NodeProcess al = federation["al"], xk = federation["xk"];
        await using var alSecond = al.SecondProcess();
        await alSecond.StartAsync();

        await al.CliAsync("peers", "ping", "xk", "--count", "300", "--correlations", "10");

        await WaitUntilAsync("every message delivered and applied", async () => await DeliveredAsync(al) == 300 && await AppliedAsync(xk) == 300,
            async () => $"al delivered {await DeliveredAsync(al)}, xk applied {await AppliedAsync(xk)}");

        var inbox = await xk.WithDb(db => db.FederationInbox.AsNoTracking().ToListAsync());
        Assert.Equal(300, inbox.Count);
        Assert.All(inbox, m => Assert.Equal(1, m.Deliveries));
        Assert.All(await OutboxAsync(al), o => Assert.Equal(1, o.Attempts));
        var posts = new[] { al, alSecond }.Select(p => CountPosts(p.Output)).ToList();
        // A POST carries up to 50 envelopes, so the counts say only that both processes took part.
        output.WriteLine($"POSTs to the peer: first process {posts[0]}, second process {posts[1]}.");
        Assert.All(posts, p => Assert.True(p > 0, "both processes dispatched"));
    }

    private static int CountPosts(string log) =>
        log.Split('\n').Count(l => l.Contains("Start processing HTTP request POST", StringComparison.Ordinal));

    private static Task<List<OutboxMessage>> OutboxAsync(NodeProcess node) =>
        node.WithDb(db => db.FederationOutbox.AsNoTracking().ToListAsync());

    private static Task<int> DeliveredAsync(NodeProcess node) =>
        node.WithDb(db => db.FederationOutbox.CountAsync(o => o.Status == OutboxStatus.Delivered));

    private static Task<int> AppliedAsync(NodeProcess node) =>
        node.WithDb(db => db.FederationInbox.CountAsync(m => m.Status == InboxStatus.Applied));

    /// <summary>Polls until <paramref name="done"/>; the limit guards against a hang and is no timing assertion.</summary>
    internal static async Task WaitUntilAsync(string what, Func<Task<bool>> done, Func<Task<string>> state)
    {
        var guard = Stopwatch.StartNew();
        while (!await done())
        {
            if (guard.Elapsed > TimeSpan.FromMinutes(3))
                Assert.Fail($"Not reached: {what}. {await state()}");
            await Task.Delay(250);
        }
    }
}

[CollectionDefinition(nameof(FederationProcessCollection), DisableParallelization = true)]
public sealed class FederationProcessCollection;
