using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Referrals;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Shelters;

/// <summary>One resident's stay as shelter staff see it: the minimum, never the case.</summary>
public sealed record ResidentView(
    Guid Id, Guid BedId, string Room, string Bed, BedType BedType, string Reference, string FirstName, string AgeBand, string Gender,
    IReadOnlyList<string> Needs, DateOnly AdmittedOn, DateOnly? DischargedOn, DischargeDestination? Destination, string? DischargeNote,
    int Nights, bool FromReferral, int Version);

/// <summary>A facility's residents now, and its past stays (the occupancy history), newest first.</summary>
public sealed record ResidentsView(Guid FacilityId, string FacilityName, IReadOnlyList<ResidentView> Current, IReadOnlyList<ResidentView> Past,
    int PastPage, bool MorePast);

/// <summary>A bed a resident can be put in.</summary>
public sealed record FreeBed(Guid Id, string Room, string Label, BedType Type);

/// <summary>An accepted referral to the facility's service waiting for admission: what was shared, and the bed it holds here.</summary>
public sealed record AwaitingAdmission(Guid ReferralId, string? Reference, string? FirstName, string? AgeBand, string? Gender, DateTime? AcceptedAt,
    Guid? HeldBedId, string? HeldBed, DateTime? HeldUntil);

/// <summary>What the admission form offers: the referrals waiting and the free beds.</summary>
public sealed record AdmissionChoices(Guid FacilityId, string FacilityName, IReadOnlyList<AwaitingAdmission> Referrals, IReadOnlyList<FreeBed> Beds);

/// <summary>
/// Admitting a person: from an accepted referral to the facility's service (<see cref="ReferralId"/>) or from a
/// case of the operating organisation (<see cref="CaseReference"/>); one of the two. <see cref="BedId"/> may be
/// left out when the referral holds a bed here. The date defaults to today.
/// </summary>
public sealed class AdmissionInput
{
    public Guid? ReferralId { get; set; }

    [StringLength(40, ErrorMessage = "Validation.TooLong")]
    public string? CaseReference { get; set; }

    public Guid? BedId { get; set; }

    public DateOnly? AdmittedOn { get; set; }
}

/// <summary>Moving a resident to another free bed of the facility.</summary>
public sealed class MoveInput
{
    public Guid? BedId { get; set; }

    public DateOnly? MovedOn { get; set; }

    /// <summary>The stay's version the person saw; a stay changed since is refused.</summary>
    public int? Version { get; set; }
}

/// <summary>Discharging a resident: the date (not before admission, not in the future), where they went, a note.</summary>
public sealed class DischargeInput
{
    public DateOnly? DischargedOn { get; set; }

    /// <summary>A <see cref="DischargeDestination"/> name.</summary>
    public string? Destination { get; set; }

    [StringLength(2000, ErrorMessage = "Validation.TooLong")]
    public string? Note { get; set; }

    public int? Version { get; set; }
}

/// <summary>
/// A facility's residents, for the shelter managers of its organisation only (anyone else finds no
/// facility: 404): admission from an accepted referral or from the organisation's own case, moves,
/// discharges. Each step goes on the person's case timeline without the shelter manager reading the case.
/// </summary>
public sealed class ShelterResidents(UraDbContext db, CurrentUser user, AuditLog audit, CaseAccess access, BedHolds holds)
{
    public const int PastPageSize = 50;

