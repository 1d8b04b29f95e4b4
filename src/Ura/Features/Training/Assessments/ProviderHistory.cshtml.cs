using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Training.Assessments;

/// <summary>One provider's assessments in a programme: the progress chart, its numbers and each assessment's scores, with links to correct or remove one for those who may.</summary>
[Authorize(Policy = Policies.ProgrammeReader)]
public sealed class ProviderHistoryModel(AssessmentProgrammes programmes) : PageModel
{
    public ProviderHistory History { get; private set; } = null!;

    /// <summary>The notice after a correction or removal (<c>?done=Corrected</c> or <c>Removed</c>).</summary>
    public string? DoneKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid providerId, string? done)
    {
        if (await programmes.HistoryAsync(id, providerId, HttpContext.RequestAborted) is not { } history)
            return NotFound();
        History = history;
        DoneKey = done is "Corrected" or "Removed" ? "Assessments.Done." + done : null;
        return Page();
    }
}
