using Microsoft.EntityFrameworkCore;
using Ura.Features.Directory;
using Ura.Platform.Data;

namespace Ura.Features.Shelters;

/// <summary>
/// Keeps what the directory publishes in step with the beds: a facility's service carries an HSDS 3.1
/// <c>service_capacity</c> in the unit "bed", counting the available beds (and, as its maximum, the
/// beds in service) of every active facility giving that service. Call it after changing a bed, in
/// the same unit of work: it counts the tracked beds with their unsaved changes.
/// </summary>
public static class ShelterCapacity
{
    public static async Task RefreshAsync(UraDbContext db, Guid serviceId, DateTime now, CancellationToken ct)
    {
        var facilities = await db.ShelterFacilities.Where(f => f.ServiceId == serviceId).ToListAsync(ct);
        // A facility moving to another service in this unit of work counts where it moves to.
        facilities.AddRange(db.ShelterFacilities.Local.Where(f => f.ServiceId == serviceId && db.Entry(f).State is EntityState.Added or EntityState.Modified));
        facilities = [.. facilities.Distinct().Where(f => f.ServiceId == serviceId)];
        var active = facilities.Where(f => f.IsActive).Select(f => f.Id).ToHashSet();
        // Tracked beds come back with their unsaved status; added ones are only in Local.
        var beds = await db.ShelterBeds.Where(b => active.Contains(b.FacilityId)).ToListAsync(ct);
        beds.AddRange(db.ShelterBeds.Local.Where(b => active.Contains(b.FacilityId) && db.Entry(b).State == EntityState.Added));
        beds.RemoveAll(b => db.Entry(b).State == EntityState.Deleted);

        var capacity = await db.ServiceCapacities.SingleOrDefaultAsync(c => c.ServiceId == serviceId && c.UnitId == ServiceTaxonomy.BedUnitId, ct);
        if (capacity is null)
        {
            capacity = new ServiceCapacity { ServiceId = serviceId, UnitId = ServiceTaxonomy.BedUnitId };
            db.ServiceCapacities.Add(capacity);
        }
        capacity.Available = beds.Count(b => b.Status == BedStatus.Available);
        capacity.Maximum = beds.Count(b => b.Status != BedStatus.OutOfService);
        capacity.UpdatedAt = now;
        foreach (var facility in facilities.Where(f => f.IsActive))
            facility.CapacityUpdatedAt = now;
        var service = await db.Services.SingleAsync(s => s.Id == serviceId, ct);
        service.ModifiedAt = now;
    }
}
