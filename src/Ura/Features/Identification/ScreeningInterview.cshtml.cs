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
/// The interview: the six dimensions of the chosen list, each indicator answered yes / no / unknown
/// with an optional note, in the reader's language where the instrument has it.
/// </summary>
[Authorize]
public sealed class ScreeningInterviewModel(ScreeningCommands screenings, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    /// <summary>Supervisors read screenings; only case workers interview.</summary>
    public bool CanAnswer => user.IsInRole(Roles.CaseWorker);

    public LoadedScreening Screening { get; private set; } = null!;

    /// <summary>What was posted, so a refused form shows the worker's answers again.</summary>
    public Dictionary<string, (string? Answer, string? Note)> Posted { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await screenings.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Screening = found;
        foreach (var answer in found.Screening.Answers)
            Posted[answer.IndicatorId] = (answer.Answer.ToString(), answer.Note);
        return Page();
    }

    /// <summary>Fields are named <c>answer.{indicator}</c> and <c>note.{indicator}</c>; an indicator left blank is not recorded.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var answers = new List<AnswerInput>();
        foreach (var (key, value) in Request.Form)
        {
            if (!key.StartsWith("answer.", StringComparison.Ordinal))
                continue;
            var indicator = key["answer.".Length..];
            var note = Request.Form["note." + indicator].ToString();
            Posted[indicator] = (value.ToString(), note);
            if (!string.IsNullOrEmpty(value.ToString()))
                answers.Add(new AnswerInput(indicator, value.ToString(), note));
        }
        var result = await screenings.AnswerAsync(id, answers, ct);
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
