using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

/// <summary>One entry of a case's timeline: when, who, what.</summary>
public sealed record TimelineEntry(DateTime At, string? By, string Action, string? Detail);

/// <summary>Everything that happened on a case, newest first.</summary>
public sealed class CaseTimelineReader(UraDbContext db)
{
    public const int PageSize = 50;

    /// <summary>One page of the timeline of a case the caller has already loaded through <see cref="CaseAccess"/>.</summary>
    public async Task<Paged<TimelineEntry>> PageAsync(Case loaded, int page, CancellationToken ct)
    {
        page = Paged<TimelineEntry>.Clamp(page);
        var events = db.CaseEvents.AsNoTracking().Where(e => e.CaseId == loaded.Id);
        var total = await events.CountAsync(ct);
        var rows = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var names = await db.StaffNamesAsync(rows.Select(r => r.UserId), ct);
        return new([.. rows.Select(r => new TimelineEntry(r.At, r.UserId is { } u ? names.GetValueOrDefault(u) : null, r.Action, r.Detail))],
            page, PageSize, total);
    }
}

[Authorize]
public sealed class CaseTimelineModel(CaseAccess access, CaseTimelineReader timeline) : PageModel
{
    public Case Case { get; private set; } = null!;
    public Paged<TimelineEntry> Entries { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, int page = 1)
    {
        if (await access.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Case = found;
        Entries = await timeline.PageAsync(found, page, HttpContext.RequestAborted);
        return Page();
    }
}
