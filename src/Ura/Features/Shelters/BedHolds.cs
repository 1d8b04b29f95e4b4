using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Jobs;

namespace Ura.Features.Shelters;

/// <summary>The <c>Ura:Shelters</c> settings.</summary>
public sealed class ShelterOptions
{
    public const string Section = "Ura:Shelters";

    /// <summary>How long a referral keeps a bed: from sending, and again from acceptance.</summary>
    public int HoldHours { get; set; } = 24;

    public TimeSpan HoldTime => TimeSpan.FromHours(Math.Clamp(HoldHours, 1, 24 * 14));

    /// <summary>How often every peer gets an availability snapshot even when no bed changed, so a lost one is made good.</summary>
    public TimeSpan AvailabilityRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often the job looks for beds changed since each peer's last snapshot: the longest a peer's
    /// board lags behind, and the debounce (all changes within it travel in one snapshot).
    /// </summary>
    public TimeSpan AvailabilityLookInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>A facility a referral to a shelter service can hold a bed in, as the referring worker sees it (never an address).</summary>
public sealed record HoldFacility(Guid Id, string Name, string City, string? Region, int FreeBeds);

/// <summary>The bed a referral holds, as its sender sees it.</summary>
public sealed record HeldBed(Guid FacilityId, string FacilityName, string City, DateTime HeldUntil);

/// <summary>
/// Beds kept for a referral to a shelter service: held when it is sent, given back when it is declined
/// or withdrawn, kept longer when it is accepted (so the shelter can admit), and released by
/// <see cref="ShelterHoldExpiry"/> once the time runs out. Every change republishes the service's capacity.
/// </summary>
public sealed class BedHolds(UraDbContext db, AuditLog audit, IOptions<ShelterOptions> options)
{
    public TimeSpan HoldTime => options.Value.HoldTime;

    /// <summary>The active facilities giving a service, with their free beds; empty when it is not a shelter service.</summary>
    public async Task<IReadOnlyList<HoldFacility>> FacilitiesAsync(Guid serviceId, CancellationToken ct) =>
        await db.ShelterFacilities.AsNoTracking().Where(f => f.ServiceId == serviceId && f.IsActive).OrderBy(f => f.Name)
            .Select(f => new HoldFacility(f.Id, f.Name, f.City, f.Region, f.Beds.Count(b => b.Status == BedStatus.Available)))
            .ToListAsync(ct);

    /// <summary>What a bed for this person may be: a child's bed or a cot for a child when there is one, else an adult bed.</summary>
    public static IReadOnlyList<BedType> BedTypesFor(AgeBand band) =>
        ShelterEligibility.IsChild(band) ? [BedType.Child, BedType.Cot, BedType.Adult] : [BedType.Adult, BedType.Accessible];

    /// <summary>
    /// Finds the bed a referral would hold, in <paramref name="facilityId"/> or, when none is named, in the
    /// first facility of the service that serves the person and has a suitable bed free. Changes nothing,
    /// so the caller can check everything else before holding it with <see cref="Hold"/>.
    /// </summary>
    public async Task<(Bed? Bed, RuleError? Error)> FindAsync(Guid serviceId, Guid? facilityId, Gender gender, AgeBand band, string field, CancellationToken ct)
    {
        var facilities = await db.ShelterFacilities.AsNoTracking().Where(f => f.ServiceId == serviceId && f.IsActive).OrderBy(f => f.Name).ToListAsync(ct);
        if (facilities.Count == 0)
            return (null, new(field, "Shelters.NoFacility"));
        if (facilityId is { } chosen)
        {
            facilities = facilities.Where(f => f.Id == chosen).ToList();
            if (facilities.Count == 0)
                return (null, new(field, "Shelters.UnknownFacility"));
            if (!ShelterEligibility.Serves(facilities[0], gender, band))
                return (null, new(field, "Shelters.NotServed"));
        }
        var serving = facilities.Where(f => ShelterEligibility.Serves(f, gender, band)).Select(f => f.Id).ToList();
        if (serving.Count == 0)
            return (null, new(field, "Shelters.NotServed"));
        var types = BedTypesFor(band);
        var free = await db.ShelterBeds.Where(b => serving.Contains(b.FacilityId) && b.Status == BedStatus.Available && types.Contains(b.Type))
            .ToListAsync(ct);
        var bed = free.OrderBy(b => serving.IndexOf(b.FacilityId)).ThenBy(b => types.ToList().IndexOf(b.Type))
            .ThenBy(b => b.Room).ThenBy(b => b.Label).FirstOrDefault();
        return bed is null ? (null, new(field, "Shelters.NoBedFree")) : (bed, null);
    }

