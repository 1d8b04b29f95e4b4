using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Cases;

/// <summary>A staff member as the case team sees them.</summary>
public sealed record StaffView(Guid Id, string Name);

/// <summary>Who works on a case and who could: its workers, its supervisor, and the organisation's candidates for each.</summary>
public sealed record CaseTeamView(
    CaseStatus Status, CaseStage Stage, IReadOnlyList<StaffView> Workers, StaffView? Supervisor,
    IReadOnlyList<StaffView> Colleagues, IReadOnlyList<StaffView> Supervisors);

/// <summary>
/// The case overview's controls: status (Active or FollowUp; closing is the closure flow's), stage,
/// the assigned workers and the responsible supervisor. Only colleagues of the case's own
/// organisation can be put on a case.
/// </summary>
public sealed class CaseTeamCommands(UraDbContext db, CaseAccess access, CurrentUser user)
{
    /// <summary>The roles whose holders can be assigned to a case (the case team of <c>Scoping.VisibleToCaseTeam</c>).</summary>
    private static readonly string[] AssignableRoles = [Roles.CaseWorker, Roles.IdentificationOfficer];

    /// <summary>The team of a case already loaded through <see cref="CaseAccess"/> (no second audit).</summary>
    public async Task<CaseTeamView> TeamOfAsync(Case found, CancellationToken ct)
    {
        var workerIds = await db.CaseTeamMembers.Where(m => m.CaseId == found.Id).Select(m => m.UserId).ToListAsync(ct);
        var staff = await StaffAsync(found.OrganisationId, ct);
        var colleagues = staff.Where(s => s.Assignable).Select(s => s.View).ToList();
        var supervisors = staff.Where(s => s.Supervisor).Select(s => s.View).ToList();
        var names = await db.Users.AsNoTracking().Where(u => workerIds.Contains(u.Id) || u.Id == found.SupervisorId)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        return new CaseTeamView(found.Status, found.Stage,
            [.. names.Where(n => workerIds.Contains(n.Id)).Select(n => new StaffView(n.Id, n.DisplayName)).OrderBy(s => s.Name, StringComparer.CurrentCulture)],
            names.Where(n => n.Id == found.SupervisorId).Select(n => new StaffView(n.Id, n.DisplayName)).FirstOrDefault(),
            colleagues, supervisors);
    }

    /// <summary>The team of a case whose read the caller has already audited (the overview page); null when out of scope.</summary>
    public async Task<CaseTeamView?> TeamOfAsync(Guid caseId, CancellationToken ct) =>
        await db.Cases.AsNoTracking().VisibleToCaseTeam(user).SingleOrDefaultAsync(c => c.Id == caseId, ct) is { } found
            ? await TeamOfAsync(found, ct)
            : null;

    public async Task<CaseTeamView?> ReadAsync(Guid caseId, CancellationToken ct) =>
        await access.ReadAsync(caseId, ct) is { } found ? await TeamOfAsync(found, ct) : null;

    /// <summary>Active and FollowUp only: a case closes through its closure request and a supervisor's approval.</summary>
    public Task<CommandResult<CaseTeamView>> SetStatusAsync(Guid caseId, string? status, CancellationToken ct) =>
        ChangeAsync(caseId, (found, _) =>
        {
            if (status is not (nameof(CaseStatus.Active) or nameof(CaseStatus.FollowUp)))
                return Task.FromResult<RuleError?>(new RuleError("Status", "Cases.Team.StatusNotAllowed"));
            found.Status = Enum.Parse<CaseStatus>(status);
            access.Record(found, "status.change", null, "CaseStatus." + status);
            return Task.FromResult<RuleError?>(null);
        }, ct);

    public Task<CommandResult<CaseTeamView>> SetStageAsync(Guid caseId, string? stage, CancellationToken ct) =>
        ChangeAsync(caseId, (found, _) =>
        {
            if (!PersonRules.IsValue<CaseStage>(stage))
                return Task.FromResult<RuleError?>(new RuleError("Stage", "Exploitation.UnknownCode"));
            found.Stage = Enum.Parse<CaseStage>(stage!);
            access.Record(found, "stage.change", null, "CaseStage." + stage);
            return Task.FromResult<RuleError?>(null);
        }, ct);

