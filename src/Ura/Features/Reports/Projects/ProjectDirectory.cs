using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Reports.Projects;

/// <summary>A project as written by its national coordinator; the country is the coordinator's.</summary>
public sealed class ProjectInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(Project.MaxName, ErrorMessage = "Validation.TooLong"), Display(Name = "Projects.Field.Name")]
    public string? Name { get; set; }

    [StringLength(Project.MaxFunders, ErrorMessage = "Validation.TooLong"), Display(Name = "Projects.Field.Funders")]
    public string? Funders { get; set; }

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Projects.Field.StartsOn")]
    public DateOnly? StartsOn { get; set; }

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Projects.Field.EndsOn")]
    public DateOnly? EndsOn { get; set; }

    public List<Guid> OrganisationIds { get; set; } = [];

    public List<TargetInput> Targets { get; set; } = [];
}

/// <summary>One indicator of the project with its target (0 or more).</summary>
public sealed class TargetInput
{
    public string? IndicatorKey { get; set; }
    public decimal? Target { get; set; }
}

public sealed record ProjectOrganisationView(Guid Id, string Name);

public sealed record ProjectTargetView(string IndicatorKey, decimal Target);

public sealed record ProjectSummary(Guid Id, string Name, string? Funders, string CountryCode, DateOnly StartsOn, DateOnly EndsOn,
    int Organisations, int Targets);

public sealed record ProjectView(Guid Id, string Name, string? Funders, string CountryCode, DateOnly StartsOn, DateOnly EndsOn,
    IReadOnlyList<ProjectOrganisationView> Organisations, IReadOnlyList<ProjectTargetView> Targets);

