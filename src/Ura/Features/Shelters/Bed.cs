using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;

namespace Ura.Features.Shelters;

/// <summary>
/// One bed in a room of a facility. Its <see cref="Status"/> is stored (the board counts it) and only
/// changes through the methods here, which refuse a move the bed's state does not allow;
/// <see cref="Version"/> makes two people taking the last bed at once fail for one of them.
/// </summary>
public sealed class Bed : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary>The room's name or number, as the staff call it.</summary>
    public required string Room { get; set; }
    public required string Label { get; set; }
    public BedType Type { get; set; }
    public BedStatus Status { get; set; } = BedStatus.Available;

    /// <summary>The referral the bed is held for, and until when.</summary>
    public Guid? HoldReferralId { get; set; }
    public DateTime? HeldUntil { get; set; }

    public DateTime StatusChangedAt { get; set; }
    public int Version { get; set; }

    /// <summary>Keeps an available bed for a referral until <paramref name="until"/>.</summary>
    public RuleError? Hold(Guid referralId, DateTime until, DateTime now)
    {
        if (Status != BedStatus.Available)
            return new(nameof(Status), "Shelters.BedNotAvailable");
        HoldReferralId = referralId;
        HeldUntil = until;
        return Set(BedStatus.Held, now);
    }

    /// <summary>Gives a held bed back (the referral was declined or withdrawn, or the hold ran out).</summary>
    public RuleError? Release(DateTime now)
    {
        if (Status != BedStatus.Held)
            return new(nameof(Status), "Shelters.BedNotHeld");
        return Set(BedStatus.Available, now);
    }

    /// <summary>Puts a resident in the bed: an available bed, or one held for <paramref name="referralId"/>.</summary>
    public RuleError? Occupy(Guid? referralId, DateTime now)
    {
        var heldForThis = Status == BedStatus.Held && referralId is not null && HoldReferralId == referralId;
        if (Status != BedStatus.Available && !heldForThis)
            return new(nameof(Status), Status == BedStatus.Occupied ? "Shelters.BedOccupied" : "Shelters.BedNotAvailable");
        return Set(BedStatus.Occupied, now);
    }

    /// <summary>The resident left the bed (moved or discharged).</summary>
    public RuleError? Vacate(DateTime now)
    {
        if (Status != BedStatus.Occupied)
            return new(nameof(Status), "Shelters.BedNotOccupied");
        return Set(BedStatus.Available, now);
    }

    /// <summary>Takes a free bed out of use (repairs, closed room) or brings it back.</summary>
    public RuleError? SetInService(bool inService, DateTime now)
    {
        if (inService)
            return Status == BedStatus.OutOfService ? Set(BedStatus.Available, now) : null;
        if (Status == BedStatus.OutOfService)
            return null;
        return Status == BedStatus.Available ? Set(BedStatus.OutOfService, now) : new(nameof(Status), "Shelters.BedInUse");
    }

    private RuleError? Set(BedStatus status, DateTime now)
    {
        if (status != BedStatus.Held)
        {
            HoldReferralId = null;
            HeldUntil = null;
        }
        Status = status;
        StatusChangedAt = now;
        // Every status change moves the token, so of two people changing one bed at once the second fails.
        Version++;
        return null;
    }
}

/// <summary>The kind of place a bed is: what the board counts separately.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<BedType>))]
public enum BedType
{
    Adult,
    Child,
    Cot,
    Accessible,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<BedStatus>))]
public enum BedStatus
{
    Available,
    Occupied,
    Held,
    OutOfService,
}

/// <summary>
/// A resident's stay, from admission to discharge. Shelter staff see only this minimum (reference,
/// first name, age band, gender, needs, dates); the case itself stays with its case team.
/// </summary>
public sealed class Stay : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid BedId { get; set; }

    /// <summary>The operating organisation's own case, when admitted from one.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>The accepted referral the person came through, when admitted from one.</summary>
    public Guid? ReferralId { get; set; }

    /// <summary>The case's reference (or the referring case's), so staff and the case team speak of the same person.</summary>
    public required string Reference { get; set; }
    public required string FirstName { get; set; }
    public AgeBand AgeBand { get; set; }
    public Gender Gender { get; set; }
    public string? Needs { get; set; }

    public DateOnly AdmittedOn { get; set; }
    public DateOnly? DischargedOn { get; set; }
    public DischargeDestination? Destination { get; set; }
    public string? DischargeNote { get; set; }

    public Guid AdmittedById { get; set; }
    public Guid? DischargedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public bool IsCurrent => DischargedOn is null;

    /// <summary>Nights spent, counting the admission night and not the discharge day; a stay still going counts to <paramref name="today"/>.</summary>
    public int Nights(DateOnly today) => Math.Max(0, (DischargedOn ?? today).DayNumber - AdmittedOn.DayNumber);
}

