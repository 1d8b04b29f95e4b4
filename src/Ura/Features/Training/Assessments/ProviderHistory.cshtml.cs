using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Training.Assessments;

/// <summary>One provider's assessments in a programme: the progress chart, its numbers and each assessment's scores.</summary>
[Authorize(Policy = Policies.ProgrammeReader)]
public sealed class ProviderHistoryModel(AssessmentProgrammes programmes) : PageModel
{
    public ProviderHistory History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid providerId)
    {
        if (await programmes.HistoryAsync(id, providerId, HttpContext.RequestAborted) is not { } history)
            return NotFound();
        History = history;
        return Page();
    }
}
