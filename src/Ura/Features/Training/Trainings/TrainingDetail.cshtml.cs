using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Training.Trainings;

/// <summary>
/// A training: participants by role and sex, the score change and follow-up actions. Readers of the
/// programme see it in their scope; only the organising organisation's outreach officers add and
/// close follow-up actions.
/// </summary>
[Authorize(Policy = Policies.ProgrammeReader)]
public sealed class TrainingDetailModel(TrainingRegister register, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public TrainingView View { get; private set; } = null!;

    [BindProperty]
    public FollowUpInput FollowUp { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await register.GetAsync(id, HttpContext.RequestAborted) is not { } view)
            return NotFound();
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostFollowUpAsync(Guid id)
    {
        if (!user.IsInRole(Roles.OutreachOfficer))
            return Forbid();
        if (!ModelState.IsValid)
            return await OnGetAsync(id);
        var result = await register.AddFollowUpAsync(id, FollowUp, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text, "FollowUp.");
            return await OnGetAsync(id);
        }
        return LocalRedirect($"/training/{id}#follow-ups");
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid id, Guid followUpId, bool done)
    {
        if (!user.IsInRole(Roles.OutreachOfficer))
            return Forbid();
        var result = await register.SetFollowUpDoneAsync(id, followUpId, done, HttpContext.RequestAborted);
        return result.Found ? LocalRedirect($"/training/{id}#follow-ups") : NotFound();
    }
}
