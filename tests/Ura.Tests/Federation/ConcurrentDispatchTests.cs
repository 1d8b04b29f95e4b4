using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Federation;

/// <summary>
/// Two application processes of node "al" on one database, both dispatching at once (on PostgreSQL
/// this is the real deployment), and a receipt lost on the way back.
/// </summary>
public sealed class ConcurrentDispatchTests
{
    /// <summary>A second process of an existing node: same database, keys and data directory, its own dispatcher.</summary>
    private sealed class SecondProcess(NodeFactory first, NodeFactory peer) : UraFactory(first)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddHttpClient(FederationDispatcher.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => peer.Server.CreateHandler()));
        }

        public async Task<int> DispatchAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<FederationDispatcher>().DeliverDueAsync(25, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Deliver_TwoProcessesOfOneNodeAtOnce_EveryMessageDeliveredOnce()
    {
        using var network = await FederationNetwork.CreateAsync();
        var al = network["al"];
        using var second = new SecondProcess(al, network["xk"]);
        const int count = 120;
        var correlations = Enumerable.Range(0, 6).Select(_ => Guid.CreateVersion7()).ToList();
        await al.InScope(async s =>
        {
            var sender = s.GetRequiredService<FederationSender>();
            for (var i = 0; i < count; i++)
                await sender.SendAsync("xk", PingHandler.MessageType, correlations[i % correlations.Count], new { i }, CancellationToken.None);
            await s.GetRequiredService<UraDbContext>().SaveChangesAsync();
        });

        async Task DispatchUntilQuiet(Func<Task<int>> dispatch)
        {
            while (await al.WithDb(db => db.FederationOutbox.AnyAsync(o => o.Status == OutboxStatus.Pending)))
                await dispatch();
        }
        async Task<int> FirstDispatch()
        {
            await using var scope = al.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<FederationDispatcher>().DeliverDueAsync(25, CancellationToken.None);
        }
        await Task.WhenAll(Task.Run(() => DispatchUntilQuiet(FirstDispatch)), Task.Run(() => DispatchUntilQuiet(second.DispatchAsync)));

        var outbox = await al.WithDb(db => db.FederationOutbox.AsNoTracking().ToListAsync());
        Assert.Equal(count, outbox.Count);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Delivered, o.Status));
        Assert.All(outbox, o => Assert.Equal(1, o.Attempts));
        var inbox = await network["xk"].WithDb(db => db.FederationInbox.AsNoTracking().ToListAsync());
        Assert.Equal(count, inbox.Count);
        Assert.All(inbox, m => Assert.Equal(1, m.Deliveries));
        Assert.All(inbox, m => Assert.Equal(InboxStatus.Applied, m.Status));
        Assert.Equal(count, await network["xk"].WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.applied")));
        var streams = await network["xk"].WithDb(db => db.MessageStreams.Where(s => s.Direction == StreamDirection.Incoming).Select(s => s.Sequence).ToListAsync());
        Assert.All(streams, last => Assert.Equal(count / correlations.Count, last));
    }

    [Fact]
    public async Task Deliver_ReceiptLostAndSentAgain_AppliedOnceDeliveriesTwo()
    {
        using var network = await FederationNetwork.CreateAsync();
        var outbox = await network["al"].InScope(async s =>
        {
            var message = await s.GetRequiredService<FederationSender>().SendAsync("xk", PingHandler.MessageType, Guid.CreateVersion7(), new { }, CancellationToken.None);
            await s.GetRequiredService<UraDbContext>().SaveChangesAsync();
            return message;
        });
        await network.DeliverAllAsync();
        // As if the receipt never came back: the sender still thinks it is pending.
        await network["al"].WithDb(db => db.FederationOutbox.Where(o => o.Id == outbox.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Pending).SetProperty(o => o.Receipt, (string?)null)));

        await network.DeliverAllAsync();

        var sent = await network["al"].WithDb(db => db.FederationOutbox.AsNoTracking().SingleAsync());
        Assert.Equal(OutboxStatus.Delivered, sent.Status);
        Assert.Contains("\"status\":\"duplicate\"", sent.Receipt, StringComparison.Ordinal);
        var received = await network["xk"].WithDb(db => db.FederationInbox.AsNoTracking().SingleAsync());
        Assert.Equal(2, received.Deliveries);
        Assert.Equal(1, await network["xk"].WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.applied" && a.EntityId == outbox.Id.ToString())));
    }
}
