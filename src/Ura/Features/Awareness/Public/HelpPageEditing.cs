using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Localization;

namespace Ura.Features.Awareness.Public;

/// <summary>What a draft must be before it is saved.</summary>
public static class HelpPageRules
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 20_000;
    public const int CommentMaxLength = 1_000;

    public static IReadOnlyList<RuleError> Check(DraftInput input)
    {
        var errors = new List<RuleError>();
        if (!Languages.IsSupported(input.Language))
            errors.Add(new(nameof(input.Language), "HelpPages.UnknownLanguage"));
        if (HelpTopics.FromSlug(input.Topic) is null)
            errors.Add(new(nameof(input.Topic), "HelpPages.UnknownTopic"));
        if (string.IsNullOrWhiteSpace(input.Title))
            errors.Add(new(nameof(input.Title), "Validation.Required"));
        else if (input.Title.Length > TitleMaxLength)
            errors.Add(new(nameof(input.Title), "HelpPages.TitleTooLong"));
        if (string.IsNullOrWhiteSpace(input.Body))
            errors.Add(new(nameof(input.Body), "Validation.Required"));
        else if (input.Body.Length > BodyMaxLength)
            errors.Add(new(nameof(input.Body), "HelpPages.BodyTooLong"));
        else
            errors.AddRange(HelpMarkdown.Problems(input.Body).Select(key => new RuleError(nameof(input.Body), key)));
        return errors;
    }
}

/// <summary>A draft as the editor sends it. Language and topic name the page of the editor's country.</summary>
public sealed class DraftInput
{
    /// <summary>en, sq, mk or sr-Latn.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public string Language { get; set; } = "";

    /// <summary>what-is-trafficking, warning-signs, safe-migration, your-rights or get-help.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public string Topic { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "HelpPages.PageTitle")]
    public string Title { get; set; } = "";

    /// <summary>Markdown; no raw HTML, no images; links to http(s), tel, mailto or this site only.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "HelpPages.Body")]
    public string Body { get; set; } = "";
}

/// <summary>The reviewer's decision: publish, or send back to the author with a comment.</summary>
public sealed class ReviewInput
{
    public bool Approve { get; set; }

    /// <summary>Required when sending back: what to change.</summary>
    public string? Comment { get; set; }
}

public sealed record HelpPageRow(Guid Id, string CountryCode, string Language, string Topic, int? PublishedNumber,
    int? LatestNumber, string? LatestStatus, string? LatestTitle, DateTime? UpdatedAt);

public sealed record HelpVersionView(Guid Id, int Number, string Title, string Body, string Status,
    Guid AuthorId, string AuthorName, DateTime CreatedAt, DateTime UpdatedAt, DateTime? SubmittedAt,
    Guid? ReviewerId, string? ReviewerName, DateTime? ReviewedAt, string? ReviewComment, DateTime? PublishedAt);

/// <summary>A help page with its whole history, newest version first.</summary>
public sealed record HelpPageView(Guid Id, string CountryCode, string Language, string Topic, IReadOnlyList<HelpVersionView> Versions)
{
    public HelpVersionView? Open => Versions.FirstOrDefault(v => v.Status is nameof(HelpVersionStatus.Draft) or nameof(HelpVersionStatus.InReview));
    public HelpVersionView? Published => Versions.FirstOrDefault(v => v.Status == nameof(HelpVersionStatus.Published));
}

