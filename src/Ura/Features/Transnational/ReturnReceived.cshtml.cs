using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Transnational;

/// <summary>
/// A return plan proposed to the user's organisation: confirm or decline it, record the handover, file
/// the follow-up reports. Case workers and supervisors of that organisation only (others get 404).
/// </summary>
[Authorize(Policy = Policies.ReferralReceiver)]
public sealed class ReturnReceivedModel(ReturnReception reception, IStringLocalizer<Text> text) : PageModel
{
    public ReturnPlanView Plan { get; private set; } = null!;

    [BindProperty]
    public ReturnDecisionInput Decision { get; set; } = new();

    [BindProperty]
    public ReturnHandoverInput Handover { get; set; } = new();

    [BindProperty]
    public ReturnFollowUpInput Report { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid referralId)
    {
        if (await reception.ReadAsync(referralId, HttpContext.RequestAborted) is not { } plan)
            return NotFound();
        Plan = plan;
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(Guid referralId) =>
        RunAsync(referralId, "", () => reception.DecideAsync(referralId, new ReturnDecisionInput { Confirm = true }, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostDeclineAsync(Guid referralId) =>
        RunAsync(referralId, "Decision", () => reception.DecideAsync(referralId, new ReturnDecisionInput { Confirm = false, Reason = Decision.Reason }, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostHandoverAsync(Guid referralId) =>
        RunAsync(referralId, "Handover", () => reception.HandOverAsync(referralId, Handover, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostReportAsync(Guid referralId) =>
        RunAsync(referralId, "Report", () => reception.ReportAsync(referralId, Report, HttpContext.RequestAborted));

    /// <summary>Only the posted form's fields are validated: the page holds three forms bound to one model.</summary>
    private async Task<IActionResult> RunAsync(Guid referralId, string form, Func<Task<Admin.CommandResult<ReturnPlanView>>> command)
    {
        foreach (var key in ModelState.Keys.Where(k => form.Length == 0 || !k.StartsWith(form + ".", StringComparison.Ordinal)).ToList())
            ModelState.Remove(key);
        if (ModelState.IsValid)
        {
            var result = await command();
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return LocalRedirect($"/transnational/returns/{referralId}");
            result.Errors.AddTo(ModelState, text, form.Length == 0 ? "" : form + ".");
        }
        return await OnGetAsync(referralId);
    }
}
