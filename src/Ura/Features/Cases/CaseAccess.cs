using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

/// <summary>
/// How every part of a case (consent, plans, notes...) loads its case: scoped to the case team in the
/// query, reads audited, changes refused once the case is closed, and each change written to the
/// case timeline and the audit log together.
/// </summary>
public sealed class CaseAccess(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The case with its person if the user is on its team (else null: answer 404); the read is audited.</summary>
    public async Task<Case?> ReadAsync(Guid id, CancellationToken ct)
    {
        var found = await db.Cases.AsNoTracking().VisibleToCaseTeam(user).Include(c => c.Person)
            .SingleOrDefaultAsync(c => c.Id == id, ct);
        if (found is not null)
            await audit.ReadAsync(nameof(Case), found.Id, ct);
        return found;
    }

    /// <summary>
    /// The case, tracked, for a change by its team. Null when out of scope (answer 404); a refusal
    /// when the case is closed, since a closed case changes only by reopening it.
    /// </summary>
    public async Task<(Case? Case, RuleError? Refusal)> ForChangeAsync(Guid id, CancellationToken ct)
    {
        var found = await db.Cases.VisibleToCaseTeam(user).SingleOrDefaultAsync(c => c.Id == id, ct);
        return (found, found is { IsClosed: true } ? new RuleError("", "Cases.Closed") : null);
    }

    /// <summary>Records a change on the case timeline and in the audit log; both are saved with the change.</summary>
    public void Record(Case @case, string action, object? entityId = null, string? detail = null)
    {
        @case.UpdatedAt = Now;
        db.CaseEvents.Add(new CaseEvent { CaseId = @case.Id, At = Now, UserId = user.Id, Action = action, Detail = detail });
        audit.Record("case." + action, nameof(Case), @case.Id,
            $"reference={@case.Reference}" + (entityId is null ? "" : $"; id={entityId}") + (detail is null ? "" : $"; {detail}"));
    }

    /// <summary>
    /// Records on the timeline of a case the signed-in user may not read: another organisation acting
    /// on a referral from that case. Nothing of the case is loaded or shown; saved with the change.
    /// </summary>
    public void RecordOnReferringCase(Guid caseId, string action, object? entityId = null, string? detail = null)
    {
        db.CaseEvents.Add(new CaseEvent { CaseId = caseId, At = Now, UserId = user.Id, Action = action, Detail = detail });
        audit.Record("case." + action, nameof(Case), caseId, (entityId is null ? "" : $"id={entityId}") + (detail is null ? "" : $"; {detail}"));
    }
}
