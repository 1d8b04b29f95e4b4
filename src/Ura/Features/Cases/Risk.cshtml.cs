using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>The case's risk assessments and safety plans, newest first, and the form to record the next one.</summary>
[Authorize]
public sealed class RiskModel(RiskAssessments assessments, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<RiskAssessmentView> Assessments { get; private set; } = [];

    [BindProperty]
    public RiskAssessmentInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await assessments.ListAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        (Case, Assessments) = found;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (ModelState.IsValid)
        {
            var result = await assessments.RecordAsync(id, Input, HttpContext.RequestAborted);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return Redirect($"/cases/{id}/risk");
            result.Errors.AddTo(ModelState, text);
        }
        return await OnGetAsync(id);
    }
}