    /// <summary>Puts a colleague on the case: an active case worker or identification officer of the case's organisation.</summary>
    public Task<CommandResult<CaseTeamView>> AssignAsync(Guid caseId, Guid userId, CancellationToken ct) =>
        ChangeAsync(caseId, async (found, _) =>
        {
            var staff = await StaffAsync(found.OrganisationId, ct);
            if (!staff.Any(s => s.Assignable && s.View.Id == userId))
                return new RuleError("UserId", "Cases.Team.NotAColleague");
            if (await db.CaseTeamMembers.AnyAsync(m => m.CaseId == found.Id && m.UserId == userId, ct))
                return new RuleError("UserId", "Cases.Team.AlreadyAssigned");
            db.CaseTeamMembers.Add(new CaseTeamMember { CaseId = found.Id, UserId = userId, AssignedAt = access.Now });
            access.Record(found, "team.assign", userId);
            return null;
        }, ct);

    /// <summary>Takes a worker off the case; the last one stays, so a case always has someone.</summary>
    public Task<CommandResult<CaseTeamView>> UnassignAsync(Guid caseId, Guid userId, CancellationToken ct) =>
        ChangeAsync(caseId, async (found, _) =>
        {
            var team = await db.CaseTeamMembers.Where(m => m.CaseId == found.Id).ToListAsync(ct);
            if (team.SingleOrDefault(m => m.UserId == userId) is not { } member)
                return new RuleError("UserId", "Cases.Team.NotAssigned");
            if (team.Count == 1)
                return new RuleError("UserId", "Cases.Team.LastWorker");
            db.CaseTeamMembers.Remove(member);
            access.Record(found, "team.unassign", userId);
            return null;
        }, ct);

    /// <summary>Sets (or, with null, clears) the responsible supervisor: a supervisor of the case's organisation.</summary>
    public Task<CommandResult<CaseTeamView>> SetSupervisorAsync(Guid caseId, Guid? supervisorId, CancellationToken ct) =>
        ChangeAsync(caseId, async (found, _) =>
        {
            if (supervisorId is { } id && !(await StaffAsync(found.OrganisationId, ct)).Any(s => s.Supervisor && s.View.Id == id))
                return new RuleError("SupervisorId", "Cases.Team.NotASupervisor");
            found.SupervisorId = supervisorId;
            access.Record(found, "supervisor.set", supervisorId);
            return null;
        }, ct);

    private async Task<CommandResult<CaseTeamView>> ChangeAsync(Guid caseId, Func<Case, CancellationToken, Task<RuleError?>> change, CancellationToken ct)
    {
        var (found, refusal) = await access.ForChangeAsync(caseId, ct);
        if (found is null)
            return CommandResult<CaseTeamView>.NotFound();
        if (refusal is not null)
            return CommandResult<CaseTeamView>.Refused(refusal);
        if (await change(found, ct) is { } error)
            return CommandResult<CaseTeamView>.Refused(error);
        await db.SaveChangesAsync(ct);
        return CommandResult<CaseTeamView>.Done(await TeamOfAsync(found, ct));
    }

    private sealed record Staff(StaffView View, bool Assignable, bool Supervisor);

    /// <summary>The organisation's active staff who can work on cases, with what they can be.</summary>
    private async Task<List<Staff>> StaffAsync(Guid organisationId, CancellationToken ct)
    {
        var rows = await (
            from u in db.Users.AsNoTracking()
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where u.OrganisationId == organisationId && u.IsActive
                && (AssignableRoles.Contains(r.Name!) || r.Name == Roles.Supervisor)
            select new { u.Id, u.DisplayName, Role = r.Name }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.Id).Select(g => new Staff(new StaffView(g.Key, g.First().DisplayName),
                g.Any(r => AssignableRoles.Contains(r.Role)), g.Any(r => r.Role == Roles.Supervisor)))
            .OrderBy(s => s.View.Name, StringComparer.CurrentCulture)];
    }
}
