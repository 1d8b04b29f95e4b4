using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Referrals;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Transnational;

/// <summary>
/// A referral from another country: only what was shared, and the steps this user may take now
/// (forward or decline at the focal point; acknowledge, accept, decline, complete at the organisation).
/// Anyone else gets 404.
/// </summary>
[Authorize]
public sealed class ReceivedTransnationalModel(TransnationalReceiving receiving, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public TransnationalView Referral { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name, string Organisation)> ForwardChoices { get; private set; } = [];
    public Guid? SuggestedServiceId { get; private set; }

    public bool CanOpenCase => user.IsInRole(Roles.CaseWorker) && Referral.CaseId is null && !Referral.AtFocalPoint
        && Referral.Status is ReferralStatus.Accepted or ReferralStatus.Completed;

    [BindProperty]
    public ReferralStepInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        if (await receiving.ReadAsync(id, ct) is not { } found)
            return NotFound();
        Referral = found;
        if (found.Allowed.Contains("Forward"))
        {
            ForwardChoices = await receiving.ForwardChoicesAsync(ct);
            SuggestedServiceId = await receiving.ChosenServiceAsync(id, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostForwardAsync(Guid id, Guid? serviceId, int? version)
    {
        var result = await receiving.ForwardAsync(id, new TransnationalForwardInput(serviceId, version), HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect("/referrals/transnational");
        ModelState.Clear();
        result.Errors.AddTo(ModelState, text);
        return await OnGetAsync(id);
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
            return LocalRedirect(result.Value!.Status == ReferralStatus.Declined && result.Value.AtFocalPoint ? "/referrals/transnational" : $"/referrals/transnational/{id}");
        ModelState.Clear();
        result.Errors.AddTo(ModelState, text);
        return await OnGetAsync(id);
    }
}
