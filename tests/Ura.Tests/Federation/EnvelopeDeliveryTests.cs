using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Federation;

public sealed class EnvelopeDeliveryTests
{
    [Fact]
    public async Task Ping_SentAndDispatched_AppliedOnceAtPeerWithSignedReceipt()
    {
        using var network = await FederationNetwork.CreateAsync();
        var correlation = Guid.CreateVersion7();
        await network["al"].InScope(async s =>
        {
            await s.GetRequiredService<FederationSender>().SendAsync("xk", PingHandler.MessageType, correlation, new { note = "hello" }, CancellationToken.None);
            await s.GetRequiredService<UraDbContext>().SaveChangesAsync();
        });

        await network.DeliverAllAsync();

        var outbox = await network["al"].WithDb(db => db.FederationOutbox.SingleAsync());
        Assert.Equal(OutboxStatus.Delivered, outbox.Status);
        Assert.Contains("\"receiver\":\"xk\"", outbox.Receipt, StringComparison.Ordinal);
        var inbox = await network["xk"].WithDb(db => db.FederationInbox.SingleAsync());
        Assert.Equal(InboxStatus.Applied, inbox.Status);
        Assert.Null(inbox.Payload);
        Assert.Equal(1, await network["xk"].WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.applied" && a.EntityId == inbox.Id.ToString())));
    }

    [Fact]
    public async Task ManyMessages_FiftyToADelivery_AllAppliedOnceInOrder()
    {
        using var network = await FederationNetwork.CreateAsync();
        var correlations = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToList();
        await network["al"].InScope(async s =>
        {
            var sender = s.GetRequiredService<FederationSender>();
            var db = s.GetRequiredService<UraDbContext>();
            for (var i = 0; i < 120; i++)
            {
                await sender.SendAsync("xk", PingHandler.MessageType, correlations[i % 3], new { n = i }, CancellationToken.None);
                await db.SaveChangesAsync();
            }
        });

        Assert.Equal(120, await network["al"].DispatchAsync());

        Assert.Equal(3, network["xk"].RequestsReceived); // 50 + 50 + 20
        Assert.All(await network["al"].WithDb(db => db.FederationOutbox.ToListAsync()), o => Assert.Equal(OutboxStatus.Delivered, o.Status));
        var inbox = await network["xk"].WithDb(db => db.FederationInbox.ToDictionaryAsync(m => m.Id.ToString()));
        Assert.Equal(120, inbox.Count);
        var applied = await network["xk"].WithDb(db => db.AuditEvents.Where(a => a.Action == "federation.applied")
            .OrderBy(a => a.Sequence).Select(a => a.EntityId!).ToListAsync());
        Assert.Equal(120, applied.Count);
        Assert.All(applied.Select(id => inbox[id]).GroupBy(m => m.CorrelationId),
            c => Assert.Equal(Enumerable.Range(1, 40).Select(n => (long)n), c.Select(m => m.Sequence)));
    }
}
