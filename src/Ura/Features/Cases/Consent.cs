using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Identity;

namespace Ura.Features.Cases;

/// <summary>
/// One informed consent (HTCDS 2.0 <c>con_Consent</c>), recorded with what the person was told: the
/// purposes, how their data is used, with whom it may be shared (named organisations, organisation
/// types, other countries), research use of non-identifying data, how long it is kept, their right to
/// see it and how to withdraw. Withdrawal ends it from the withdrawal date on, for good.
/// </summary>
public sealed class Consent : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary><see cref="ConsentPurpose"/> names, comma separated.</summary>
    public string Purposes { get; set; } = "";

    /// <summary>Ids of organisations the person agreed their data may go to, comma separated.</summary>
    public string SharedWithOrganisations { get; set; } = "";

    /// <summary><see cref="OrganisationType"/> names the person agreed their data may go to, comma separated.</summary>
    public string SharedWithOrganisationTypes { get; set; } = "";

    /// <summary>ISO 3166 alpha-2 codes of countries the data may be sent to, comma separated.</summary>
    public string CrossBorderCountries { get; set; } = "";

    /// <summary>Non-identifying data may be used for research and statistics.</summary>
    public bool ResearchUse { get; set; }

    /// <summary>How long the data is kept, as the person was told.</summary>
    public int RetentionMonths { get; set; }

    public bool DataUseExplained { get; set; }
    public bool RightOfAccessExplained { get; set; }
    public bool WithdrawalExplained { get; set; }

    public ConsentGiver GivenBy { get; set; }

    /// <summary>The guardian's or legal representative's name when they gave it.</summary>
    public string? GiverName { get; set; }

    public DateOnly GivenOn { get; set; }

    /// <summary>The worker who took the consent (the signed-in user who recorded it).</summary>
    public Guid TakenById { get; set; }
    public DateTime RecordedAt { get; set; }

    public DateOnly? WithdrawnOn { get; set; }
    public Guid? WithdrawnById { get; set; }
    public DateTime? WithdrawalRecordedAt { get; set; }
    public string? WithdrawalReason { get; set; }

    public bool IsWithdrawn => WithdrawnOn is not null;

    /// <summary>Given by then and not withdrawn by then.</summary>
    public bool InForceOn(DateOnly day) => GivenOn <= day && (WithdrawnOn is not { } withdrawn || day < withdrawn);

    public IReadOnlyList<ConsentPurpose> PurposeList => Split(Purposes).Select(Enum.Parse<ConsentPurpose>).ToList();
    public IReadOnlyList<Guid> OrganisationList => Split(SharedWithOrganisations).Select(Guid.Parse).ToList();
    public IReadOnlyList<OrganisationType> OrganisationTypeList => Split(SharedWithOrganisationTypes).Select(Enum.Parse<OrganisationType>).ToList();
    public IReadOnlyList<string> CountryList => Split(CrossBorderCountries).ToList();

    /// <summary>
    /// Records the withdrawal. A consent is withdrawn once: a second withdrawal is refused, and there
    /// is no way back (a person who agrees again gives a new consent).
    /// </summary>
    public string? Withdraw(DateOnly on, Guid by, DateTime at, string? reason, DateOnly today)
    {
        if (IsWithdrawn)
            return "Consent.AlreadyWithdrawn";
        if (on > today)
            return "Consent.DateInFuture";
        if (on < GivenOn)
            return "Consent.WithdrawnBeforeGiven";
        WithdrawnOn = on;
        WithdrawnById = by;
        WithdrawalRecordedAt = at;
        WithdrawalReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return null;
    }

    private static IEnumerable<string> Split(string joined) => joined.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>What the person agreed their data is used for.</summary>
public enum ConsentPurpose
{
    CaseManagementAndAssistance,
    ReferralToServices,
    FormalIdentification,
    ReturnAndReintegration,
    LegalProceedings,
}

/// <summary>Who gave the consent. For a child it is the guardian or legal representative.</summary>
public enum ConsentGiver
{
    Person,
    Guardian,
    LegalRepresentative,
}

/// <summary>An action another feature asks <see cref="ConsentCheck"/> about.</summary>
public enum ConsentUse
{
    /// <summary>Sending case data to one organisation (a referral); needs its id.</summary>
    ShareWithOrganisation,

    /// <summary>Sending case data to another country; needs its code.</summary>
    ShareAcrossBorder,

    /// <summary>Using non-identifying data for research.</summary>
    Research,
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> e)
    {
        e.Property(c => c.Purposes).HasMaxLength(300);
        e.Property(c => c.SharedWithOrganisations).HasMaxLength(2000);
        e.Property(c => c.SharedWithOrganisationTypes).HasMaxLength(400);
        e.Property(c => c.CrossBorderCountries).HasMaxLength(300);
        e.Property(c => c.GivenBy).HasConversion<string>().HasMaxLength(30);
        e.Property(c => c.GiverName!).IsEncrypted(FieldClass.PersonName);
        e.Property(c => c.WithdrawalReason!).IsEncrypted(FieldClass.FreeText);
        e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(c => c.TakenById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.CaseId, c.GivenOn });
        e.HasIndex(c => c.TakenById);
    }
}
