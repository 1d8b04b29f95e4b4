using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Referrals;

/// <summary>The sender's view of one referral: status, history, decline reason, outcome; sending a draft and withdrawing. Case team only.</summary>
[Authorize]
public sealed class SentReferralModel(ReferralSending sending, CurrentUser user, Shelters.BedHolds holds, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public ReferralView Referral { get; private set; } = null!;
    public bool IsSupervisor => user.IsInRole(Roles.Supervisor);


    /// <summary>The service's shelter facilities, for holding a bed when a draft is sent.</summary>
    public IReadOnlyList<Shelters.HoldFacility> Facilities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid referralId)
    {
        if (await sending.ReadAsync(id, referralId, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        (Case, Referral) = found;
        if (Referral.Allowed.Contains("Send"))
            Facilities = await holds.FacilitiesAsync(Referral.ServiceId, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id, Guid referralId, int? version, string? overrideReason, bool holdBed, Guid? facilityId) =>
        await AfterAsync(id, referralId, await sending.SendAsync(id, referralId, new ReferralSendInput(overrideReason, version, holdBed, facilityId),
            HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid referralId, int? version, string? reason) =>
        await AfterAsync(id, referralId, await sending.WithdrawAsync(id, referralId, new ReferralWithdrawInput(reason, version), HttpContext.RequestAborted));

    private async Task<IActionResult> AfterAsync(Guid id, Guid referralId, CommandResult<ReferralView> result)
    {
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/cases/{id}/referrals/{referralId}");
        ModelState.Clear();
        result.Errors.Select(e => e with { Field = "" }).AddTo(ModelState, text);
        return await OnGetAsync(id, referralId);
    }
}
