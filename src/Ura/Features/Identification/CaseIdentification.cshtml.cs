using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Resources;

namespace Ura.Features.Identification;

/// <summary>
/// The case's identification section: its screenings, submitting it to an identification authority,
/// the decision, the reflection period and the person's choice about cooperating. Case team only.
/// </summary>
[Authorize]
public sealed class CaseIdentificationModel(IdentificationCommands identification, Platform.Authorization.CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public bool CanScreen => user.IsInRole(Platform.Identity.Roles.CaseWorker);

    public Case Case { get; private set; } = null!;
    public CaseIdentificationView View { get; private set; } = null!;

    [BindProperty]
    public Guid? AuthorityId { get; set; }

    [BindProperty]
    public string? Statement { get; set; }

    [BindProperty]
    public string? Cooperation { get; set; }

    [BindProperty]
    public DateOnly? CooperationOn { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSubmitAsync(Guid id)
    {
        var result = await identification.SubmitAsync(id, AuthorityId, Statement, HttpContext.RequestAborted);
        return await AfterAsync(id, result.Found, result.Errors);
    }

    public async Task<IActionResult> OnPostCooperationAsync(Guid id)
    {
        // A date the browser could not parse arrives as a model error; the rule says it plainly.
        ModelState.Remove(nameof(CooperationOn));
        var result = await identification.RecordCooperationAsync(id, Cooperation, CooperationOn, HttpContext.RequestAborted);
        return await AfterAsync(id, result.Found, result.Errors);
    }

    private async Task<IActionResult> AfterAsync(Guid id, bool found, IReadOnlyList<RuleError> errors)
    {
        if (!found)
            return NotFound();
        if (errors.Count == 0)
            return Redirect($"/cases/{id}/identification");
        errors.AddTo(ModelState, text, prefix: "");
        return await ShowAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> ShowAsync(Guid id)
    {
        if (await identification.ReadForCaseAsync(id, HttpContext.RequestAborted) is not { } found)
            return false;
        (Case, View) = found;
        return true;
    }
}
