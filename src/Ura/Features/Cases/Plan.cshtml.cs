using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>
/// The needs assessments and the individual assistance plan of a case: record a needs assessment,
/// add a goal, mark a goal achieved. Each form binds only its own fields, so one form's rules never
/// block the other.
/// </summary>
[Authorize]
public sealed class PlanModel(AssistancePlans plans, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<NeedsAssessmentView> NeedsAssessments { get; private set; } = [];
    public IReadOnlyList<PlanGoalView> Goals { get; private set; } = [];
    public IReadOnlyList<OrganisationChoice> Organisations { get; private set; } = [];

    public NeedsAssessmentInput Needs { get; private set; } = new();
    public PlanGoalInput Goal { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        if (await plans.NeedsAsync(id, ct) is not { } found)
            return NotFound();
        (Case, NeedsAssessments) = found;
        Goals = await plans.GoalsOfAsync(Case.Id, ct);
        Organisations = await plans.OrganisationsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostNeedsAsync(Guid id, [Bind(Prefix = nameof(Needs))] NeedsAssessmentInput needs)
    {
        Needs = needs;
        if (ModelState.IsValid)
        {
            var result = await plans.RecordNeedsAsync(id, needs, HttpContext.RequestAborted);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return Redirect($"/cases/{id}/plan");
            result.Errors.AddTo(ModelState, text, nameof(Needs) + ".");
        }
        return await OnGetAsync(id);
    }

    public async Task<IActionResult> OnPostGoalAsync(Guid id, [Bind(Prefix = nameof(Goal))] PlanGoalInput goal)
    {
        Goal = goal;
        if (ModelState.IsValid)
        {
            var result = await plans.AddGoalAsync(id, goal, HttpContext.RequestAborted);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return Redirect($"/cases/{id}/plan#goals");
            result.Errors.AddTo(ModelState, text, nameof(Goal) + ".");
        }
        return await OnGetAsync(id);
    }

    public async Task<IActionResult> OnPostAchievedAsync(Guid id, Guid goalId)
    {
        var result = await plans.MarkAchievedAsync(id, goalId, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return Redirect($"/cases/{id}/plan#goals");
        result.Errors.AddTo(ModelState, text);
        return await OnGetAsync(id);
    }
}
