using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Data;
using Ura.Platform.Federation;

namespace Ura.Tests.Federation;

/// <summary>Delivery from the outbox: retries with growing backoff, dead letters, permanent and temporary refusals, bad receipts.</summary>
public sealed class DispatcherTests : IAsyncLifetime, IDisposable
{
    private readonly FederationTestNode node = new();
    private readonly TestPeer al = new("al");

    public async Task InitializeAsync() => await node.InitAsync(al);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        node.Dispose();
        al.Dispose();
    }

    private Task<OutboxMessage> QueuePingAsync() => node.InScope(async s =>
    {
        var message = await s.GetRequiredService<FederationSender>().SendAsync("al", PingHandler.MessageType, Guid.CreateVersion7(), new { }, CancellationToken.None);
        await s.GetRequiredService<UraDbContext>().SaveChangesAsync();
        return message;
    });

    private Task<OutboxMessage> OutboxAsync(Guid id) => node.WithDb(db => db.FederationOutbox.AsNoTracking().SingleAsync(o => o.Id == id));

    [Fact]
    public async Task Send_WithoutSave_NothingQueued()
    {
        await node.InScope(s => s.GetRequiredService<FederationSender>().SendAsync("al", PingHandler.MessageType, Guid.CreateVersion7(), new { }, CancellationToken.None));

        Assert.Equal(0, await node.WithDb(db => db.FederationOutbox.CountAsync()));
        Assert.Equal(0, await node.DispatchOnceAsync());
    }

    [Fact]
    public async Task Deliver_PeerUnreachable_RetriesWithGrowingBackoffThenDeadLetter()
    {
        var queued = await QueuePingAsync();
        var first = TimeSpan.FromSeconds(2);

        for (var attempt = 1; attempt < node.MaxAttempts; attempt++)
        {
            var triedAt = node.Clock.GetUtcNow().UtcDateTime;
            Assert.Equal(1, await node.DispatchOnceAsync());
            var message = await OutboxAsync(queued.Id);
            Assert.Equal(OutboxStatus.Pending, message.Status);
            Assert.Equal(attempt, message.Attempts);
            Assert.Equal("unreachable:HttpRequestException", message.LastError);
            Assert.Null(message.LeaseOwner);
            // Equal jitter: between half and all of FirstBackoff × 2^(attempt-1).
            var full = first * Math.Pow(2, attempt - 1);
            Assert.InRange(message.NextAttemptAt - triedAt, full / 2, full);

            Assert.Equal(0, await node.DispatchOnceAsync()); // not due yet
            node.Clock.Advance(message.NextAttemptAt - triedAt);
        }

        Assert.Equal(1, await node.DispatchOnceAsync());
        var dead = await OutboxAsync(queued.Id);
        Assert.Equal(OutboxStatus.Dead, dead.Status);
        Assert.Equal(node.MaxAttempts, dead.Attempts);
        node.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await node.DispatchOnceAsync());
    }

    [Fact]
    public async Task Deliver_PermanentRefusal_DeadLetterAtOnce()
    {
        node.Peer = _ => FederationTestNode.Refused(Refusals.BadSignature, HttpStatusCode.BadRequest);
        var queued = await QueuePingAsync();

        Assert.Equal(1, await node.DispatchOnceAsync());

        var message = await OutboxAsync(queued.Id);
        Assert.Equal(OutboxStatus.Dead, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal("refused:bad_signature", message.LastError);
    }

    [Fact]
    public async Task Deliver_TemporaryRefusal_RetriedLater()
    {
        node.Peer = _ => FederationTestNode.Refused(Refusals.SequenceGap, HttpStatusCode.Conflict);
        var queued = await QueuePingAsync();

        await node.DispatchOnceAsync();

        var message = await OutboxAsync(queued.Id);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal("refused:sequence_gap", message.LastError);
    }

    [Fact]
    public async Task Deliver_AnswerWithoutValidReceipt_NotMarkedDelivered()
    {
        var answers = new Queue<string>(["not json", "{\"v\":1}", "{\"v\":1,\"envelope\":null,\"sender\":null,\"receiver\":\"al\",\"digest\":null,\"status\":null,\"received\":null,\"signature\":null}"]);
        node.Peer = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answers.Dequeue()) };
        var queued = await QueuePingAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, await node.DispatchOnceAsync());
            var message = await OutboxAsync(queued.Id);
            Assert.Equal(OutboxStatus.Pending, message.Status);
            Assert.Equal("bad_receipt", message.LastError);
            node.Clock.Advance(TimeSpan.FromMinutes(5));
        }
    }

    [Fact]
    public async Task Deliver_FailsAfterExpiry_DeadLetter()
    {
        var queued = await QueuePingAsync();
        node.Clock.Advance(TimeSpan.FromDays(15));

        await node.DispatchOnceAsync();

        Assert.Equal(OutboxStatus.Dead, (await OutboxAsync(queued.Id)).Status);
    }

    [Fact]
    public async Task Deliver_PeerRemoved_DeadLetter()
    {
        var queued = await QueuePingAsync();
        Assert.True(await node.InScope(s => s.GetRequiredService<Peering>().RemoveAsync("al", CancellationToken.None)));

        await node.DispatchOnceAsync();

        var message = await OutboxAsync(queued.Id);
        Assert.Equal(OutboxStatus.Dead, message.Status);
        Assert.Equal("peer_removed", message.LastError);
    }
}
