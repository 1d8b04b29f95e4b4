using System.Net;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Platform;

public sealed class AuditChainTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task SaveChanges_ChangeThroughThePages_WritesEventsWhoseChainVerifies()
    {
        var before = await factory.WithDb(db => db.AuditEvents.CountAsync());
        var client = await factory.SignInAsync(Demo.Supervisor);
        var created = await UraFactory.PostFormAsync(client, "/account/tokens?handler=Create", new() { ["Input.Name"] = "audit test", ["Input.Days"] = "30" }, "/account/tokens");

        var (events, verification) = await factory.WithDb(async db =>
            (await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(), await AuditChain.VerifyAsync(db, CancellationToken.None)));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var written = events.Skip(before).Select(e => e.Action).ToList();
        Assert.Contains("auth.signin", written);
        Assert.Contains("token.create", written);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(AuditEvent.GenesisHash, events[0].PreviousHash);
        Assert.All(events.Skip(1).Zip(events), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.Null(verification.Problem);
        Assert.Null(verification.BrokenAtSequence);
        Assert.Equal(events.Count, verification.EventsChecked);
    }

    [Fact]
    public async Task SaveChanges_SeveralEventsInOneSave_LinkedInOrderAfterTheLast()
    {
        var last = await factory.WithDb(db => db.AuditEvents.OrderByDescending(e => e.Sequence).FirstAsync());

        var added = await factory.WithDb(async db =>
        {
            var events = new[] { "test.first", "test.second", "test.third" }.Select(Event).ToList();
            db.AuditEvents.AddRange(events);
            await db.SaveChangesAsync();
            return events;
        });

        Assert.Equal([last.Sequence + 1, last.Sequence + 2, last.Sequence + 3], added.Select(e => e.Sequence));
        Assert.Equal(last.Hash, added[0].PreviousHash);
        Assert.Equal(added[0].Hash, added[1].PreviousHash);
        Assert.Equal(added[1].Hash, added[2].PreviousHash);
        Assert.All(added, e => Assert.Equal(e.ComputeHash(), e.Hash));
    }

    [Fact]
    public async Task VerifyAsync_ActionChangedBySql_BrokenAtThatEvent()
    {
        await using var app = await FactoryWithEventsAsync();
        await app.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Action\" = {"auth.signin.failed"} WHERE \"Sequence\" = 2"));

        var result = await app.WithDb(db => AuditChain.VerifyAsync(db, CancellationToken.None));

        Assert.Equal(2, result.BrokenAtSequence);
        Assert.Equal(1, result.EventsChecked);
        Assert.Equal("event 2 was altered: its contents do not match its hash", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_RowChangedAndItsHashRecomputed_BrokenAtTheNextEvent()
    {
        await using var app = await FactoryWithEventsAsync();
        await app.WithDb(async db =>
        {
            var second = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == 2);
            second.Action = "auth.signin.failed";
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Action\" = {second.Action}, \"Hash\" = {second.ComputeHash()} WHERE \"Sequence\" = 2");
        });

        var result = await app.WithDb(db => AuditChain.VerifyAsync(db, CancellationToken.None));

        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal("event 3 does not link to event 2", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_MiddleRowDeletedBySql_ReportsItMissing()
    {
        await using var app = await FactoryWithEventsAsync();
        await app.WithDb(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = 2"));

        var result = await app.WithDb(db => AuditChain.VerifyAsync(db, CancellationToken.None));

        Assert.Equal(2, result.BrokenAtSequence);
        Assert.Equal(1, result.EventsChecked);
        Assert.Equal("event 2 is missing (next present is 3)", result.Problem);
    }

    [Fact]
    public async Task AuditVerifyCommand_IntactThenTampered_ExitsZeroThenOneNamingTheEvent()
    {
        await using var app = await FactoryWithEventsAsync();
        var count = await app.WithDb(db => db.AuditEvents.CountAsync());
        var environment = UraProcess.EnvironmentOf(app);

        var intact = await UraProcess.RunAsync(environment, "audit", "verify");
        await app.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Detail\" = {"edited"} WHERE \"Sequence\" = 3"));
        var broken = await UraProcess.RunAsync(environment, "audit", "verify");

        Assert.True(intact.ExitCode == 0, $"exit {intact.ExitCode}\n{intact.Output}\n{intact.Error}");
        Assert.Contains($"Audit chain intact: {count} events verified.", intact.Output, StringComparison.Ordinal);
        Assert.True(broken.ExitCode == 1, $"exit {broken.ExitCode}\n{broken.Output}\n{broken.Error}");
        Assert.Contains("AUDIT CHAIN BROKEN at event 3: event 3 was altered", broken.Error, StringComparison.Ordinal);
        Assert.Contains("2 events before it verified", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveChanges_AuditEventModified_ThrowsAndRowUnchanged()
    {
        var edited = "edited." + Guid.NewGuid().ToString("N");
        var error = await factory.WithDb(async db =>
        {
            var first = await db.AuditEvents.SingleAsync(e => e.Sequence == 1);
            first.Action = edited;
            return await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        var action = await factory.WithDb(db => db.AuditEvents.Where(e => e.Sequence == 1).Select(e => e.Action).SingleAsync());

        Assert.Equal("Audit events are append-only.", error.Message);
        Assert.NotEqual(edited, action);
    }

    [Fact]
    public async Task SaveChanges_AuditEventDeleted_ThrowsAndRowKept()
    {
        var error = await factory.WithDb(async db =>
        {
            db.AuditEvents.Remove(await db.AuditEvents.SingleAsync(e => e.Sequence == 1));
            return await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });

        Assert.Equal("Audit events are append-only.", error.Message);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Sequence == 1)));
    }

    [Fact]
    public async Task ExecuteUpdate_AuditEvents_ThrowsAndRowUnchanged()
    {
        var edited = "edited." + Guid.NewGuid().ToString("N");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDb(db =>
            db.AuditEvents.Where(e => e.Sequence == 1).ExecuteUpdateAsync(s => s.SetProperty(e => e.Action, edited))));

        Assert.Equal("Audit events are append-only.", error.Message);
        Assert.NotEqual(edited, await factory.WithDb(db => db.AuditEvents.Where(e => e.Sequence == 1).Select(e => e.Action).SingleAsync()));
    }

    [Fact]
    public async Task ExecuteDelete_AuditEvents_ThrowsAndRowKept()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDb(db =>
            db.AuditEvents.Where(e => e.Sequence == 1).ExecuteDeleteAsync()));

        Assert.Equal("Audit events are append-only.", error.Message);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Sequence == 1)));
    }

    /// <summary>A factory of its own (these tests break its chain) holding at least four events.</summary>
    private static async Task<UraFactory> FactoryWithEventsAsync()
    {
        var app = new UraFactory();
        await app.WithDb(async db =>
        {
            db.AuditEvents.AddRange(new[] { "test.one", "test.two", "test.three" }.Select(Event));
            await db.SaveChangesAsync();
        });
        return app;
    }

    private static AuditEvent Event(string action) => new()
    {
        At = AuditEvent.Truncate(DateTime.UtcNow),
        Action = action,
        Detail = "from " + nameof(AuditChainTests),
        PreviousHash = "",
        Hash = "",
    };
}
