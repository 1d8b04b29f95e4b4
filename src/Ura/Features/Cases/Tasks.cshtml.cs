using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>The case's tasks, creating one for a team member and completing one; case team only (others get 404).</summary>
[Authorize]
public sealed class TasksModel(CaseAccess access, CaseTasks tasks, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];
    public IReadOnlyList<TeamMemberView> Team { get; private set; } = [];

    [BindProperty]
    public Form Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await access.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Case = found;
        Tasks = await tasks.ListForAsync(found, HttpContext.RequestAborted);
        Team = await tasks.TeamAsync(found.Id, found.OrganisationId, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var result = await tasks.CreateAsync(id, new TaskInput(Input.Title ?? "", Input.Kind ?? "", Input.DueOn, Input.AssigneeId), HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/cases/{id}/tasks");
        ModelState.Clear();
        result.Errors.AddTo(ModelState, text);
        return await OnGetAsync(id);
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, Guid taskId)
    {
        var result = await tasks.CompleteAsync(id, taskId, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/cases/{id}/tasks");
        ModelState.Clear();
        result.Errors.AddTo(ModelState, text);
        return await OnGetAsync(id);
    }

    public sealed class Form
    {
        [Display(Name = "Tasks.Field.Title")]
        public string? Title { get; set; }

        public string? Kind { get; set; }

        [Display(Name = "Tasks.Field.DueOn")]
        public DateOnly? DueOn { get; set; }

        public Guid? AssigneeId { get; set; }
    }
}
