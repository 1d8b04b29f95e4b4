using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Identification;

/// <summary>
/// What the answers mean: the positive dimensions and the rule's suggestion with its reasons (a
/// suggestion, never a legal finding), then the worker's own conclusion; and, for a screening done
/// before any case, the way to open one from it.
/// </summary>
[Authorize]
public sealed class ScreeningResultModel(ScreeningCommands screenings, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public LoadedScreening Screening { get; private set; } = null!;

    [BindProperty]
    public string? Conclusion { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Supervisors read screenings; only case workers conclude.</summary>
    public bool CanConclude => user.IsInRole(Platform.Identity.Roles.CaseWorker);

    /// <summary>Only the screener opens a case from their own screening.</summary>
    public bool CanOpenCase => Screening.Screening.CaseId is null && Screening.Screening.ScreenedById == user.Id;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await screenings.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Screening = found;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var result = await screenings.ConcludeAsync(id, Conclusion, Reason, ct);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return Redirect($"/identification/screenings/{id}/result");
        result.Errors.AddTo(ModelState, text, prefix: "");
        if (await screenings.ReadAsync(id, ct) is not { } found)
            return NotFound();
        Screening = found;
        return Page();
    }
}
