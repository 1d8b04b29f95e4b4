using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;

namespace Ura.Features.Cases;

/// <summary>
/// The protected person, as one organisation knows them (HTCDS 2.0 <c>prs_</c> fields). Everything
/// that identifies the person is encrypted; gender, age band, child flag, citizenships, languages,
/// education and marital status stay in clear for statistics.
/// </summary>
public sealed class Person : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }

    /// <summary>The person's one case at this organisation.</summary>
    public Guid CaseId { get; set; }

    public required string GivenNames { get; set; }
    public required string FamilyName { get; set; }

    /// <summary>Other names the person is known by, one per line.</summary>
    public string? Aliases { get; set; }

    /// <summary>ISO date (<c>yyyy-MM-dd</c>), or only the year when the birth date is estimated.</summary>
    public required string BirthDate { get; set; }

    public bool BirthDateEstimated { get; set; }

    /// <summary>Blind index of the birth year, so duplicate checks compare years without reading them.</summary>
    public required string BirthYearHash { get; set; }

    public Gender Gender { get; set; }
    public AgeBand AgeBand { get; set; }

    /// <summary>Under 18 when registered.</summary>
    public bool IsChild { get; set; }

    /// <summary>ISO 3166 alpha-2 codes, comma separated.</summary>
    public string Citizenships { get; set; } = "";

    /// <summary>ISO 639 codes, comma separated, primary first.</summary>
    public string Languages { get; set; } = "";

    public EducationLevel? EducationLevel { get; set; }
    public MaritalStatus? MaritalStatus { get; set; }
    public int? NumberOfChildren { get; set; }

    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }

    public string? GuardianName { get; set; }
    public string? GuardianRelation { get; set; }
    public string? GuardianContact { get; set; }

    public DateTime RegisteredAt { get; set; }

    public List<IdentityDocument> Documents { get; set; } = [];
    public List<PersonNameIndex> NameIndex { get; set; } = [];

    public IEnumerable<string> CitizenshipList => Split(Citizenships);
    public IEnumerable<string> LanguageList => Split(Languages);

    private static IEnumerable<string> Split(string joined) => joined.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>An identity document the person holds or held; the number is encrypted.</summary>
public sealed class IdentityDocument
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public IdentityDocumentType Type { get; set; }
    public required string Number { get; set; }

    /// <summary>ISO 3166 alpha-2 code of the issuing country.</summary>
    public required string IssuingCountry { get; set; }
}

/// <summary>One blind-index hash of one normalised name or alias token of a person.</summary>
public sealed class PersonNameIndex
{
    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Hash { get; set; }
}

/// <summary>HTCDS 2.0 <c>prs_Gender</c>.</summary>
public enum Gender
{
    Feminine,
    Masculine,
    TransgenderFeminine,
    TransgenderMasculine,
    NonConforming,
    NonSpecifiedUnknown,
}

/// <summary>HTCDS 2.0 <c>prs_HighestLevelOfEducation</c> (ISCED 2011 levels).</summary>
public enum EducationLevel
{
    EarlyChildhoodEducation,
    PrimaryEducation,
    LowerSecondaryEducation,
    UpperSecondaryEducation,
    PostSecondaryNonTertiaryEducation,
    ShortCycleTertiaryEducation,
    BachelorsOrEquivalentLevel,
    MastersOrEquivalentLevel,
    DoctoralOrEquivalentLevel,
}

/// <summary>HTCDS 2.0 <c>prs_MaritalStatus</c>.</summary>
public enum MaritalStatus
{
    Single,
    Married,
    Widowed,
    Divorced,
    Separated,
    RegisteredPartnership,
}

public enum IdentityDocumentType
{
    IdentityCard,
    Passport,
    BirthCertificate,
    ResidencePermit,
    Other,
}

/// <summary>Age at registration in the bands statistics use; never precise enough to identify.</summary>
public enum AgeBand
{
    Under12,
    From12To17,
    From18To24,
    From25To34,
    From35To49,
    From50,
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.Property(p => p.GivenNames).IsEncrypted(FieldClass.PersonName);
        e.Property(p => p.FamilyName).IsEncrypted(FieldClass.PersonName);
        e.Property(p => p.Aliases!).IsEncrypted(FieldClass.PersonName);
        e.Property(p => p.BirthDate).IsEncrypted(FieldClass.BirthDate);
        e.Property(p => p.BirthYearHash).HasMaxLength(32);
        e.Property(p => p.Gender).HasConversion<string>().HasMaxLength(30);
        e.Property(p => p.AgeBand).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Citizenships).HasMaxLength(100);
        e.Property(p => p.Languages).HasMaxLength(100);
        e.Property(p => p.EducationLevel).HasConversion<string>().HasMaxLength(40);
        e.Property(p => p.MaritalStatus).HasConversion<string>().HasMaxLength(30);
        e.Property(p => p.Phone!).IsEncrypted(FieldClass.Contact);
        e.Property(p => p.Email!).IsEncrypted(FieldClass.Contact);
        e.Property(p => p.Address!).IsEncrypted(FieldClass.Address);
        e.Property(p => p.GuardianName!).IsEncrypted(FieldClass.PersonName);
        e.Property(p => p.GuardianRelation!).IsEncrypted(FieldClass.PersonName);
        e.Property(p => p.GuardianContact!).IsEncrypted(FieldClass.Contact);
        e.HasIndex(p => p.OrganisationId);
        // The dashboards count people by sex and age band through their cases, from the index alone.
        e.HasIndex(p => new { p.CaseId, p.Gender, p.AgeBand });
        e.HasOne<Platform.Identity.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(p => p.Documents).WithOne().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.NameIndex).WithOne().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdentityDocumentConfiguration : IEntityTypeConfiguration<IdentityDocument>
{
    public void Configure(EntityTypeBuilder<IdentityDocument> e)
    {
        e.Property(d => d.Type).HasConversion<string>().HasMaxLength(30);
        e.Property(d => d.Number).IsEncrypted(FieldClass.IdentityDocument);
        e.Property(d => d.IssuingCountry).HasMaxLength(2);
        e.HasIndex(d => d.PersonId);
    }
}

internal sealed class PersonNameIndexConfiguration : IEntityTypeConfiguration<PersonNameIndex>
{
    public void Configure(EntityTypeBuilder<PersonNameIndex> e)
    {
        e.HasKey(n => new { n.PersonId, n.Hash });
        e.Property(n => n.Hash).HasMaxLength(32);
        e.HasIndex(n => new { n.Hash, n.OrganisationId });
    }
}

/// <summary>The last case number given out per country and year, for references like AL-2026-000123.</summary>
public sealed class CaseReferenceCounter
{
    public required string CountryCode { get; set; }
    public int Year { get; set; }
    public int Last { get; set; }
}

internal sealed class CaseReferenceCounterConfiguration : IEntityTypeConfiguration<CaseReferenceCounter>
{
    public void Configure(EntityTypeBuilder<CaseReferenceCounter> e)
    {
        e.HasKey(c => new { c.CountryCode, c.Year });
        e.Property(c => c.CountryCode).HasMaxLength(2);
    }
}
