using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Resources;

namespace Ura.Features.Transnational;

/// <summary>One referral abroad as its sender sees it: the answers from the other country, the purge confirmation; withdraw it.</summary>
[Authorize]
public sealed class SentTransnationalModel(TransnationalSending sending, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public TransnationalView Referral { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid referralId)
    {
        if (await sending.ReadAsync(id, referralId, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        (Case, Referral) = found;
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid referralId, int? version)
    {
        var result = await sending.WithdrawAsync(id, referralId, new TransnationalVersionInput(version), HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/cases/{id}/transnational/{referralId}");
        result.Errors.AddTo(ModelState, text);
        return await OnGetAsync(id, referralId);
    }
}
