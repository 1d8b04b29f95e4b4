using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Resources;

namespace Ura.Features.Transnational;

/// <summary>
/// Writing or changing the return plan of one transnational referral of the case; case team only.
/// The package is chosen as checkboxes, the reintegration grant with its amount and currency.
/// </summary>
[Authorize]
public sealed class CaseReturnEditModel(ReturnPlanning planning, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public string Organisation { get; private set; } = "";

    /// <summary>The plan was already proposed: saving sends the change, which needs confirming again.</summary>
    public bool Proposed { get; private set; }

    [BindProperty]
    public ReturnPlanInput Input { get; set; } = new();

    [BindProperty]
    public List<string> AssistanceTypes { get; set; } = [];

    [BindProperty]
    public decimal? GrantAmount { get; set; }

    [BindProperty]
    public string? GrantCurrency { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid referralId)
    {
        if (!await LoadAsync(id, referralId, fillForm: true))
            return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid referralId)
    {
        Input.Assistance = [.. AssistanceTypes.Distinct().Select(type => type == nameof(ReturnAssistanceType.ReintegrationGrant)
            ? new ReturnAssistanceInput { Type = type, Amount = GrantAmount, Currency = GrantCurrency }
            : new ReturnAssistanceInput { Type = type })];
        if (ModelState.IsValid)
        {
            var result = await planning.SaveAsync(id, referralId, Input, HttpContext.RequestAborted);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return LocalRedirect($"/cases/{id}/return");
            result.Errors.AddTo(ModelState, text);
        }
        return await LoadAsync(id, referralId, fillForm: false) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, Guid referralId, bool fillForm)
    {
        if (await planning.ListAsync(id, HttpContext.RequestAborted) is not { } found
            || found.Referrals.SingleOrDefault(r => r.ReferralId == referralId) is not { } referral)
            return false;
        Case = found.Case;
        Organisation = referral.Organisation;
        Proposed = referral.Plan is { Status: not nameof(ReturnStatus.Draft) };
        if (fillForm && referral.Plan is { } plan)
        {
            Input = new ReturnPlanInput
            {
                InformedDecision = plan.InformedDecision, DecisionOn = plan.DecisionOn, DecisionNote = plan.DecisionNote, SafetyRisk = plan.SafetyRisk,
                SafetyNote = plan.SafetyNote, FamilySituation = plan.FamilySituation, Route = plan.Route, TravelMode = plan.TravelMode,
                DepartureOn = plan.DepartureOn, ArrivalOn = plan.ArrivalOn, Escort = plan.Escort, EscortDetails = plan.EscortDetails,
                TravelDocuments = plan.TravelDocuments,
            };
            AssistanceTypes = [.. plan.Assistance.Select(a => a.Type)];
            var grant = plan.Assistance.SingleOrDefault(a => a.Type == nameof(ReturnAssistanceType.ReintegrationGrant));
            GrantAmount = grant?.Amount;
            GrantCurrency = grant?.Currency;
        }
        return true;
    }
}
