using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Identification;

/// <summary>
/// One submission as the addressed authority's identification officer sees it (only the fields
/// needed to decide), and the decision. Anyone else gets 404.
/// </summary>
[Authorize]
public sealed class SubmissionDecisionModel(IdentificationCommands identification, IStringLocalizer<Text> text) : PageModel
{
    public DecisionView Submission { get; private set; } = null!;

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public DateOnly? DecidedOn { get; set; }

    [BindProperty]
    public string? Basis { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await identification.ReadSubmissionAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Submission = found;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        ModelState.Remove(nameof(DecidedOn));
        var result = await identification.DecideAsync(id, Decision, DecidedOn, Basis, ct);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return Redirect($"/identification/submissions/{id}");
        result.Errors.AddTo(ModelState, text, prefix: "");
        return await OnGetAsync(id);
    }
}
