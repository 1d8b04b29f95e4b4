using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>The services given on a case, newest first with cost totals per currency, and the form to record one.</summary>
[Authorize]
public sealed class ServicesModel(ServiceDeliveries services, AssistancePlans plans, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public ServiceList Services { get; private set; } = new([], []);
    public IReadOnlyList<OrganisationChoice> Organisations { get; private set; } = [];
    public IReadOnlyList<PlanGoalView> Goals { get; private set; } = [];

    [BindProperty]
    public ServiceDeliveryInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        // Most services are given by the worker's own organisation.
        Input.ProviderOrganisationId ??= user.OrganisationId;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (ModelState.IsValid)
        {
            var result = await services.RecordAsync(id, Input, HttpContext.RequestAborted);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return Redirect($"/cases/{id}/services");
            result.Errors.AddTo(ModelState, text);
        }
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        if (await services.ListAsync(id, ct) is not { } found)
            return false;
        (Case, Services) = found;
        Organisations = await plans.OrganisationsAsync(ct);
        Goals = await plans.GoalsOfAsync(Case.Id, ct);
        return true;
    }
}
