using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Identification;

/// <summary>
/// Starting a screening (list chosen by age and form of exploitation), for a person met at first
/// contact or, with <c>?case=</c>, for an existing case; and the user's screenings not yet linked to a case.
/// </summary>
[Authorize]
public sealed class ScreeningsModel(ScreeningCommands screenings, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    /// <summary>The case to screen for, if any; the case team check happens when the screening starts.</summary>
    [BindProperty(Name = "case", SupportsGet = true)]
    public Guid? CaseId { get; set; }

    [BindProperty]
    public string? Age { get; set; }

    [BindProperty]
    public string? Exploitation { get; set; }

    public IReadOnlyList<ScreeningSummary> WithoutCase { get; private set; } = [];

    public bool CanStart => user.IsInRole(Roles.CaseWorker);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!user.IsInRole(Roles.CaseWorker) && !user.IsInRole(Roles.Supervisor))
            return Forbid();
        WithoutCase = await screenings.WithoutCaseAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanStart)
            return Forbid();
        var ct = HttpContext.RequestAborted;
        if (Age is not ("adult" or "child"))
            ModelState.AddModelError(nameof(Age), text["Screening.Start.AgeRequired"]);
        if (Exploitation is not ("labour" or "sexual"))
            ModelState.AddModelError(nameof(Exploitation), text["Screening.Start.ExploitationRequired"]);
        if (ModelState.ErrorCount == 0)
        {
            var result = await screenings.StartAsync($"{Age}_{Exploitation}", CaseId, ct);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return Redirect($"/identification/screenings/{result.Value!.Screening.Id}");
            result.Errors.AddTo(ModelState, text, prefix: "");
        }
        WithoutCase = await screenings.WithoutCaseAsync(ct);
        return Page();
    }
}
