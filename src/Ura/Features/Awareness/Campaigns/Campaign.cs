using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Cases;
using Ura.Platform.Authorization;

namespace Ura.Features.Awareness.Campaigns;

// An awareness campaign of an outreach organisation: what it wants people to know, whom it speaks to,
// through which channels, when, with whom and with what money; what was done (activities, with the
// people reached counted by sex and age band, never named), what was produced, and what people knew
// before and after. None of it is personal data, so nothing here is encrypted.

/// <summary>An awareness campaign run by one organisation in its country.</summary>
public sealed class Campaign : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }

    /// <summary>The organisation's country (ISO 3166 alpha-2): coordinators read their country's campaigns.</summary>
    public required string CountryCode { get; set; }
    public required string Name { get; set; }
    public required string Objective { get; set; }

    /// <summary><see cref="TargetGroup"/> names, comma-separated.</summary>
    public required string TargetGroups { get; set; }

    /// <summary><see cref="CampaignChannel"/> names, comma-separated.</summary>
    public required string Channels { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    /// <summary>Partner names, one per line.</summary>
    public string? Partners { get; set; }
    public decimal? BudgetAmount { get; set; }

    /// <summary>ISO 4217, such as <c>EUR</c>; set with the amount.</summary>
    public string? BudgetCurrency { get; set; }

    // The optional knowledge survey: how many answered, and the average share of correct answers (0-100).
    public int? SurveyRespondentsBefore { get; set; }
    public decimal? SurveyScoreBefore { get; set; }
    public int? SurveyRespondentsAfter { get; set; }
    public decimal? SurveyScoreAfter { get; set; }

    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<CampaignActivity> Activities { get; set; } = [];
    public List<CampaignMaterial> Materials { get; set; } = [];

    public IEnumerable<TargetGroup> TargetGroupList => Codes.Parse<TargetGroup>(TargetGroups);

    public IEnumerable<CampaignChannel> ChannelList => Codes.Parse<CampaignChannel>(Channels);

    /// <summary>The change in the average score, in percentage points, when both surveys were entered.</summary>
    public decimal? SurveyChange => SurveyScoreBefore is { } before && SurveyScoreAfter is { } after ? after - before : null;

    public bool Covers(DateOnly day) => day >= StartsOn && day <= EndsOn;
}

/// <summary>Something done in a campaign on one day at one place, with the people it reached.</summary>
public sealed class CampaignActivity : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public Guid OrganisationId { get; set; }
    public DateOnly HeldOn { get; set; }
    public required string Place { get; set; }

    /// <summary>The kind of activity: one of the campaign channels.</summary>
    public CampaignChannel Channel { get; set; }
    public string? Notes { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<CampaignReach> Reach { get; set; } = [];
}

/// <summary>How many people of one sex and age band an activity reached.</summary>
public sealed class CampaignReach
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActivityId { get; set; }
    public Sex Sex { get; set; }
    public AgeBand AgeBand { get; set; }
    public int People { get; set; }
}

/// <summary>Material a campaign produced: leaflets, posters, spots, posts.</summary>
public sealed class CampaignMaterial : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Title { get; set; }
    public MaterialKind Kind { get; set; }
    public int Quantity { get; set; }

    /// <summary>One of <see cref="CampaignRules.MaterialLanguages"/>.</summary>
    public required string Language { get; set; }
    public DateTime CreatedAt { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TargetGroup>))]
public enum TargetGroup
{
    YoungPeople,
    Students,
    Parents,
    RomaAndEgyptianCommunities,
    Jobseekers,
    MigrantsInTransit,
    Employers,
    Teachers,
    SocialWorkers,
    Other,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CampaignChannel>))]
public enum CampaignChannel
{
    SchoolSessions,
    CommunityMeetings,
    SocialMedia,
    TvAndRadio,
    PrintedMaterials,
    Events,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MaterialKind>))]
public enum MaterialKind
{
    Leaflet,
    Poster,
    Booklet,
    Video,
    RadioSpot,
    SocialMediaPost,
    Other,
}

/// <summary>Sex as counted in programme figures: three groups, so counts from different activities add up.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Sex>))]
public enum Sex
{
    Female,
    Male,
    OtherOrUnknown,
}

/// <summary>Comma-separated enum names, as the list columns hold them.</summary>
public static class Codes
{
    public static IEnumerable<T> Parse<T>(string? text) where T : struct, Enum =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<T>(s, out var v) ? (T?)v : null).OfType<T>();

    public static string Join<T>(IEnumerable<T> values) where T : struct, Enum => string.Join(',', values.Distinct().Order());
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.ToTable("Campaigns");
        e.Property(c => c.CountryCode).HasMaxLength(2);
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Objective).HasMaxLength(2000);
        e.Property(c => c.TargetGroups).HasMaxLength(300);
        e.Property(c => c.Channels).HasMaxLength(200);
        e.Property(c => c.Partners).HasMaxLength(2000);
        e.Property(c => c.BudgetAmount).HasPrecision(14, 2);
        e.Property(c => c.BudgetCurrency).HasMaxLength(3);
        e.Property(c => c.SurveyScoreBefore).HasPrecision(5, 2);
        e.Property(c => c.SurveyScoreAfter).HasPrecision(5, 2);
        e.HasOne<Platform.Identity.Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(c => c.Activities).WithOne().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(c => c.Materials).WithOne().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.OrganisationId, c.StartsOn });
        e.HasIndex(c => new { c.CountryCode, c.StartsOn });
    }
}

internal sealed class CampaignActivityConfiguration : IEntityTypeConfiguration<CampaignActivity>
{
    public void Configure(EntityTypeBuilder<CampaignActivity> e)
    {
        e.ToTable("CampaignActivities");
        e.Property(a => a.Place).HasMaxLength(200);
        e.Property(a => a.Channel).HasConversion<string>().HasMaxLength(30);
        e.Property(a => a.Notes).HasMaxLength(2000);
        e.HasMany(a => a.Reach).WithOne().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.CampaignId, a.HeldOn });
    }
}

internal sealed class CampaignReachConfiguration : IEntityTypeConfiguration<CampaignReach>
{
    public void Configure(EntityTypeBuilder<CampaignReach> e)
    {
        e.ToTable("CampaignReach");
        e.Property(r => r.Sex).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.AgeBand).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(r => new { r.ActivityId, r.Sex, r.AgeBand }).IsUnique();
    }
}

internal sealed class CampaignMaterialConfiguration : IEntityTypeConfiguration<CampaignMaterial>
{
    public void Configure(EntityTypeBuilder<CampaignMaterial> e)
    {
        e.ToTable("CampaignMaterials");
        e.Property(m => m.Title).HasMaxLength(200);
        e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(m => m.Language).HasMaxLength(10);
        e.HasIndex(m => m.CampaignId);
    }
}
