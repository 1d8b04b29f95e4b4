using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Cases;

public sealed record TaskInput(
    [property: Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")] string Title,
    [property: Required(ErrorMessage = "Validation.Required")] string Kind,
    [property: Required(ErrorMessage = "Validation.Required")] DateOnly? DueOn,
    [property: Required(ErrorMessage = "Validation.Required")] Guid? AssigneeId);

public sealed record TaskView(Guid Id, string Title, string Kind, DateOnly DueOn, Guid AssigneeId, string Assignee, bool Overdue,
    DateTime? CompletedAt, string? CompletedBy);

/// <summary>A task in a worker's "due and overdue" list, with its case.</summary>
public sealed record DueTaskView(Guid Id, Guid CaseId, string CaseReference, string Title, string Kind, DateOnly DueOn, bool Overdue);

public sealed record TeamMemberView(Guid Id, string Name);

/// <summary>Tasks of a case (create, complete, list) and each worker's due and overdue tasks.</summary>
public sealed class CaseTasks(UraDbContext db, CaseAccess access, CurrentUser user, AuditLog audit)
{
    /// <summary>The "due" list looks this many days ahead.</summary>
    public const int DaysAhead = 7;
    public const int PageSize = 25;

    /// <summary>The case's tasks, open first by date, then completed; null when out of scope. The read is audited.</summary>
    public async Task<IReadOnlyList<TaskView>?> ListAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        return await ViewsAsync(found.Id, ct);
    }

    /// <summary>The tasks of a case the caller has already loaded through <see cref="CaseAccess"/>.</summary>
    public async Task<IReadOnlyList<TaskView>> ListForAsync(Case scoped, CancellationToken ct) => await ViewsAsync(scoped.Id, ct);

    /// <summary>Who may be given a task on the case: its assigned workers and its organisation's supervisors.</summary>
    public async Task<IReadOnlyList<TeamMemberView>> TeamAsync(Guid caseId, Guid organisationId, CancellationToken ct)
    {
        var supervisorRole = await db.Roles.Where(r => r.Name == Roles.Supervisor).Select(r => r.Id).SingleAsync(ct);
        var team = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.OrganisationId == organisationId
                && (db.CaseTeamMembers.Any(m => m.CaseId == caseId && m.UserId == u.Id)
                    || db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == supervisorRole)))
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        return [.. team.Select(u => new TeamMemberView(u.Id, u.DisplayName)).OrderBy(u => u.Name, StringComparer.CurrentCulture)];
    }

    public async Task<CommandResult<TaskView>> CreateAsync(Guid caseId, TaskInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<TaskView>.NotFound();
        if (refusal is not null)
            return CommandResult<TaskView>.Refused(refusal);
        var errors = new List<RuleError>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
            errors.Add(new(nameof(TaskInput.Title), "Validation.Required"));
        else if (title.Length > 200)
            errors.Add(new(nameof(TaskInput.Title), "Validation.TooLong"));
        if (!PersonRules.IsValue<CaseTaskKind>(input.Kind))
            errors.Add(new(nameof(TaskInput.Kind), "Tasks.UnknownKind"));
        if (input.DueOn is not { } due)
            errors.Add(new(nameof(TaskInput.DueOn), "Validation.Required"));
        else if (due < access.Today)
            errors.Add(new(nameof(TaskInput.DueOn), "Tasks.DueInPast"));
        else if (due > access.Today.AddYears(5))
            errors.Add(new(nameof(TaskInput.DueOn), "Tasks.DueTooFar"));
        if (input.AssigneeId is not { } assignee || !(await TeamAsync(@case.Id, @case.OrganisationId, ct)).Any(m => m.Id == assignee))
            errors.Add(new(nameof(TaskInput.AssigneeId), "Tasks.AssigneeNotInTeam"));
        if (errors.Count > 0)
            return CommandResult<TaskView>.Refused([.. errors]);

        var task = new CaseTask
        {
            CaseId = @case.Id,
            OrganisationId = @case.OrganisationId,
            Kind = Enum.Parse<CaseTaskKind>(input.Kind),
            Title = title,
            DueOn = input.DueOn!.Value,
            AssigneeId = input.AssigneeId!.Value,
            CreatedAt = access.Now,
            CreatedById = user.RequiredId,
        };
        db.CaseTasks.Add(task);
        access.Record(@case, "task.add", task.Id, "CaseTaskKind." + task.Kind);
        await db.SaveChangesAsync(ct);
        return CommandResult<TaskView>.Done((await ViewsAsync(@case.Id, ct)).Single(t => t.Id == task.Id));
    }

    public async Task<CommandResult<TaskView>> CompleteAsync(Guid caseId, Guid taskId, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<TaskView>.NotFound();
        var task = await db.CaseTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.CaseId == @case.Id, ct);
        if (task is null)
            return CommandResult<TaskView>.NotFound();
        if (refusal is not null)
            return CommandResult<TaskView>.Refused(refusal);
        if (task.Complete(user.RequiredId, access.Now) is { } error)
            return CommandResult<TaskView>.Refused("", error);
        access.Record(@case, "task.complete", task.Id, "CaseTaskKind." + task.Kind);
        await db.SaveChangesAsync(ct);
        return CommandResult<TaskView>.Done((await ViewsAsync(@case.Id, ct)).Single(t => t.Id == task.Id));
    }

    /// <summary>
    /// A worker's open tasks due within <see cref="DaysAhead"/> days and all overdue ones, overdue
    /// first, on cases the reader may see. Without <paramref name="workerId"/> the reader's own; a
    /// supervisor may choose a worker of their organisation (null result: no such worker, answer 404).
    /// </summary>
    public async Task<Paged<DueTaskView>?> DueAsync(Guid? workerId, int page, CancellationToken ct)
    {
        var me = user.RequiredId;
        var worker = workerId ?? me;
        if (worker != me)
        {
            var organisationId = user.OrganisationId ?? Guid.Empty;
            if (!user.IsInRole(Roles.Supervisor) || !await db.Users.AnyAsync(u => u.Id == worker && u.OrganisationId == organisationId, ct))
                return null;
        }
        page = Paged<DueTaskView>.Clamp(page);
        var today = access.Today;
        var until = today.AddDays(DaysAhead);
        // Served by the (AssigneeId, CompletedAt, DueOn) index; the case join keeps the list to cases the reader may see.
        var due = db.CaseTasks.AsNoTracking()
            .Where(t => t.AssigneeId == worker && t.CompletedAt == null && t.DueOn <= until)
            .Join(db.Cases.VisibleToCaseTeam(user), t => t.CaseId, c => c.Id, (t, c) => new { Task = t, c.Reference });
        var total = await due.CountAsync(ct);
        var rows = await due.OrderBy(x => x.Task.DueOn).ThenBy(x => x.Task.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        audit.Record("read", "TaskList", worker, $"count={rows.Count}");
        await db.SaveChangesAsync(ct);
        return new Paged<DueTaskView>(
            [.. rows.Select(r => new DueTaskView(r.Task.Id, r.Task.CaseId, r.Reference, r.Task.Title, r.Task.Kind.ToString(), r.Task.DueOn, r.Task.IsOverdue(today)))],
            page, PageSize, total);
    }

    /// <summary>Workers of the supervisor's organisation whose lists they can open.</summary>
    public async Task<IReadOnlyList<TeamMemberView>> WorkersAsync(CancellationToken ct)
    {
        var organisationId = user.OrganisationId ?? Guid.Empty;
        var caseRoles = await db.Roles.Where(r => r.Name == Roles.CaseWorker || r.Name == Roles.IdentificationOfficer || r.Name == Roles.Supervisor)
            .Select(r => r.Id).ToListAsync(ct);
        var workers = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.OrganisationId == organisationId && db.UserRoles.Any(r => r.UserId == u.Id && caseRoles.Contains(r.RoleId)))
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        return [.. workers.Select(u => new TeamMemberView(u.Id, u.DisplayName)).OrderBy(u => u.Name, StringComparer.CurrentCulture)];
    }

    private async Task<List<TaskView>> ViewsAsync(Guid caseId, CancellationToken ct)
    {
        var tasks = await db.CaseTasks.AsNoTracking().Where(t => t.CaseId == caseId).ToListAsync(ct);
        var names = await db.StaffNamesAsync(tasks.SelectMany(t => new[] { t.AssigneeId, t.CompletedById }), ct);
        var today = access.Today;
        return [.. tasks.OrderBy(t => t.CompletedAt is not null).ThenBy(t => t.CompletedAt is null ? t.DueOn : DateOnly.MaxValue).ThenByDescending(t => t.CompletedAt)
            .Select(t => new TaskView(t.Id, t.Title, t.Kind.ToString(), t.DueOn, t.AssigneeId, names.GetValueOrDefault(t.AssigneeId, ""), t.IsOverdue(today),
                t.CompletedAt, t.CompletedById is { } c ? names.GetValueOrDefault(c, "") : null))];
    }
}