    /// <summary>Holds the bed <see cref="FindAsync"/> found for the referral, from <paramref name="now"/> for the hold time.</summary>
    public async Task<RuleError?> HoldAsync(Bed bed, Guid referralId, DateTime now, CancellationToken ct)
    {
        if (bed.Hold(referralId, now + HoldTime, now) is { } refused)
            return refused;
        audit.Record("shelter.hold", nameof(Bed), bed.Id, $"referral={referralId}");
        await RefreshAsync([bed.FacilityId], now, ct);
        return null;
    }

    /// <summary>Gives back the bed a referral holds (declined, withdrawn, completed, or the person was placed elsewhere).</summary>
    public async Task ReleaseAsync(Guid referralId, DateTime now, CancellationToken ct)
    {
        // Filtered again in memory: a bed held for the referral may just have been occupied by it, unsaved.
        var beds = (await db.ShelterBeds.Where(b => b.HoldReferralId == referralId && b.Status == BedStatus.Held).ToListAsync(ct))
            .Where(b => b.Status == BedStatus.Held && b.HoldReferralId == referralId).ToList();
        foreach (var bed in beds)
        {
            bed.Release(now);
            audit.Record("shelter.hold.release", nameof(Bed), bed.Id, $"referral={referralId}");
        }
        await RefreshAsync(beds.Select(b => b.FacilityId), now, ct);
    }

    /// <summary>Keeps the held bed for the hold time from acceptance, so the shelter has time to admit.</summary>
    public async Task ExtendAsync(Guid referralId, DateTime acceptedAt, CancellationToken ct)
    {
        var beds = await db.ShelterBeds.Where(b => b.HoldReferralId == referralId && b.Status == BedStatus.Held).ToListAsync(ct);
        foreach (var bed in beds)
        {
            bed.HeldUntil = acceptedAt + HoldTime;
            bed.Version++;
            audit.Record("shelter.hold.extend", nameof(Bed), bed.Id, $"referral={referralId}");
        }
    }

    /// <summary>Releases every hold whose time ran out; returns how many.</summary>
    public async Task<int> ExpireAsync(DateTime now, CancellationToken ct)
    {
        var expired = await db.ShelterBeds.Where(b => b.Status == BedStatus.Held && b.HeldUntil < now).OrderBy(b => b.HeldUntil).Take(500).ToListAsync(ct);
        foreach (var bed in expired)
        {
            audit.Record("shelter.hold.expire", nameof(Bed), bed.Id, $"referral={bed.HoldReferralId}");
            bed.Release(now);
        }
        await RefreshAsync(expired.Select(b => b.FacilityId), now, ct);
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }

    /// <summary>Republishes the bed capacity of the services of these facilities.</summary>
    public async Task RefreshAsync(IEnumerable<Guid> facilityIds, DateTime now, CancellationToken ct)
    {
        var ids = facilityIds.Distinct().ToList();
        if (ids.Count == 0)
            return;
        var services = await db.ShelterFacilities.Where(f => ids.Contains(f.Id)).Select(f => f.ServiceId).Distinct().ToListAsync(ct);
        foreach (var serviceId in services)
            await ShelterCapacity.RefreshAsync(db, serviceId, now, ct);
    }
}

/// <summary>
/// Gives back beds whose hold ran out (the referral was not accepted, or the person not admitted, in
/// time). Runs every <c>Ura:Jobs:ShelterHoldInterval</c> (default five minutes).
/// </summary>
public sealed class ShelterHoldExpiry(BedHolds holds, TimeProvider clock, ILogger<ShelterHoldExpiry> log) : IJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            var released = await holds.ExpireAsync(clock.GetUtcNow().UtcDateTime, ct);
            if (released > 0)
                log.LogInformation("Released {Count} expired bed holds", released);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone admitted or released one of these beds meanwhile; the next run looks again.
            log.LogInformation("A bed changed while its hold expired; trying again next run");
        }
    }
}
