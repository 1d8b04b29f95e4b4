using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Referrals;

/// <summary>
/// A referral sent to the user's organisation: only what was shared, and the steps the receiver may
/// take now. Anyone else (the sender, a third organisation, other roles) gets 404.
/// </summary>
[Authorize]
public sealed class ReceivedReferralModel(ReferralReceiving receiving, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public ReferralView Referral { get; private set; } = null!;

    public bool CanOpenCase => user.IsInRole(Roles.CaseWorker) && Referral.ReceivingCaseId is null
        && Referral.Status is ReferralStatus.Accepted or ReferralStatus.Completed;

    [BindProperty]
    public ReferralStepInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await receiving.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Referral = found;
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id) => StepAsync(id, ReferralAction.Acknowledge);

    public Task<IActionResult> OnPostAcceptAsync(Guid id) => StepAsync(id, ReferralAction.Accept);

    public Task<IActionResult> OnPostDeclineAsync(Guid id) => StepAsync(id, ReferralAction.Decline);

    public Task<IActionResult> OnPostCompleteAsync(Guid id) => StepAsync(id, ReferralAction.Complete);

    private async Task<IActionResult> StepAsync(Guid id, ReferralAction action)
    {
        var result = await receiving.StepAsync(id, action, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/referrals/{id}");
        ModelState.Clear();
        result.Errors.AddTo(ModelState, text);
        return await OnGetAsync(id);
    }
}
