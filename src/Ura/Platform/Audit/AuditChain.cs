using Microsoft.EntityFrameworkCore;
using Ura.Platform.Data;

namespace Ura.Platform.Audit;

/// <summary>Appends to and verifies the hash chain.</summary>
public static class AuditChain
{
    // Any constant will do; it only has to be the same in every process that writes the chain.
    private const long PostgresLockKey = 0x5572615F41756474; // "Ura_Audt"

    /// <summary>
    /// Serialises writers so two processes never link to the same previous event. PostgreSQL takes an
    /// advisory lock held until the transaction ends; SQLite transactions here are already
    /// <c>BEGIN IMMEDIATE</c>, so writers are serialised by the database file.
    /// </summary>
    internal static async Task LockAsync(UraDbContext db, CancellationToken ct)
    {
        if (db.IsPostgres)
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
    }

    internal static async Task LinkAsync(UraDbContext db, IReadOnlyList<AuditEvent> pending, CancellationToken ct)
    {
        var last = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? AuditEvent.GenesisHash;
        foreach (var e in pending)
        {
            e.Sequence = ++sequence;
            e.PreviousHash = previous;
            e.Hash = e.ComputeHash();
            previous = e.Hash;
        }
    }

    /// <summary>The outcome of <see cref="VerifyAsync"/>: null problem means the chain is whole up to <see cref="Head"/>.</summary>
    public sealed record Verification(long EventsChecked, long? BrokenAtSequence, string? Problem, string? Head = null);

    /// <summary>Recomputes the whole chain in sequence order, a page at a time.</summary>
    public static async Task<Verification> VerifyAsync(UraDbContext db, CancellationToken ct)
    {
        const int page = 1000;
        long expected = 1, checkedCount = 0;
        var previous = AuditEvent.GenesisHash;
        while (true)
        {
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence >= expected)
                .OrderBy(e => e.Sequence)
                .Take(page)
                .ToListAsync(ct);
            if (batch.Count == 0)
                return new Verification(checkedCount, null, null, $"{expected - 1}:{previous}");
            foreach (var e in batch)
            {
                if (e.Sequence != expected)
                    return new Verification(checkedCount, expected, $"event {expected} is missing (next present is {e.Sequence})");
                if (e.PreviousHash != previous)
                    return new Verification(checkedCount, e.Sequence, $"event {e.Sequence} does not link to event {e.Sequence - 1}");
                if (e.ComputeHash() != e.Hash)
                    return new Verification(checkedCount, e.Sequence, $"event {e.Sequence} was altered: its contents do not match its hash");
                previous = e.Hash;
                expected++;
                checkedCount++;
            }
        }
    }
}
