using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Identity;

namespace Ura.Features.Training.Trainings;

/// <summary>
/// A training given to service providers' staff, recorded by the organisation that organised it:
/// who took part (organisations, and people counted by role and sex, never named), the pre/post
/// test results and what is to follow. Trainer names and follow-up actions are shown to outreach
/// officers and coordinators, never to analysts, who read figures only.
/// </summary>
public sealed class TrainingCourse : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The organising organisation: the recording outreach officer's.</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>ISO 3166 alpha-2 of the country the training took place in; coordinators read their country's.</summary>
    public required string CountryCode { get; set; }

    public required string Title { get; set; }
    public TrainingTopic Topic { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public string? Place { get; set; }

    /// <summary>Trainers' names as written, encrypted.</summary>
    public string? Trainers { get; set; }

    /// <summary>How many took both the test before and after; the averages are over them.</summary>
    public int? TestedCount { get; set; }
    public decimal? ScoreBefore { get; set; }
    public decimal? ScoreAfter { get; set; }

    /// <summary>How many of the tested scored higher after than before, when the trainer counted it.</summary>
    public int? ImprovedCount { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ModifiedAt { get; set; }

    public List<TrainingParticipants> Participants { get; set; } = [];
    public List<TrainingOrganisation> Organisations { get; set; } = [];
    public List<TrainingFollowUp> FollowUps { get; set; } = [];

    /// <summary>Points gained on average (negative when the average fell); null without both scores.</summary>
    public decimal? ScoreChange => ScoreBefore is { } before && ScoreAfter is { } after ? after - before : null;

    /// <summary>Share of the tested who improved, 0 to 1; null unless both counts are known.</summary>
    public decimal? ImprovedShare => ImprovedCount is { } improved && TestedCount is > 0 and var tested ? (decimal)improved / tested : null;
}

/// <summary>What a training was about.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TrainingTopic>))]
public enum TrainingTopic
{
    IdentificationAndSops,
    ChildProtection,
    TraumaInformedCare,
    CaseManagement,
    DataProtection,
    TransnationalCooperation,
    Other,
}

/// <summary>The professional role participants are counted by.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ParticipantRole>))]
public enum ParticipantRole
{
    CaseWorker,
    SocialWorker,
    Police,
    ProsecutorOrJudge,
    HealthWorker,
    Teacher,
    LabourInspector,
    NgoStaff,
    Other,
}

/// <summary>Sex as participants are counted (reports add these up with the other programme figures).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ParticipantSex>))]
public enum ParticipantSex
{
    Female,
    Male,
    OtherOrUnknown,
}

/// <summary>How many people of one role and sex took part; a row only exists for a count above zero.</summary>
public sealed class TrainingParticipants
{
    public Guid TrainingId { get; set; }
    public ParticipantRole Role { get; set; }
    public ParticipantSex Sex { get; set; }
    public int Count { get; set; }
}

/// <summary>An organisation from the directory whose staff took part (any country).</summary>
public sealed class TrainingOrganisation
{
    public Guid TrainingId { get; set; }
    public Guid OrganisationId { get; set; }
}

/// <summary>Something agreed at a training to be done afterwards, by someone, by a date.</summary>
public sealed class TrainingFollowUp
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrainingId { get; set; }
    public required string Action { get; set; }
    public string? Owner { get; set; }
    public DateOnly? DueOn { get; set; }
    public bool Done { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> e)
    {
        e.ToTable("Trainings");
        e.Property(t => t.CountryCode).HasMaxLength(2);
        e.Property(t => t.Title).HasMaxLength(200);
        e.Property(t => t.Topic).HasConversion<string>().HasMaxLength(40);
        e.Property(t => t.Place).HasMaxLength(200);
        e.Property(t => t.Trainers!).IsEncrypted(FieldClass.StaffName);
        e.Property(t => t.ScoreBefore).HasPrecision(5, 2);
        e.Property(t => t.ScoreAfter).HasPrecision(5, 2);
        e.Ignore(t => t.ScoreChange);
        e.Ignore(t => t.ImprovedShare);
        e.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(t => t.Participants).WithOne().HasForeignKey(p => p.TrainingId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(t => t.Organisations).WithOne().HasForeignKey(o => o.TrainingId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(t => t.FollowUps).WithOne().HasForeignKey(f => f.TrainingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.OrganisationId, t.StartsOn });
        // Coordinators' and analysts' lists filter by country and year.
        e.HasIndex(t => new { t.CountryCode, t.StartsOn });
    }
}

internal sealed class TrainingParticipantsConfiguration : IEntityTypeConfiguration<TrainingParticipants>
{
    public void Configure(EntityTypeBuilder<TrainingParticipants> e)
    {
        e.ToTable("TrainingParticipants");
        e.HasKey(p => new { p.TrainingId, p.Role, p.Sex });
        e.Property(p => p.Role).HasConversion<string>().HasMaxLength(30);
        e.Property(p => p.Sex).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class TrainingOrganisationConfiguration : IEntityTypeConfiguration<TrainingOrganisation>
{
    public void Configure(EntityTypeBuilder<TrainingOrganisation> e)
    {
        e.ToTable("TrainingOrganisations");
        e.HasKey(o => new { o.TrainingId, o.OrganisationId });
        e.HasOne<Organisation>().WithMany().HasForeignKey(o => o.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(o => o.OrganisationId);
    }
}

internal sealed class TrainingFollowUpConfiguration : IEntityTypeConfiguration<TrainingFollowUp>
{
    public void Configure(EntityTypeBuilder<TrainingFollowUp> e)
    {
        e.ToTable("TrainingFollowUps");
        e.Property(f => f.Action).IsEncrypted(FieldClass.FreeText);
        e.Property(f => f.Owner!).IsEncrypted(FieldClass.StaffName);
        e.HasIndex(f => f.TrainingId);
    }
}
