using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Data;

namespace Ura.Platform.Jobs;

/// <summary>
/// Who runs a background job now: one row per job name. Several application processes share one
/// database; the one whose conditional update takes an expired lease runs the job, the others skip
/// that round. A process that dies keeps the lease only until it expires.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeasedUntil { get; set; }

    /// <summary>When a run last finished, for operators checking that the job is alive.</summary>
    public DateTime? LastRunAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> e)
    {
        e.HasKey(l => l.Name);
        e.Property(l => l.Name).HasMaxLength(100);
        e.Property(l => l.LeaseOwner).HasMaxLength(100);
    }
}

/// <summary>Takes and gives back job leases with conditional updates, which both SQLite and PostgreSQL apply atomically.</summary>
public sealed class JobLeases(UraDbContext db, TimeProvider clock)
{
    /// <summary>A name for this process and run, stored as the lease owner.</summary>
    public static string NewOwner()
    {
        var machine = Environment.MachineName;
        return $"{(machine.Length > 50 ? machine[..50] : machine)}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    }

    /// <summary>True when <paramref name="owner"/> now holds the lease of <paramref name="job"/> for <paramref name="duration"/>.</summary>
    public async Task<bool> TryAcquireAsync(string job, string owner, TimeSpan duration, CancellationToken ct)
    {
        // The row is created once; a second process inserting at the same moment is ignored, not an error.
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "JobLeases" ("Name") VALUES ({job}) ON CONFLICT ("Name") DO NOTHING""", ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        // Under PostgreSQL a racing update waits for the first one and then re-reads the condition, so only one wins.
        return await db.JobLeases
            .Where(l => l.Name == job && (l.LeasedUntil == null || l.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseOwner, owner).SetProperty(l => l.LeasedUntil, until), ct) == 1;
    }

    /// <summary>Gives the lease back after a run (only if still ours), so the next round need not wait for expiry.</summary>
    public Task ReleaseAsync(string job, string owner, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.JobLeases.Where(l => l.Name == job && l.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseOwner, (string?)null).SetProperty(l => l.LeasedUntil, (DateTime?)null).SetProperty(l => l.LastRunAt, now), ct);
    }
}
