using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Reports.Projects;

/// <summary>How project figures are written on the pages.</summary>
public static class ProjectFormat
{
    public static string Period(DateOnly from, DateOnly to) =>
        $"{from.ToString("d", CultureInfo.CurrentCulture)} – {to.ToString("d", CultureInfo.CurrentCulture)}";

    public static string Target(decimal target) => target.ToString("#,0.##", CultureInfo.CurrentCulture);

    /// <summary>A target as the form field shows it: a point for decimals, whatever the language.</summary>
    public static string Field(decimal? target) => target?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A target typed with a point or a comma; false when it is not a number.</summary>
    public static bool TryParseTarget(string? raw, out decimal? target)
    {
        target = null;
        if (string.IsNullOrWhiteSpace(raw))
            return true;
        if (!decimal.TryParse(raw.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value))
            return false;
        target = value;
        return true;
    }
}

/// <summary>One line of the targets table: an indicator, whether the project reports on it, and its target as typed.</summary>
public sealed class TargetRow
{
    public string? IndicatorKey { get; set; }
    public bool Include { get; set; }
    public string? Target { get; set; }
}

/// <summary>The projects the user may read.</summary>
[Authorize(Policy = Policies.ReportReader)]
public sealed class ProjectListModel(ProjectDirectory projects) : PageModel
{
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];
    public bool CanCreate => projects.CanCreate;

    public async Task OnGetAsync() => Projects = await projects.ListAsync(HttpContext.RequestAborted);
}

/// <summary>A project: organisations, funders, period, indicators and targets.</summary>
[Authorize(Policy = Policies.ReportReader)]
public sealed class ProjectDetailModel(ProjectDirectory projects) : PageModel
{
    public ProjectView View { get; private set; } = null!;
    public bool CanChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await projects.GetAsync(id, HttpContext.RequestAborted) is not { } view)
            return NotFound();
        View = view;
        CanChange = await projects.CanChangeAsync(id, HttpContext.RequestAborted);
        return Page();
    }
}

/// <summary>
/// The project form: its fields, the country's organisations as checkboxes and a fixed table of every
/// indicator with an include box and a target, so it works without scripts. Targets are posted as text
/// (read with a point or a comma), because a decimal bound in the reader's culture would refuse "2.5" in Albanian.
/// </summary>
public abstract class ProjectFormPage(ProjectDirectory projects, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    [BindProperty]
    public List<TargetRow> Rows { get; set; } = [];

    public IReadOnlyList<ProjectOrganisationView> Organisations { get; private set; } = [];

    protected ProjectDirectory Projects => projects;

    protected async Task LoadChoicesAsync() => Organisations = await projects.OrganisationsAsync(HttpContext.RequestAborted);

    /// <summary>One row per indicator of the catalogue, filled from the project's targets.</summary>
    protected void ShowTargets()
    {
        var targets = Input.Targets.Where(t => t.IndicatorKey is not null).ToDictionary(t => t.IndicatorKey!, t => t.Target);
        Rows = [.. ProjectDirectory.IndicatorKeys.Select(k => new TargetRow
        {
            IndicatorKey = k, Include = targets.ContainsKey(k), Target = targets.TryGetValue(k, out var t) ? ProjectFormat.Field(t) : null,
        })];
    }

    /// <summary>Reads the included rows into <see cref="Input"/>; false (with the error shown) when a target is not a number.</summary>
    protected bool ReadTargets()
    {
        Input.Targets = [];
        var ok = true;
        foreach (var row in Rows.Where(r => r.Include))
        {
            if (ProjectFormat.TryParseTarget(row.Target, out var target))
                Input.Targets.Add(new TargetInput { IndicatorKey = row.IndicatorKey, Target = target });
            else
                ok = false;
        }
        if (!ok)
            ModelState.AddModelError("Input.Targets", text["Projects.TargetInvalid"]);
        // Rows come back in catalogue order; a missing or tampered one is shown as posted.
        if (Rows.Count == 0)
            ShowTargets();
        return ok;
    }

    protected IActionResult? Refused(CommandResult<ProjectView> result) => this.Refused(result, text);
}

/// <summary>Creates a project in the coordinator's country.</summary>
[Authorize(Policy = Policies.ProjectEditor)]
public sealed class ProjectNewModel(ProjectDirectory projects, IStringLocalizer<Text> text) : ProjectFormPage(projects, text)
{
    public async Task OnGetAsync()
    {
        await LoadChoicesAsync();
        ShowTargets();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadChoicesAsync();
        if (!ReadTargets() || !ModelState.IsValid)
            return Page();
        var result = await Projects.CreateAsync(Input, HttpContext.RequestAborted);
        return Refused(result) ?? LocalRedirect($"/reports/projects/{result.Value!.Id}");
    }
}

/// <summary>Changes a project of the coordinator's country; another country's is not found.</summary>
[Authorize(Policy = Policies.ProjectEditor)]
public sealed class ProjectEditModel(ProjectDirectory projects, IStringLocalizer<Text> text) : ProjectFormPage(projects, text)
{
    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Projects.ForEditAsync(id, HttpContext.RequestAborted) is not { } input)
            return NotFound();
        Id = id;
        Input = input;
        ShowTargets();
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await Projects.CanChangeAsync(id, HttpContext.RequestAborted))
            return NotFound();
        Id = id;
        await LoadChoicesAsync();
        if (!ReadTargets() || !ModelState.IsValid)
            return Page();
        var result = await Projects.ChangeAsync(id, Input, HttpContext.RequestAborted);
        return Refused(result) ?? LocalRedirect($"/reports/projects/{id}");
    }
}
