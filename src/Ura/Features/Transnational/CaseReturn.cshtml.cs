using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Resources;

namespace Ura.Features.Transnational;

/// <summary>The case's voluntary returns: each transnational referral with its plan, proposing a draft; case team only (others get 404).</summary>
[Authorize]
public sealed class CaseReturnModel(ReturnPlanning planning, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<ReturnCandidate> Referrals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await planning.ListAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        (Case, Referrals) = found;
        return Page();
    }

    public async Task<IActionResult> OnPostProposeAsync(Guid id, Guid referralId)
    {
        var result = await planning.ProposeAsync(id, referralId, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/cases/{id}/return");
        ModelState.Clear();
        result.Errors.AddTo(ModelState, text);
        return await OnGetAsync(id);
    }
}
