using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;

namespace Ura.Features.Shelters;

/// <summary>A room to add, with how many beds of one type.</summary>
public sealed class RoomInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(60, ErrorMessage = "Validation.TooLong"), Display(Name = "Shelters.Field.Room")]
    public string? Room { get; set; }

    [Display(Name = "Shelters.Field.BedCount")]
    public int? Count { get; set; }

    /// <summary>A <see cref="BedType"/> name.</summary>
    [Display(Name = "Shelters.Field.BedType")]
    public string? Type { get; set; }
}

/// <summary>What to change on one bed; a value left out stays as it is.</summary>
public sealed class BedChangeInput
{
    [StringLength(60, ErrorMessage = "Validation.TooLong")]
    public string? Room { get; set; }

    [StringLength(60, ErrorMessage = "Validation.TooLong")]
    public string? Label { get; set; }

    /// <summary>A <see cref="BedType"/> name.</summary>
    public string? Type { get; set; }

    /// <summary>False takes a free bed out of service; true brings it back.</summary>
    public bool? InService { get; set; }
}

/// <summary>A bed as the shelter's staff see it. <see cref="CanRemove"/>: free or out of service, and never had a resident.</summary>
public sealed record BedView(Guid Id, string Room, string Label, BedType Type, BedStatus Status, DateTime? HeldUntil, DateTime StatusChangedAt, bool CanRemove);

