using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>Correcting a recorded service.</summary>
[Authorize]
public sealed class ServiceEditModel(ServiceDeliveries services, AssistancePlans plans, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<OrganisationChoice> Organisations { get; private set; } = [];
    public IReadOnlyList<PlanGoalView> Goals { get; private set; } = [];

    [BindProperty]
    public ServiceDeliveryInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid serviceId)
    {
        if (await LoadAsync(id, serviceId) is not { } service)
            return NotFound();
        Input = ServiceDeliveryInput.Of(service);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid serviceId)
    {
        if (ModelState.IsValid)
        {
            var result = await services.ChangeAsync(id, serviceId, Input, HttpContext.RequestAborted);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return Redirect($"/cases/{id}/services");
            result.Errors.AddTo(ModelState, text);
        }
        return await LoadAsync(id, serviceId) is null ? NotFound() : Page();
    }

    private async Task<ServiceDelivery?> LoadAsync(Guid id, Guid serviceId)
    {
        var ct = HttpContext.RequestAborted;
        if (await services.GetAsync(id, serviceId, ct) is not { } found)
            return null;
        Case = found.Case;
        Organisations = await plans.OrganisationsAsync(ct);
        Goals = await plans.GoalsOfAsync(Case.Id, ct);
        return found.Service;
    }
}