/// <summary>Where a resident went on leaving.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DischargeDestination>))]
public enum DischargeDestination
{
    Return,
    Family,
    IndependentLiving,
    OtherShelter,
    Other,
}

/// <summary>A resident moved from one bed to another within the facility.</summary>
public sealed class BedMove : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StayId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid FromBedId { get; set; }
    public Guid ToBedId { get; set; }
    public DateOnly MovedOn { get; set; }
    public Guid MovedById { get; set; }
    public DateTime At { get; set; }
}

/// <summary>Who a facility can take in, from the person's gender and age band.</summary>
public static class ShelterEligibility
{
    public static bool IsChild(AgeBand band) => band is AgeBand.Under12 or AgeBand.From12To17;

    /// <summary>The populations any of which a facility must serve to take this person in.</summary>
    public static IReadOnlyList<Population> PopulationsFor(Gender gender, AgeBand band) =>
        IsChild(band) ? [Population.Children, Population.MothersWithChildren, Population.Families]
        : gender is Gender.Feminine or Gender.TransgenderFeminine ? [Population.Women, Population.MothersWithChildren, Population.Families]
        : gender is Gender.Masculine or Gender.TransgenderMasculine ? [Population.Men, Population.Families]
        : [Population.Women, Population.Men, Population.Families];

    public static bool Serves(ShelterFacility facility, Gender gender, AgeBand band) =>
        PopulationsFor(gender, band).Any(facility.Serves);
}

internal sealed class BedConfiguration : IEntityTypeConfiguration<Bed>
{
    public void Configure(EntityTypeBuilder<Bed> e)
    {
        e.ToTable("ShelterBeds");
        e.Property(b => b.Room).HasMaxLength(60);
        e.Property(b => b.Label).HasMaxLength(60);
        e.Property(b => b.Type).HasConversion<string>().HasMaxLength(20);
        e.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(b => b.Version).IsConcurrencyToken();
        // The board counts beds per facility and status; the hold job finds holds running out.
        e.HasIndex(b => new { b.FacilityId, b.Status, b.Type });
        e.HasIndex(b => new { b.Status, b.HeldUntil });
        e.HasIndex(b => b.HoldReferralId);
    }
}

internal sealed class StayConfiguration : IEntityTypeConfiguration<Stay>
{
    public void Configure(EntityTypeBuilder<Stay> e)
    {
        e.ToTable("ShelterStays");
        e.Property(s => s.Reference).HasMaxLength(40);
        e.Property(s => s.FirstName).IsEncrypted(FieldClass.PersonName);
        e.Property(s => s.AgeBand).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.Gender).HasConversion<string>().HasMaxLength(30);
        e.Property(s => s.Needs!).IsEncrypted(FieldClass.FreeText);
        e.Property(s => s.Destination).HasConversion<string>().HasMaxLength(30);
        e.Property(s => s.DischargeNote!).IsEncrypted(FieldClass.FreeText);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasOne<ShelterFacility>().WithMany().HasForeignKey(s => s.FacilityId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Bed>().WithMany().HasForeignKey(s => s.BedId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Referrals.Referral>().WithMany().HasForeignKey(s => s.ReferralId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => new { s.FacilityId, s.AdmittedOn });
        e.HasIndex(s => new { s.FacilityId, s.DischargedOn });
        e.HasIndex(s => s.BedId);
        e.HasIndex(s => s.CaseId);
        e.HasIndex(s => s.ReferralId);
    }
}

internal sealed class BedMoveConfiguration : IEntityTypeConfiguration<BedMove>
{
    public void Configure(EntityTypeBuilder<BedMove> e)
    {
        e.ToTable("ShelterBedMoves");
        e.HasOne<Stay>().WithMany().HasForeignKey(m => m.StayId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Bed>().WithMany().HasForeignKey(m => m.FromBedId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Bed>().WithMany().HasForeignKey(m => m.ToBedId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => new { m.StayId, m.MovedOn });
        e.HasIndex(m => m.FromBedId);
        e.HasIndex(m => m.ToBedId);
    }
}