/// <summary>
/// Writing, reviewing and publishing the help pages of the editor's country. Every query is scoped to that
/// country: another country's page is not found. Each change is audited.
/// </summary>
public sealed class HelpPageEditing(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    private string Country => user.CountryCode ?? "";

    private IQueryable<HelpPage> Scoped => db.HelpPages.Where(p => p.CountryCode == Country);

    public async Task<IReadOnlyList<HelpPageRow>> ListAsync(string? language, string? topic, CancellationToken ct)
    {
        var pages = Scoped.AsNoTracking();
        if (!string.IsNullOrEmpty(language))
            pages = pages.Where(p => p.Language == language);
        if (HelpTopics.FromSlug(topic) is { } t)
            pages = pages.Where(p => p.Topic == t);
        var rows = await pages.Select(p => new
        {
            p.Id, p.CountryCode, p.Language, p.Topic,
            Published = p.Versions.Where(v => v.Status == HelpVersionStatus.Published).Select(v => (int?)v.Number).FirstOrDefault(),
            Latest = p.Versions.OrderByDescending(v => v.Number).Select(v => new { v.Number, v.Status, v.Title, v.UpdatedAt }).FirstOrDefault(),
        }).ToListAsync(ct);
        return [.. rows
            .OrderBy(r => HelpTopics.All.Select(x => x.Topic).ToList().IndexOf(r.Topic))
            .ThenBy(r => Languages.All.Select(l => l.Code).ToList().IndexOf(r.Language))
            .Select(r => new HelpPageRow(r.Id, r.CountryCode, r.Language, r.Topic.Slug(), r.Published,
                r.Latest?.Number, r.Latest?.Status.ToString(), r.Latest?.Title, r.Latest?.UpdatedAt))];
    }

    public async Task<HelpPageView?> GetAsync(Guid id, CancellationToken ct)
    {
        var page = await Scoped.AsNoTracking().Include(p => p.Versions).FirstOrDefaultAsync(p => p.Id == id, ct);
        return page is null ? null : await ViewAsync(page, ct);
    }

    /// <summary>The page of the editor's country for a language and topic, if it exists yet.</summary>
    public async Task<HelpPageView?> FindAsync(string language, HelpTopic topic, CancellationToken ct)
    {
        var page = await Scoped.AsNoTracking().Include(p => p.Versions).FirstOrDefaultAsync(p => p.Language == language && p.Topic == topic, ct);
        return page is null ? null : await ViewAsync(page, ct);
    }

    /// <summary>
    /// Saves the draft of a page (created on first save): changes the open draft, or starts a new version.
    /// Refused while a version waits for review.
    /// </summary>
    public async Task<CommandResult<HelpPageView>> SaveDraftAsync(DraftInput input, CancellationToken ct)
    {
        var errors = HelpPageRules.Check(input);
        if (errors.Count > 0)
            return CommandResult<HelpPageView>.Refused([.. errors]);
        var topic = HelpTopics.FromSlug(input.Topic)!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var page = await Scoped.Include(p => p.Versions).FirstOrDefaultAsync(p => p.Language == input.Language && p.Topic == topic, ct);
        if (page is null)
        {
            page = new HelpPage { CountryCode = Country, Language = input.Language, Topic = topic, CreatedAt = now };
            db.HelpPages.Add(page);
        }
        var open = page.Versions.FirstOrDefault(v => v.IsOpen);
        if (open?.Status == HelpVersionStatus.InReview)
            return CommandResult<HelpPageView>.Refused("", "HelpPages.WaitingForReview");
        if (open is null)
        {
            open = new HelpPageVersion
            {
                HelpPageId = page.Id,
                Number = page.Versions.Count == 0 ? 1 : page.Versions.Max(v => v.Number) + 1,
                Title = "", Body = "", Status = HelpVersionStatus.Draft, CreatedAt = now,
            };
            // Tracking the version puts it in page.Versions too (EF fix-up); adding it there again would list it twice.
            db.HelpPageVersions.Add(open);
        }
        open.Title = input.Title.Trim();
        open.Body = input.Body;
        open.AuthorId = user.RequiredId;
        open.UpdatedAt = now;
        audit.Record("helppage.draft", nameof(HelpPage), page.Id, $"version={open.Number}");
        await db.SaveChangesAsync(ct);
        return CommandResult<HelpPageView>.Done(await ViewAsync(page, ct));
    }

    public async Task<CommandResult<HelpPageView>> SubmitAsync(Guid id, CancellationToken ct)
    {
        var page = await Scoped.Include(p => p.Versions).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (page is null)
            return CommandResult<HelpPageView>.NotFound();
        var draft = page.Versions.FirstOrDefault(v => v.Status == HelpVersionStatus.Draft);
        if (draft is null)
            return CommandResult<HelpPageView>.Refused("", "HelpPages.NoDraft");
        var now = clock.GetUtcNow().UtcDateTime;
        draft.Status = HelpVersionStatus.InReview;
        draft.SubmittedAt = now;
        draft.UpdatedAt = now;
        audit.Record("helppage.submit", nameof(HelpPage), page.Id, $"version={draft.Number}");
        await db.SaveChangesAsync(ct);
        return CommandResult<HelpPageView>.Done(await ViewAsync(page, ct));
    }

    /// <summary>
    /// Approving publishes the version and supersedes the one visitors read until now; sending back makes it a
    /// draft again with the comment. The author of the version cannot review it.
    /// </summary>
    public async Task<CommandResult<HelpPageView>> ReviewAsync(Guid id, ReviewInput input, CancellationToken ct)
    {
        var page = await Scoped.Include(p => p.Versions).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (page is null)
            return CommandResult<HelpPageView>.NotFound();
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        if (comment?.Length > HelpPageRules.CommentMaxLength)
            return CommandResult<HelpPageView>.Refused(nameof(input.Comment), "HelpPages.CommentTooLong");
        if (!input.Approve && comment is null)
            return CommandResult<HelpPageView>.Refused(nameof(input.Comment), "HelpPages.CommentRequired");
        var version = page.Versions.FirstOrDefault(v => v.Status == HelpVersionStatus.InReview);
        if (version is null)
            return CommandResult<HelpPageView>.Refused("", "HelpPages.NothingToReview");
        if (version.AuthorId == user.RequiredId)
            return CommandResult<HelpPageView>.Refused("", "HelpPages.OwnVersion");

        var now = clock.GetUtcNow().UtcDateTime;
        version.ReviewerId = user.RequiredId;
        version.ReviewedAt = now;
        version.ReviewComment = comment;
        version.UpdatedAt = now;
        if (input.Approve)
        {
            foreach (var previous in page.Versions.Where(v => v.Status == HelpVersionStatus.Published))
                previous.Status = HelpVersionStatus.Superseded;
            version.Status = HelpVersionStatus.Published;
            version.PublishedAt = now;
        }
        else
        {
            version.Status = HelpVersionStatus.Draft;
            version.SubmittedAt = null;
        }
        audit.Record(input.Approve ? "helppage.publish" : "helppage.return", nameof(HelpPage), page.Id, $"version={version.Number}");
        await db.SaveChangesAsync(ct);
        return CommandResult<HelpPageView>.Done(await ViewAsync(page, ct));
    }

    private async Task<HelpPageView> ViewAsync(HelpPage page, CancellationToken ct)
    {
        var people = page.Versions.Select(v => v.AuthorId).Concat(page.Versions.Where(v => v.ReviewerId.HasValue).Select(v => v.ReviewerId!.Value)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string Name(Guid id) => names.TryGetValue(id, out var n) ? n : "";
        return new HelpPageView(page.Id, page.CountryCode, page.Language, page.Topic.Slug(), [.. page.Versions.OrderByDescending(v => v.Number).Select(v =>
            new HelpVersionView(v.Id, v.Number, v.Title, v.Body, v.Status.ToString(), v.AuthorId, Name(v.AuthorId), v.CreatedAt, v.UpdatedAt, v.SubmittedAt,
                v.ReviewerId, v.ReviewerId is { } r ? Name(r) : null, v.ReviewedAt, v.ReviewComment, v.PublishedAt))]);
    }
}
