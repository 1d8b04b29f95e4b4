using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Training.Assessments;

/// <summary>Starts a capacity programme of the outreach officer's organisation, in their country.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class ProgrammeNewModel(AssessmentProgrammes programmes, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public ProgrammeInput Input { get; set; } = new();

    public void OnGet() => Input.TargetProviders = CapacityProgramme.DefaultTarget;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var result = await programmes.CreateProgrammeAsync(Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/training/assessments/{result.Value!.Id}");
    }
}