/// <summary>
/// The rooms and beds of a facility: add a room with beds, rename a bed, change its type, take it
/// out of service or back, remove one that never had a resident. Status changes go only through
/// the <see cref="Bed"/> methods, and every change recounts the service's published bed capacity.
/// </summary>
public sealed class RoomsAndBeds(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    /// <summary>Most beds one "add a room" may create: a room, not a building.</summary>
    public const int MaxBedsAtOnce = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<ShelterFacility?> FacilityAsync(Guid id, CancellationToken ct) =>
        db.ShelterFacilities.OfOwnOrganisation(user).FirstOrDefaultAsync(f => f.Id == id, ct);

    /// <summary>The facility's beds by room; null when the facility is not the user's organisation's.</summary>
    public async Task<IReadOnlyList<BedView>?> ListAsync(Guid facilityId, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return null;
        var beds = await db.ShelterBeds.AsNoTracking().Where(b => b.FacilityId == facility.Id)
            .OrderBy(b => b.Room.Length).ThenBy(b => b.Room).ThenBy(b => b.Label).ToListAsync(ct);
        var used = await BedsWithStaysAsync(facility.Id, ct);
        return [.. beds.Select(b => View(b, used.Contains(b.Id)))];
    }

    public async Task<CommandResult<IReadOnlyList<BedView>>> AddRoomAsync(Guid facilityId, RoomInput input, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return CommandResult<IReadOnlyList<BedView>>.NotFound();
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(input.Room))
            errors.Add(new(nameof(input.Room), "Validation.Required"));
        else if (input.Room.Trim().Length > 60)
            errors.Add(new(nameof(input.Room), "Validation.TooLong"));
        if (input.Count is not (>= 1 and <= MaxBedsAtOnce))
            errors.Add(new(nameof(input.Count), "Shelters.BedCountRange"));
        if (!PersonRules.IsValue<BedType>(input.Type))
            errors.Add(new(nameof(input.Type), "Shelters.UnknownBedType"));
        if (errors.Count > 0)
            return CommandResult<IReadOnlyList<BedView>>.Refused([.. errors]);

        var now = Now;
        var room = input.Room!.Trim();
        var taken = (await db.ShelterBeds.Where(b => b.FacilityId == facility.Id && b.Room == room).Select(b => b.Label).ToListAsync(ct))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = NewLabels(taken, input.Count!.Value).Select(label => new Bed
        {
            FacilityId = facility.Id, OrganisationId = facility.OrganisationId, Room = room, Label = label,
            Type = Enum.Parse<BedType>(input.Type!), StatusChangedAt = now,
        }).ToList();
        db.ShelterBeds.AddRange(added);
        await ShelterCapacity.RefreshAsync(db, facility.ServiceId, now, ct);
        audit.Record("shelter.beds.add", nameof(ShelterFacility), facility.Id, $"beds={added.Count};type={input.Type}");
        await db.SaveChangesAsync(ct);
        return CommandResult<IReadOnlyList<BedView>>.Done([.. added.Select(b => View(b, hadStays: false))]);
    }

    public async Task<CommandResult<BedView>> ChangeAsync(Guid facilityId, Guid bedId, BedChangeInput input, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return CommandResult<BedView>.NotFound();
        var bed = await db.ShelterBeds.FirstOrDefaultAsync(b => b.Id == bedId && b.FacilityId == facility.Id, ct);
        if (bed is null)
            return CommandResult<BedView>.NotFound();

        var errors = new List<RuleError>();
        var room = input.Room is null ? bed.Room : input.Room.Trim();
        var label = input.Label is null ? bed.Label : input.Label.Trim();
        if (room.Length == 0)
            errors.Add(new(nameof(input.Room), "Validation.Required"));
        if (label.Length == 0)
            errors.Add(new(nameof(input.Label), "Validation.Required"));
        if (room.Length > 60 || label.Length > 60)
            errors.Add(new(room.Length > 60 ? nameof(input.Room) : nameof(input.Label), "Validation.TooLong"));
        if (input.Type is not null && !PersonRules.IsValue<BedType>(input.Type))
            errors.Add(new(nameof(input.Type), "Shelters.UnknownBedType"));
        if (errors.Count == 0 && (room != bed.Room || label != bed.Label)
            && await db.ShelterBeds.AnyAsync(b => b.FacilityId == facility.Id && b.Id != bed.Id && b.Room == room && b.Label == label, ct))
            errors.Add(new(nameof(input.Label), "Shelters.BedLabelTaken"));
        var now = Now;
        if (errors.Count == 0 && input.InService is { } inService && bed.SetInService(inService, now) is { } refused)
            errors.Add(refused with { Field = nameof(input.InService) });
        if (errors.Count > 0)
            return CommandResult<BedView>.Refused([.. errors]);

        bed.Room = room;
        bed.Label = label;
        if (input.Type is not null)
            bed.Type = Enum.Parse<BedType>(input.Type);
        bed.Version++;
        await ShelterCapacity.RefreshAsync(db, facility.ServiceId, now, ct);
        audit.Record("shelter.bed.change", nameof(Bed), bed.Id, $"facility={facility.Id};status={bed.Status};type={bed.Type}");
        if (!await SavedAsync(ct))
            return CommandResult<BedView>.Refused("", "Shelters.BedChangedMeanwhile");
        return CommandResult<BedView>.Done(View(bed, (await BedsWithStaysAsync(facility.Id, ct)).Contains(bed.Id)));
    }

    /// <summary>Removes a bed entered by mistake; one that ever had a resident stays in the records (take it out of service instead).</summary>
    public async Task<CommandResult<BedView>> RemoveAsync(Guid facilityId, Guid bedId, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return CommandResult<BedView>.NotFound();
        var bed = await db.ShelterBeds.FirstOrDefaultAsync(b => b.Id == bedId && b.FacilityId == facility.Id, ct);
        if (bed is null)
            return CommandResult<BedView>.NotFound();
        if (bed.Status is BedStatus.Occupied or BedStatus.Held)
            return CommandResult<BedView>.Refused("", "Shelters.BedInUse");
        if ((await BedsWithStaysAsync(facility.Id, ct)).Contains(bed.Id))
            return CommandResult<BedView>.Refused("", "Shelters.BedHadStays");
        db.ShelterBeds.Remove(bed);
        await ShelterCapacity.RefreshAsync(db, facility.ServiceId, Now, ct);
        audit.Record("shelter.bed.remove", nameof(Bed), bed.Id, $"facility={facility.Id}");
        if (!await SavedAsync(ct))
            return CommandResult<BedView>.Refused("", "Shelters.BedChangedMeanwhile");
        return CommandResult<BedView>.Done(View(bed, hadStays: false));
    }

    /// <summary>Saves; false when someone changed the bed meanwhile (its version moved on), nothing saved then.</summary>
    private async Task<bool> SavedAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Beds that ever had a resident: a stay's bed, or either end of a move.</summary>
    private async Task<HashSet<Guid>> BedsWithStaysAsync(Guid facilityId, CancellationToken ct)
    {
        var stays = await db.ShelterStays.Where(s => s.FacilityId == facilityId).Select(s => new { s.Id, s.BedId }).ToListAsync(ct);
        var stayIds = stays.Select(s => s.Id).ToList();
        var moves = await db.ShelterBedMoves.Where(m => stayIds.Contains(m.StayId)).Select(m => new { m.FromBedId, m.ToBedId }).ToListAsync(ct);
        return [.. stays.Select(s => s.BedId), .. moves.Select(m => m.FromBedId), .. moves.Select(m => m.ToBedId)];
    }

    /// <summary>Letters A to Z as the staff label beds in a room, then numbers; skipping labels the room already has.</summary>
    private static IEnumerable<string> NewLabels(HashSet<string> taken, int count) =>
        Enumerable.Range(0, int.MaxValue)
            .Select(i => i < 26 ? ((char)('A' + i)).ToString() : (i + 1).ToString(CultureInfo.InvariantCulture))
            .Where(label => !taken.Contains(label)).Take(count);

    private static BedView View(Bed b, bool hadStays) =>
        new(b.Id, b.Room, b.Label, b.Type, b.Status, b.HeldUntil, b.StatusChangedAt,
            CanRemove: !hadStays && b.Status is BedStatus.Available or BedStatus.OutOfService);
}