/// <summary>
/// Projects and who may see them. National coordinators read, create and change their country's projects;
/// analysts and supervisors read the projects their organisation takes part in. Anything else is not found.
/// </summary>
public sealed class ProjectDirectory(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>The indicators a project can set targets for: the whole catalogue, in its order.</summary>
    public static IReadOnlyList<string> IndicatorKeys => Indicators.IndicatorCatalogue.Keys;

    public static bool IsKnownIndicator(string? key) => Indicators.IndicatorCatalogue.IsKnown(key);

    /// <summary>The projects <paramref name="reader"/> may read, filtered inside the query.</summary>
    private IQueryable<Project> Readable(CurrentUser reader)
    {
        var country = reader.CountryCode ?? "";
        var organisationId = reader.OrganisationId ?? Guid.Empty;
        var national = reader.IsInRole(Roles.NationalCoordinator);
        var member = reader.IsInRole(Roles.Analyst) || reader.IsInRole(Roles.Supervisor);
        return db.Projects.Where(p => (national && p.CountryCode == country)
            || (member && p.Organisations.Any(o => o.OrganisationId == organisationId)));
    }

    /// <summary>The projects the user may change: their country's, as a national coordinator.</summary>
    private IQueryable<Project> Writable()
    {
        if (!user.IsInRole(Roles.NationalCoordinator) || user.CountryCode is not { } country)
            return db.Projects.Where(_ => false);
        return db.Projects.Where(p => p.CountryCode == country);
    }

    public bool CanCreate => user.IsInRole(Roles.NationalCoordinator) && user.CountryCode is not null;

    /// <summary>
    /// The project with its organisations (and their names), period and targets, when <paramref name="reader"/>
    /// may read it; null otherwise. Not tracked.
    /// </summary>
    public Task<Project?> FindAsync(Guid id, CurrentUser reader, CancellationToken ct = default) =>
        Readable(reader).AsNoTracking().AsSplitQuery()
            .Include(p => p.Organisations).ThenInclude(o => o.Organisation)
            .Include(p => p.Targets)
            .FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<IReadOnlyList<ProjectSummary>> ListAsync(CancellationToken ct) =>
        await Readable(user).AsNoTracking()
            .OrderByDescending(p => p.StartsOn).ThenBy(p => p.CountryCode).ThenBy(p => p.Name)
            .Select(p => new ProjectSummary(p.Id, p.Name, p.Funders, p.CountryCode, p.StartsOn, p.EndsOn, p.Organisations.Count, p.Targets.Count))
            .ToListAsync(ct);

    public async Task<ProjectView?> GetAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, user, ct) is { } project ? View(project) : null;

    public Task<bool> CanChangeAsync(Guid id, CancellationToken ct) => Writable().AnyAsync(p => p.Id == id, ct);

    /// <summary>The project as its edit form takes it, when the user may change it.</summary>
    public async Task<ProjectInput?> ForEditAsync(Guid id, CancellationToken ct)
    {
        var project = await Writable().AsNoTracking().Include(p => p.Organisations).Include(p => p.Targets).FirstOrDefaultAsync(p => p.Id == id, ct);
        return project is null ? null : new ProjectInput
        {
            Name = project.Name, Funders = project.Funders, StartsOn = project.StartsOn, EndsOn = project.EndsOn,
            OrganisationIds = [.. project.Organisations.Select(o => o.OrganisationId)],
            Targets = [.. project.Targets.Select(t => new TargetInput { IndicatorKey = t.IndicatorKey, Target = t.Target })],
        };
    }

    /// <summary>The active organisations of the user's country, the ones a project of theirs may group.</summary>
    public async Task<IReadOnlyList<ProjectOrganisationView>> OrganisationsAsync(CancellationToken ct)
    {
        var country = user.CountryCode ?? "";
        return await db.Organisations.AsNoTracking().Where(o => o.CountryCode == country && o.IsActive)
            .OrderBy(o => o.Name).Select(o => new ProjectOrganisationView(o.Id, o.Name)).ToListAsync(ct);
    }

    public async Task<CommandResult<ProjectView>> CreateAsync(ProjectInput input, CancellationToken ct)
    {
        if (!CanCreate)
            return CommandResult<ProjectView>.NotFound();
        var country = user.CountryCode!;
        var errors = await CheckAsync(input, country, null, ct);
        if (errors.Count > 0)
            return CommandResult<ProjectView>.Refused([.. errors]);
        var now = clock.GetUtcNow().UtcDateTime;
        var project = new Project
        {
            CountryCode = country, Name = input.Name!.Trim(), CreatedById = user.RequiredId, CreatedAt = now,
        };
        Apply(project, input, now);
        db.Projects.Add(project);
        audit.Record("reports.project.create", nameof(Project), project.Id, Detail(project));
        await db.SaveChangesAsync(ct);
        return CommandResult<ProjectView>.Done((await GetAsync(project.Id, ct))!);
    }

    /// <summary>Replaces the project's name, funders, period, organisations and targets; another country's project is not found and stays as it was.</summary>
    public async Task<CommandResult<ProjectView>> ChangeAsync(Guid id, ProjectInput input, CancellationToken ct)
    {
        var project = await Writable().Include(p => p.Organisations).Include(p => p.Targets).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
            return CommandResult<ProjectView>.NotFound();
        var errors = await CheckAsync(input, project.CountryCode, project.Id, ct);
        if (errors.Count > 0)
            return CommandResult<ProjectView>.Refused([.. errors]);
        Apply(project, input, clock.GetUtcNow().UtcDateTime);
        audit.Record("reports.project.change", nameof(Project), project.Id, Detail(project));
        await db.SaveChangesAsync(ct);
        return CommandResult<ProjectView>.Done((await GetAsync(project.Id, ct))!);
    }

    private void Apply(Project project, ProjectInput input, DateTime now)
    {
        project.Name = input.Name!.Trim();
        project.Funders = string.IsNullOrWhiteSpace(input.Funders) ? null : input.Funders.Trim();
        project.StartsOn = input.StartsOn!.Value;
        project.EndsOn = input.EndsOn!.Value;
        project.ModifiedAt = now;

        var organisations = input.OrganisationIds.ToHashSet();
        foreach (var row in project.Organisations.Where(o => !organisations.Contains(o.OrganisationId)).ToList())
            project.Organisations.Remove(row);
        foreach (var organisationId in organisations.Where(o => project.Organisations.All(x => x.OrganisationId != o)))
        {
            var row = new ProjectOrganisation { ProjectId = project.Id, OrganisationId = organisationId };
            project.Organisations.Add(row);
            db.ProjectOrganisations.Add(row);
        }

        var targets = input.Targets.ToDictionary(t => t.IndicatorKey!, t => t.Target!.Value);
        foreach (var row in project.Targets.ToList())
        {
            if (targets.Remove(row.IndicatorKey, out var target))
                row.Target = target;
            else
                project.Targets.Remove(row);
        }
        foreach (var (key, target) in targets)
        {
            var row = new ProjectTarget { ProjectId = project.Id, IndicatorKey = key, Target = target };
            project.Targets.Add(row);
            db.ProjectTargets.Add(row);
        }
    }

    private static string Detail(Project project) =>
        $"organisations={project.Organisations.Count} targets={project.Targets.Count} period={project.StartsOn:yyyy-MM-dd}..{project.EndsOn:yyyy-MM-dd}";

    /// <summary>
    /// The rules of a project: a name not used by another project of the country, a period that does not end
    /// before it starts, at least one organisation and only active ones of the country, known indicators once
    /// each with a target of 0 or more. Target errors name the field <c>Targets</c>.
    /// </summary>
    private async Task<List<RuleError>> CheckAsync(ProjectInput input, string country, Guid? self, CancellationToken ct)
    {
        input.OrganisationIds ??= [];
        input.Targets ??= [];
        var errors = Check(input);
        if (!string.IsNullOrWhiteSpace(input.Name) && input.Name.Trim().Length <= Project.MaxName)
        {
            var name = input.Name.Trim();
            if (await db.Projects.AnyAsync(p => p.CountryCode == country && p.Name == name && p.Id != self, ct))
                errors.Add(new(nameof(input.Name), "Projects.NameTaken"));
        }
        var ids = input.OrganisationIds.Distinct().ToList();
        if (ids.Count > 0)
        {
            var known = await db.Organisations.CountAsync(o => ids.Contains(o.Id) && o.CountryCode == country && o.IsActive, ct);
            if (known != ids.Count)
                errors.Add(new(nameof(input.OrganisationIds), "Projects.UnknownOrganisation"));
        }
        return errors;
    }

    /// <summary>The rules that need no database.</summary>
    public static List<RuleError> Check(ProjectInput input)
    {
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add(new(nameof(input.Name), "Validation.Required"));
        else if (input.Name.Trim().Length > Project.MaxName)
            errors.Add(new(nameof(input.Name), "Validation.TooLong"));
        if (input.Funders?.Trim().Length > Project.MaxFunders)
            errors.Add(new(nameof(input.Funders), "Validation.TooLong"));
        if (input.StartsOn is not { } starts)
            errors.Add(new(nameof(input.StartsOn), "Validation.Required"));
        else if (starts < Earliest || starts > Latest)
            errors.Add(new(nameof(input.StartsOn), "Projects.DateRange"));
        if (input.EndsOn is not { } ends)
            errors.Add(new(nameof(input.EndsOn), "Validation.Required"));
        else if (ends < Earliest || ends > Latest)
            errors.Add(new(nameof(input.EndsOn), "Projects.DateRange"));
        else if (input.StartsOn is { } from && ends < from)
            errors.Add(new(nameof(input.EndsOn), "Projects.PeriodReversed"));
        if (input.OrganisationIds is null || input.OrganisationIds.Count == 0)
            errors.Add(new(nameof(input.OrganisationIds), "Projects.OrganisationRequired"));

        var seen = new HashSet<string>();
        foreach (var target in input.Targets ?? [])
        {
            if (target is null || !IsKnownIndicator(target.IndicatorKey))
                errors.Add(new(nameof(input.Targets), "Projects.UnknownIndicator"));
            else if (!seen.Add(target.IndicatorKey!))
                errors.Add(new(nameof(input.Targets), "Projects.IndicatorTwice"));
            else if (target.Target is not { } value || value < 0 || value > ProjectTarget.MaxTarget)
                errors.Add(new(nameof(input.Targets), "Projects.TargetInvalid"));
        }
        return [.. errors.Distinct()];
    }

    private static ProjectView View(Project p) => new(p.Id, p.Name, p.Funders, p.CountryCode, p.StartsOn, p.EndsOn,
        [.. p.Organisations.Select(o => new ProjectOrganisationView(o.OrganisationId, o.Organisation?.Name ?? "")).OrderBy(o => o.Name, StringComparer.Ordinal)],
        [.. p.Targets.OrderBy(t => IndicatorOrder(t.IndicatorKey)).Select(t => new ProjectTargetView(t.IndicatorKey, t.Target))]);

    private static int IndicatorOrder(string key)
    {
        for (var i = 0; i < IndicatorKeys.Count; i++)
            if (IndicatorKeys[i] == key)
                return i;
        return int.MaxValue;
    }
}
