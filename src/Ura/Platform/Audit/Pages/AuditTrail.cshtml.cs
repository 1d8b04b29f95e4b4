using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Platform.Audit.Pages;

/// <summary>
/// The organisation's audit trail for supervisors and organisation admins; the system admin sees the
/// whole node. Newest first, fifty at a time, paged by sequence number so pages stay fast.
/// </summary>
[Authorize(Policy = Policies.AuditReader)]
public sealed class AuditTrailModel(UraDbContext db, CurrentUser current) : PageModel
{
    private const int PageSize = 50;

    /// <summary>Filter choices: the first part of the action name.</summary>
    public static readonly string[] ActionGroups = ["auth", "token", "user", "organisation", "read"];

    public sealed record Row(long Sequence, DateTime At, string? UserName, string Action, string? EntityType, string? EntityId, string? ClientAddress);

    public IReadOnlyList<Row> Events { get; private set; } = [];
    public long? NextBefore { get; private set; }
    public string? Action { get; private set; }

    public async Task OnGetAsync(long? before, string? action)
    {
        Action = ActionGroups.Contains(action) ? action : null;
        var events = db.AuditEvents.AsNoTracking();
        if (!current.IsInRole(Roles.SystemAdmin))
        {
            var organisationId = current.RequiredOrganisationId;
            events = events.Where(e => e.OrganisationId == organisationId);
        }
        if (before is { } b)
            events = events.Where(e => e.Sequence < b);
        if (Action is { } group)
            events = events.Where(e => e.Action == group || e.Action.StartsWith(group + "."));

        var rows = await events
            .OrderByDescending(e => e.Sequence)
            .Take(PageSize + 1)
            .GroupJoin(db.Users, e => e.UserId, u => u.Id, (e, users) => new { e, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new Row(
                x.e.Sequence, x.e.At, u == null ? null : u.DisplayName, x.e.Action, x.e.EntityType, x.e.EntityId, x.e.ClientAddress))
            .ToListAsync(HttpContext.RequestAborted);
        rows = rows.OrderByDescending(r => r.Sequence).ToList();
        NextBefore = rows.Count > PageSize ? rows[PageSize - 1].Sequence : null;
        Events = rows.Take(PageSize).ToList();
    }
}
