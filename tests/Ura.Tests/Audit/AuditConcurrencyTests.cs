using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Audit;

/// <summary>Two application instances on one database (a scaled-out node) append to one unbroken chain.</summary>
public sealed class AuditConcurrencyTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task TwoInstancesWritingAtOnce_ChainStaysIntact()
    {
        using var second = UraFactory.SameNodeAs(factory);
        _ = factory.Server;
        _ = second.Server;
        var before = await factory.WithDb(db => db.AuditEvents.CountAsync());

        async Task Write(UraFactory app, int n)
        {
            for (var i = 0; i < n; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AuditLog>().Record("test.concurrent", "Test", i);
                await scope.ServiceProvider.GetRequiredService<UraDbContext>().SaveChangesAsync();
            }
        }
        await Task.WhenAll(
            Task.Run(() => Write(factory, 25)), Task.Run(() => Write(factory, 25)),
            Task.Run(() => Write(second, 25)), Task.Run(() => Write(second, 25)));

        var result = await factory.WithDb(db => AuditChain.VerifyAsync(db, default));
        Assert.Null(result.Problem);
        Assert.Equal(before + 100, result.EventsChecked);
    }
}
