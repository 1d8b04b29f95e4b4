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
}
