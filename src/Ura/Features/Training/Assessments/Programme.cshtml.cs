using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Training.Assessments;

/// <summary>A programme's figures: providers assessed against the target, how many improved, change per dimension.</summary>
[Authorize(Policy = Policies.ProgrammeReader)]
public sealed class ProgrammeModel(AssessmentProgrammes programmes) : PageModel
{
    public ProgrammeView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await programmes.GetAsync(id, HttpContext.RequestAborted) is not { } view)
            return NotFound();
        View = view;
        return Page();
    }
}
