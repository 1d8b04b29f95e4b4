using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>
/// A case with its person, for the case team only (others get 404); every view is audited. The team
/// changes status (Active or FollowUp), stage, assigned workers and the responsible supervisor here.
/// </summary>
[Authorize]
public sealed class CaseDetailModel(CaseRegistration registration, DuplicateCheck duplicates, CaseTeamCommands team, IStringLocalizer<Text> text) : PageModel
{
    public CaseView Case { get; private set; } = null!;

    public CaseTeamView Team { get; private set; } = null!;

    /// <summary>Shown after the worker asks for a duplicate check.</summary>
    public DuplicateReport? Duplicates { get; private set; }

    public string? DoneKey { get; private set; }

    public async Task<IActionResult> OnPostDuplicatesAsync(Guid id)
    {
        if (await duplicates.FindForCaseAsync(id, HttpContext.RequestAborted) is not { } report)
            return NotFound();
        Duplicates = report;
        return await OnGetAsync(id, null);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done)
    {
        if (await registration.ReadAsync(id, HttpContext.RequestAborted) is not { } found
            || await team.TeamOfAsync(id, HttpContext.RequestAborted) is not { } members)
            return NotFound();
        Case = found;
        Team = members;
        DoneKey = Done.MessageKey(done);
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, string? status) =>
        await AfterAsync(id, await team.SetStatusAsync(id, status, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostStageAsync(Guid id, string? stage) =>
        await AfterAsync(id, await team.SetStageAsync(id, stage, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid userId) =>
        await AfterAsync(id, await team.AssignAsync(id, userId, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostUnassignAsync(Guid id, Guid userId) =>
        await AfterAsync(id, await team.UnassignAsync(id, userId, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostSupervisorAsync(Guid id, Guid? supervisorId) =>
        await AfterAsync(id, await team.SetSupervisorAsync(id, supervisorId, HttpContext.RequestAborted));

    private async Task<IActionResult> AfterAsync(Guid id, CommandResult<CaseTeamView> result)
    {
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return Redirect($"/cases/{id}?done=Saved");
        result.Errors.AddTo(ModelState, text, "Team.");
        return await OnGetAsync(id, null);
    }
}
