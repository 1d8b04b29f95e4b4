using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>Changing one goal of the assistance plan: its objective, actions, dates, status and reviews.</summary>
[Authorize]
public sealed class PlanGoalModel(AssistancePlans plans, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<OrganisationChoice> Organisations { get; private set; } = [];

    [BindProperty]
    public PlanGoalInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid goalId)
    {
        if (await LoadAsync(id, goalId) is not { } goal)
            return NotFound();
        Input = PlanGoalInput.Of(goal);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid goalId)
    {
        if (ModelState.IsValid)
        {
            var result = await plans.ChangeGoalAsync(id, goalId, Input, HttpContext.RequestAborted);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return Redirect($"/cases/{id}/plan#goals");
            result.Errors.AddTo(ModelState, text);
        }
        return await LoadAsync(id, goalId) is null ? NotFound() : Page();
    }

    private async Task<PlanGoal?> LoadAsync(Guid id, Guid goalId)
    {
        var ct = HttpContext.RequestAborted;
        if (await plans.GoalAsync(id, goalId, ct) is not { } found)
            return null;
        Case = found.Case;
        Organisations = await plans.OrganisationsAsync(ct);
        return found.Goal;
    }
}
