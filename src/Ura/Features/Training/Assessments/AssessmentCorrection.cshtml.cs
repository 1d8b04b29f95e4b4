using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Training.Assessments;

/// <summary>
/// Corrects a recorded assessment in the outreach officer's own programme: the form comes filled with what was
/// recorded; the provider stays. Another organisation's assessment, or one of another programme, is not found.
/// </summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class AssessmentEditModel(AssessmentProgrammes programmes, IStringLocalizer<Text> text) : PageModel, IAssessmentFormPage
{
    public AssessmentUnderCorrection Assessment { get; private set; } = null!;

    [BindProperty]
    public AssessmentCorrectionInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid assessmentId)
    {
        if (await programmes.ForCorrectionAsync(id, assessmentId, HttpContext.RequestAborted) is not { } assessment)
            return NotFound();
        Assessment = assessment;
        Input = assessment.Recorded;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid assessmentId)
    {
        if (await programmes.ForCorrectionAsync(id, assessmentId, HttpContext.RequestAborted) is not { } assessment)
            return NotFound();
        Assessment = assessment;
        if (!ModelState.IsValid)
            return Page();
        var result = await programmes.CorrectAsync(assessmentId, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/training/assessments/{id}/providers/{assessment.ProviderId}?done=Corrected");
    }
}

/// <summary>Asks before removing an assessment recorded by mistake in the outreach officer's own programme, then removes it.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class AssessmentRemoveModel(AssessmentProgrammes programmes) : PageModel
{
    public AssessmentUnderCorrection Assessment { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid assessmentId)
    {
        if (await programmes.ForCorrectionAsync(id, assessmentId, HttpContext.RequestAborted) is not { } assessment)
            return NotFound();
        Assessment = assessment;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid assessmentId)
    {
        // Through the programme named in the address: an assessment of another programme is not found there.
        if (await programmes.ForCorrectionAsync(id, assessmentId, HttpContext.RequestAborted) is not { } assessment
            || !(await programmes.RemoveAsync(assessmentId, HttpContext.RequestAborted)).Found)
            return NotFound();
        return LocalRedirect($"/training/assessments/{id}/providers/{assessment.ProviderId}?done=Removed");
    }
}
