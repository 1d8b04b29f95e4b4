using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>What the shared facility fields need from their page.</summary>
public interface IFacilityFormPage
{
    FacilityInput Input { get; }
    IReadOnlyList<ServiceChoice> Services { get; }
    bool IsNew { get; }
}

/// <summary>A new facility of the shelter manager's organisation, with its confidential address.</summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class FacilityNewModel(FacilityEditing editing, CurrentUser user, IStringLocalizer<Text> text) : PageModel, IFacilityFormPage
{
    [BindProperty]
    public FacilityInput Input { get; set; } = new();

    public IReadOnlyList<ServiceChoice> Services { get; private set; } = [];
    public bool IsNew => true;

    public async Task OnGetAsync()
    {
        Services = await editing.ServicesAsync(HttpContext.RequestAborted);
        Input.CountryCode = user.CountryCode;
        Input.Currency = "EUR";
        if (Services.Count == 1)
            Input.ServiceId = Services[0].Id;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Services = await editing.ServicesAsync(HttpContext.RequestAborted);
        if (!ModelState.IsValid)
            return Page();
        var result = await editing.CreateAsync(Input, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/shelters/{result.Value!.Id}");
    }
}

/// <summary>Changes a facility's details and address; another organisation's facility is not found.</summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class FacilityEditModel(FacilityEditing editing, IStringLocalizer<Text> text) : PageModel, IFacilityFormPage
{
    [BindProperty]
    public FacilityInput Input { get; set; } = new();

    public IReadOnlyList<ServiceChoice> Services { get; private set; } = [];
    public bool IsNew => false;
    public ShelterFacility Facility { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await editing.ForEditAsync(id, HttpContext.RequestAborted) is not { } found || !await LoadAsync(id))
            return NotFound();
        Input = found;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        var result = await editing.ChangeAsync(id, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/shelters/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await editing.FacilityAsync(id, HttpContext.RequestAborted) is not { } facility)
            return false;
        Facility = facility;
        Services = await editing.ServicesAsync(HttpContext.RequestAborted);
        return true;
    }
}
