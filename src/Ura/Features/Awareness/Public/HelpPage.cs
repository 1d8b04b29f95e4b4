using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ura.Features.Awareness.Public;

/// <summary>The subjects every country's public help pages cover, each with its address segment.</summary>
public enum HelpTopic
{
    WhatIsTrafficking,
    WarningSigns,
    SafeMigration,
    YourRights,
    GetHelp,
}

public static class HelpTopics
{
    public static readonly IReadOnlyList<(HelpTopic Topic, string Slug)> All =
    [
        (HelpTopic.WhatIsTrafficking, "what-is-trafficking"),
        (HelpTopic.WarningSigns, "warning-signs"),
        (HelpTopic.SafeMigration, "safe-migration"),
        (HelpTopic.YourRights, "your-rights"),
        (HelpTopic.GetHelp, "get-help"),
    ];

    public static string Slug(this HelpTopic topic) => All.First(t => t.Topic == topic).Slug;

    public static HelpTopic? FromSlug(string? slug) =>
        All.Where(t => t.Slug == slug).Select(t => (HelpTopic?)t.Topic).FirstOrDefault();

    /// <summary>The resource key naming a topic, for lists and headings.</summary>
    public static string TextKey(this HelpTopic topic) => "HelpTopic." + topic;
}

public enum HelpVersionStatus
{
    /// <summary>Being written; the author may change it. A version sent back by the reviewer is a draft again.</summary>
    Draft,
    InReview,
    /// <summary>What visitors read. At most one version of a page is published.</summary>
    Published,
    /// <summary>Was published; replaced by a later version.</summary>
    Superseded,
}

/// <summary>One public help page: a topic in one language for one country. Its text lives in <see cref="HelpPageVersion"/>s.</summary>
public sealed class HelpPage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string CountryCode { get; set; }
    public required string Language { get; set; }
    public HelpTopic Topic { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<HelpPageVersion> Versions { get; set; } = [];
}

/// <summary>A numbered text of a help page and its way from draft through review to publication.</summary>
public sealed class HelpPageVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid HelpPageId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    /// <summary>Markdown, without raw HTML (refused on save, escaped on display).</summary>
    public required string Body { get; set; }
    public HelpVersionStatus Status { get; set; }
    /// <summary>Whoever last wrote the text: the reviewer must be someone else.</summary>
    public Guid AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public Guid? ReviewerId { get; set; }
    public DateTime? ReviewedAt { get; set; }
    /// <summary>Why the reviewer sent it back (or a note on approval). Public page content, not personal data.</summary>
    public string? ReviewComment { get; set; }
    public DateTime? PublishedAt { get; set; }

    public bool IsOpen => Status is HelpVersionStatus.Draft or HelpVersionStatus.InReview;
}

internal sealed class HelpPageConfiguration : IEntityTypeConfiguration<HelpPage>
{
    public void Configure(EntityTypeBuilder<HelpPage> e)
    {
        e.Property(p => p.CountryCode).HasMaxLength(2);
        e.Property(p => p.Language).HasMaxLength(10);
        e.Property(p => p.Topic).HasConversion<string>().HasMaxLength(30);
        e.HasOne<Platform.Identity.Country>().WithMany().HasForeignKey(p => p.CountryCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.CountryCode, p.Language, p.Topic }).IsUnique();
        e.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.HelpPageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HelpPageVersionConfiguration : IEntityTypeConfiguration<HelpPageVersion>
{
    public void Configure(EntityTypeBuilder<HelpPageVersion> e)
    {
        e.Property(v => v.Title).HasMaxLength(HelpPageRules.TitleMaxLength);
        e.Property(v => v.Body).HasMaxLength(HelpPageRules.BodyMaxLength);
        e.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(v => v.ReviewComment).HasMaxLength(HelpPageRules.CommentMaxLength);
        e.HasOne<Platform.Identity.User>().WithMany().HasForeignKey(v => v.AuthorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Platform.Identity.User>().WithMany().HasForeignKey(v => v.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(v => new { v.HelpPageId, v.Number }).IsUnique();
        e.HasIndex(v => v.AuthorId);
        e.HasIndex(v => v.ReviewerId);
    }
}