    /// <summary>The facility if the user manages it: a shelter manager of its organisation.</summary>
    public Task<ShelterFacility?> FacilityAsync(Guid id, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.ShelterManager))
            return Task.FromResult<ShelterFacility?>(null);
        return db.ShelterFacilities.OfOwnOrganisation(user).SingleOrDefaultAsync(f => f.Id == id, ct);
    }

    /// <summary>Current residents and a page of past stays; null when the facility is out of scope. The read is audited.</summary>
    public async Task<ResidentsView?> ListAsync(Guid facilityId, int pastPage, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return null;
        pastPage = Math.Clamp(pastPage, 1, 10_000);
        var today = access.Today;
        var current = await Rows(facility.Id).Where(r => r.Stay.DischargedOn == null)
            .OrderBy(r => r.Bed.Room).ThenBy(r => r.Bed.Label).ToListAsync(ct);
        var past = await Rows(facility.Id).Where(r => r.Stay.DischargedOn != null)
            .OrderByDescending(r => r.Stay.DischargedOn).ThenByDescending(r => r.Stay.Id)
            .Skip((pastPage - 1) * PastPageSize).Take(PastPageSize + 1).ToListAsync(ct);
        await audit.ReadAsync("ShelterResidents", facility.Id, ct);
        return new ResidentsView(facility.Id, facility.Name, [.. current.Select(r => View(r.Stay, r.Bed, today))],
            [.. past.Take(PastPageSize).Select(r => View(r.Stay, r.Bed, today))], pastPage, past.Count > PastPageSize);
    }

    /// <summary>One stay of the facility; null when out of scope. The read is audited.</summary>
    public async Task<(ShelterFacility Facility, ResidentView Resident)?> ReadAsync(Guid facilityId, Guid stayId, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return null;
        var row = await Rows(facility.Id).SingleOrDefaultAsync(r => r.Stay.Id == stayId, ct);
        if (row is null)
            return null;
        await audit.ReadAsync(nameof(Stay), row.Stay.Id, ct);
        return (facility, View(row.Stay, row.Bed, access.Today));
    }

    /// <summary>The accepted referrals waiting for a bed here and the free beds; null when out of scope. The read is audited.</summary>
    public async Task<AdmissionChoices?> ChoicesAsync(Guid facilityId, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return null;
        var referrals = await Awaiting(facility).AsNoTracking().OrderBy(r => r.DecidedAt).Take(200).ToListAsync(ct);
        var ids = referrals.Select(r => r.Id).ToList();
        var held = await db.ShelterBeds.AsNoTracking()
            .Where(b => b.FacilityId == facility.Id && b.Status == BedStatus.Held && b.HoldReferralId != null && ids.Contains(b.HoldReferralId.Value))
            .ToListAsync(ct);
        await audit.ReadAsync("ShelterAdmissions", facility.Id, ct);
        return new AdmissionChoices(facility.Id, facility.Name, [.. referrals.Select(r =>
        {
            var shared = r.ConsentWithdrawnAt is null ? SharedRecord.Parse(r.SharedData) : [];
            var bed = held.FirstOrDefault(b => b.HoldReferralId == r.Id);
            return new AwaitingAdmission(r.Id, shared.GetValueOrDefault(nameof(SharedField.Reference)), shared.GetValueOrDefault(nameof(SharedField.FirstName)),
                Parse<AgeBand>(shared.GetValueOrDefault(nameof(SharedField.AgeBand)))?.ToString(), Parse<Gender>(shared.GetValueOrDefault(nameof(SharedField.Gender)))?.ToString(),
                r.DecidedAt, bed?.Id, bed is null ? null : $"{bed.Room} {bed.Label}", bed?.HeldUntil);
        })], await FreeBedsAsync(facility.Id, ct));
    }

    public Task<List<FreeBed>> FreeBedsAsync(Guid facilityId, CancellationToken ct) =>
        db.ShelterBeds.AsNoTracking().Where(b => b.FacilityId == facilityId && b.Status == BedStatus.Available)
            .OrderBy(b => b.Room).ThenBy(b => b.Label).Select(b => new FreeBed(b.Id, b.Room, b.Label, b.Type)).ToListAsync(ct);

    /// <summary>
    /// Admits a person to a bed. Refused (nothing changed) when neither or both sources are given, the referral
    /// is not an accepted one to this facility's service, the case is not the organisation's or is closed,
    /// the person is already resident, the facility does not serve them, or the bed is not free.
    /// </summary>
    public async Task<CommandResult<ResidentView>> AdmitAsync(Guid facilityId, AdmissionInput input, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return CommandResult<ResidentView>.NotFound();
        var now = access.Now;
        var today = access.Today;
        var admittedOn = input.AdmittedOn ?? today;
        if (admittedOn > today)
            return CommandResult<ResidentView>.Refused(nameof(AdmissionInput.AdmittedOn), "Shelters.DateInFuture");
        if (admittedOn < today.AddDays(-31))
            return CommandResult<ResidentView>.Refused(nameof(AdmissionInput.AdmittedOn), "Shelters.AdmissionTooLongAgo");
        var byReference = !string.IsNullOrWhiteSpace(input.CaseReference);
        if ((input.ReferralId is null) == !byReference)
            return CommandResult<ResidentView>.Refused("", "Shelters.ReferralOrCase");

        Stay stay;
        Referral? referral = null;
        Guid timelineCase;
        if (input.ReferralId is { } referralId)
        {
            referral = await Awaiting(facility).SingleOrDefaultAsync(r => r.Id == referralId, ct);
            if (referral is null)
                return CommandResult<ResidentView>.Refused(nameof(AdmissionInput.ReferralId), "Shelters.UnknownReferral");
            var shared = SharedRecord.Parse(referral.SharedData);
            if (!shared.TryGetValue(nameof(SharedField.Reference), out var reference)
                || !shared.TryGetValue(nameof(SharedField.FirstName), out var firstName)
                || Parse<AgeBand>(shared.GetValueOrDefault(nameof(SharedField.AgeBand))) is not { } band
                || Parse<Gender>(shared.GetValueOrDefault(nameof(SharedField.Gender))) is not { } gender)
                return CommandResult<ResidentView>.Refused(nameof(AdmissionInput.ReferralId), "Shelters.ReferralLacksMinimum");
            stay = NewStay(facility, reference, firstName, band, gender, shared.GetValueOrDefault(nameof(SharedField.Needs)), admittedOn, now);
            stay.ReferralId = referral.Id;
            timelineCase = referral.CaseId;
        }
        else
        {
            var reference = input.CaseReference!.Trim().ToUpperInvariant();
            // Found by its reference in the operating organisation only; just the minimum is copied, nothing of the case is shown.
            var found = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.OrganisationId == facility.OrganisationId && c.Reference == reference, ct);
            if (found is null)
                return CommandResult<ResidentView>.Refused(nameof(AdmissionInput.CaseReference), "Shelters.UnknownCase");
            if (found.IsClosed)
                return CommandResult<ResidentView>.Refused(nameof(AdmissionInput.CaseReference), "Shelters.CaseClosed");
            var person = await db.Persons.AsNoTracking().SingleAsync(p => p.CaseId == found.Id, ct);
            var needs = await db.NeedsAssessments.AsNoTracking().Where(n => n.CaseId == found.Id)
                .OrderByDescending(n => n.AssessedOn).ThenByDescending(n => n.RecordedAt).Select(n => n.Areas).FirstOrDefaultAsync(ct);
            stay = NewStay(facility, found.Reference, person.GivenNames, PersonRules.BandOf(SharedRecord.AgeOf(person, today)),
                person.Gender, needs, admittedOn, now);
            stay.CaseId = found.Id;
            timelineCase = found.Id;
        }

        if (await db.ShelterStays.AnyAsync(s => s.OrganisationId == facility.OrganisationId && s.DischargedOn == null
                && (s.Reference == stay.Reference || (stay.CaseId != null && s.CaseId == stay.CaseId) || (stay.ReferralId != null && s.ReferralId == stay.ReferralId)), ct))
            return CommandResult<ResidentView>.Refused("", "Shelters.AlreadyResident");
        if (!ShelterEligibility.Serves(facility, stay.Gender, stay.AgeBand))
            return CommandResult<ResidentView>.Refused("", "Shelters.NotServed");

        // The bed: the one chosen, else the one held here for the referral.
        var bed = input.BedId is { } bedId
            ? await db.ShelterBeds.SingleOrDefaultAsync(b => b.Id == bedId && b.FacilityId == facility.Id, ct)
            : referral is null ? null
            : await db.ShelterBeds.FirstOrDefaultAsync(b => b.FacilityId == facility.Id && b.Status == BedStatus.Held && b.HoldReferralId == referral.Id, ct);
        if (bed is null)
            return CommandResult<ResidentView>.Refused(nameof(AdmissionInput.BedId), input.BedId is null ? "Shelters.BedRequired" : "Shelters.UnknownBed");
        if (bed.Occupy(referral?.Id, now) is { } refused)
            return CommandResult<ResidentView>.Refused(nameof(AdmissionInput.BedId), refused.MessageKey);

        stay.BedId = bed.Id;
        db.ShelterStays.Add(stay);
        if (referral is not null)
        {
            // Another bed held for the person (elsewhere, or not the one chosen) goes back to the board.
            await holds.ReleaseAsync(referral.Id, now, ct);
            // Two admissions of one referral at once: the second finds the referral changed.
            referral.Version++;
        }
        await holds.RefreshAsync([facility.Id], now, ct);
        audit.Record("shelter.admit", nameof(Stay), stay.Id, $"facility={facility.Id}; bed={bed.Id}");
        access.RecordOnReferringCase(timelineCase, "shelter.admit", stay.Id);
        if (referral?.ReceivingCaseId is { } receivingCase)
            access.RecordOnReferringCase(receivingCase, "shelter.admit", stay.Id);
        return await SaveAsync(stay, bed, "Shelters.BedNotAvailable", ct);
    }

    /// <summary>Moves a current resident to another free bed of the facility.</summary>
    public async Task<CommandResult<ResidentView>> MoveAsync(Guid facilityId, Guid stayId, MoveInput input, CancellationToken ct)
    {
        if (await StayForChangeAsync(facilityId, stayId, input.Version, ct) is not { } found)
            return CommandResult<ResidentView>.NotFound();
        var (facility, stay, refusal) = found;
        if (refusal is not null)
            return CommandResult<ResidentView>.Refused(refusal);
        var now = access.Now;
        var movedOn = input.MovedOn ?? access.Today;
        if (movedOn > access.Today)
            return CommandResult<ResidentView>.Refused(nameof(MoveInput.MovedOn), "Shelters.DateInFuture");
        if (movedOn < stay.AdmittedOn)
            return CommandResult<ResidentView>.Refused(nameof(MoveInput.MovedOn), "Shelters.BeforeAdmission");
        if (input.BedId is not { } bedId)
            return CommandResult<ResidentView>.Refused(nameof(MoveInput.BedId), "Shelters.BedRequired");
        if (bedId == stay.BedId)
            return CommandResult<ResidentView>.Refused(nameof(MoveInput.BedId), "Shelters.SameBed");
        var to = await db.ShelterBeds.SingleOrDefaultAsync(b => b.Id == bedId && b.FacilityId == facility.Id, ct);
        if (to is null)
            return CommandResult<ResidentView>.Refused(nameof(MoveInput.BedId), "Shelters.UnknownBed");
        if (to.Occupy(null, now) is { } refused)
            return CommandResult<ResidentView>.Refused(nameof(MoveInput.BedId), refused.MessageKey);
        var from = await db.ShelterBeds.SingleAsync(b => b.Id == stay.BedId, ct);
        from.Vacate(now);
        db.ShelterBedMoves.Add(new BedMove
        {
            StayId = stay.Id, OrganisationId = stay.OrganisationId, FromBedId = from.Id, ToBedId = to.Id, MovedOn = movedOn, MovedById = user.RequiredId, At = now,
        });
        stay.BedId = to.Id;
        stay.Version++;
        await holds.RefreshAsync([facility.Id], now, ct);
        audit.Record("shelter.move", nameof(Stay), stay.Id, $"from={from.Id}; to={to.Id}");
        await RecordStayOnCaseAsync(stay, "shelter.move", null, ct);
        return await SaveAsync(stay, to, "Shelters.BedNotAvailable", ct);
    }

    /// <summary>Discharges a current resident: the date (not before admission, not in the future) and the destination.</summary>
    public async Task<CommandResult<ResidentView>> DischargeAsync(Guid facilityId, Guid stayId, DischargeInput input, CancellationToken ct)
    {
        if (await StayForChangeAsync(facilityId, stayId, input.Version, ct) is not { } found)
            return CommandResult<ResidentView>.NotFound();
        var (facility, stay, refusal) = found;
        if (refusal is not null)
            return CommandResult<ResidentView>.Refused(refusal);
        var errors = new List<RuleError>();
        if (input.DischargedOn is not { } on)
            errors.Add(new(nameof(DischargeInput.DischargedOn), "Validation.Required"));
        else if (on < stay.AdmittedOn)
            errors.Add(new(nameof(DischargeInput.DischargedOn), "Shelters.BeforeAdmission"));
        else if (on > access.Today)
            errors.Add(new(nameof(DischargeInput.DischargedOn), "Shelters.DateInFuture"));
        if (string.IsNullOrEmpty(input.Destination))
            errors.Add(new(nameof(DischargeInput.Destination), "Shelters.DestinationRequired"));
        else if (!PersonRules.IsValue<DischargeDestination>(input.Destination))
            errors.Add(new(nameof(DischargeInput.Destination), "Shelters.UnknownDestination"));
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > 2000 })
            errors.Add(new(nameof(DischargeInput.Note), "Validation.TooLong"));
        if (errors.Count > 0)
            return CommandResult<ResidentView>.Refused([.. errors]);

        var now = access.Now;
        var bed = await db.ShelterBeds.SingleAsync(b => b.Id == stay.BedId, ct);
        bed.Vacate(now);
        stay.DischargedOn = input.DischargedOn;
        stay.Destination = Enum.Parse<DischargeDestination>(input.Destination!);
        stay.DischargeNote = note;
        stay.DischargedById = user.RequiredId;
        stay.Version++;
        await holds.RefreshAsync([facility.Id], now, ct);
        audit.Record("shelter.discharge", nameof(Stay), stay.Id, $"destination={stay.Destination}");
        await RecordStayOnCaseAsync(stay, "shelter.discharge", "DischargeDestination." + stay.Destination, ct);
        return await SaveAsync(stay, bed, "Shelters.StayChanged", ct);
    }

    /// <summary>Accepted referrals to the facility's service, sent to its organisation, with no current stay.</summary>
    private IQueryable<Referral> Awaiting(ShelterFacility facility) =>
        db.Referrals.Where(r => r.ServiceId == facility.ServiceId && r.ReceivingOrganisationId == facility.OrganisationId
            && r.Status == ReferralStatus.Accepted && r.ConsentWithdrawnAt == null
            && !db.ShelterStays.Any(s => s.ReferralId == r.Id && s.DischargedOn == null));

    private IQueryable<StayRow> Rows(Guid facilityId) =>
        db.ShelterStays.AsNoTracking().Where(s => s.FacilityId == facilityId)
            .Join(db.ShelterBeds, s => s.BedId, b => b.Id, (s, b) => new StayRow { Stay = s, Bed = b });

    private sealed class StayRow
    {
        public required Stay Stay { get; init; }
        public required Bed Bed { get; init; }
    }

    private async Task<(ShelterFacility, Stay, RuleError?)?> StayForChangeAsync(Guid facilityId, Guid stayId, int? version, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return null;
        var stay = await db.ShelterStays.SingleOrDefaultAsync(s => s.Id == stayId && s.FacilityId == facility.Id, ct);
        if (stay is null)
            return null;
        if (!stay.IsCurrent)
            return (facility, stay, new RuleError("", "Shelters.AlreadyDischarged"));
        if (version is { } seen && seen != stay.Version)
            return (facility, stay, new RuleError("", "Shelters.StayChanged"));
        return (facility, stay, null);
    }

    private Stay NewStay(ShelterFacility facility, string reference, string firstName, AgeBand band, Gender gender, string? needs, DateOnly admittedOn, DateTime now) => new()
    {
        FacilityId = facility.Id,
        OrganisationId = facility.OrganisationId,
        Reference = reference.Length > 40 ? reference[..40] : reference,
        FirstName = firstName,
        AgeBand = band,
        Gender = gender,
        Needs = string.IsNullOrEmpty(needs) ? null : needs,
        AdmittedOn = admittedOn,
        AdmittedById = user.RequiredId,
        CreatedAt = now,
    };

    /// <summary>
    /// On the timeline of the person's case (or the referring case and the case opened from the referral),
    /// which the shelter manager cannot read: nothing of the case is loaded.
    /// </summary>
    private async Task RecordStayOnCaseAsync(Stay stay, string action, string? detail, CancellationToken ct)
    {
        if (stay.CaseId is { } caseId)
            access.RecordOnReferringCase(caseId, action, stay.Id, detail);
        else if (stay.ReferralId is { } referralId)
        {
            var cases = await db.Referrals.Where(r => r.Id == referralId).Select(r => new { r.CaseId, r.ReceivingCaseId }).SingleAsync(ct);
            access.RecordOnReferringCase(cases.CaseId, action, stay.Id, detail);
            if (cases.ReceivingCaseId is { } receiving)
                access.RecordOnReferringCase(receiving, action, stay.Id, detail);
        }
    }

    private async Task<CommandResult<ResidentView>> SaveAsync(Stay stay, Bed bed, string changedKey, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone took the bed or changed the stay first; nothing of this attempt may be saved by a later audited read.
            db.ChangeTracker.Clear();
            return CommandResult<ResidentView>.Refused("", changedKey);
        }
        return CommandResult<ResidentView>.Done(View(stay, bed, access.Today));
    }

    private static ResidentView View(Stay s, Bed b, DateOnly today) => new(
        s.Id, b.Id, b.Room, b.Label, b.Type, s.Reference, s.FirstName, s.AgeBand.ToString(), s.Gender.ToString(),
        s.Needs?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
        s.AdmittedOn, s.DischargedOn, s.Destination, s.DischargeNote, s.Nights(today), s.ReferralId is not null, s.Version);

    private static T? Parse<T>(string? value) where T : struct, Enum =>
        Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
}
