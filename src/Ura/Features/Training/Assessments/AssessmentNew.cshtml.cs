using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Training.Assessments;

/// <summary>What the shared assessment fields need from their page.</summary>
public interface IAssessmentFormPage
{
    AssessmentCorrectionInput Input { get; }
}

/// <summary>Records an assessment in the outreach officer's own programme: a provider, the date, the assessors and every criterion scored.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class AssessmentNewModel(AssessmentProgrammes programmes, IStringLocalizer<Text> text) : PageModel, IAssessmentFormPage
{
    public CapacityProgramme Programme { get; private set; } = null!;
    public IReadOnlyList<ProviderChoice> Providers { get; private set; } = [];

    [BindProperty]
    public AssessmentInput Input { get; set; } = new();

    AssessmentCorrectionInput IAssessmentFormPage.Input => Input;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        // A criterion left without a score posts no Score at all; it still arrives with its key.
        var result = await programmes.RecordAsync(id, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/training/assessments/{id}/providers/{result.Value!.ProviderId}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await programmes.WritableAsync(id, HttpContext.RequestAborted) is not { } programme)
            return false;
        Programme = programme;
        Providers = await programmes.ProvidersAsync(id, HttpContext.RequestAborted) ?? [];
        return true;
    }
}
