using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Directory;

/// <summary>What the shared service fields need from their page.</summary>
public interface IServiceFormPage
{
    ServiceInput Input { get; }
    IReadOnlyList<LocationSummary> OrganisationLocations { get; }

    /// <summary>Shelter facilities give the service: its beds are counted from their rooms, not typed here.</summary>
    bool BedsFromShelters { get; }
}

/// <summary>A new service of an organisation the editor maintains (the organisation is in the route).</summary>
[Authorize(Policy = Policies.DirectoryEditor)]
public sealed class ServiceNewModel(DirectoryEditing editing, IStringLocalizer<Text> text) : PageModel, IServiceFormPage
{
    [BindProperty]
    public ServiceInput Input { get; set; } = new();

    public IReadOnlyList<LocationSummary> OrganisationLocations { get; private set; } = [];
    public ProfileView Organisation { get; private set; } = null!;
    public bool BedsFromShelters => false;

    public async Task<IActionResult> OnGetAsync(Guid organisationId)
    {
        if (!await LoadAsync(organisationId))
            return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid organisationId)
    {
        if (!await LoadAsync(organisationId))
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        var result = await editing.CreateServiceAsync(organisationId, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return Redirect($"/directory/services/{result.Value!.Id}");
    }

    private async Task<bool> LoadAsync(Guid organisationId)
    {
        if (await editing.OrganisationAsync(organisationId, HttpContext.RequestAborted) is not { } organisation)
            return false;
        Organisation = organisation;
        OrganisationLocations = await editing.LocationsOfAsync([organisationId], HttpContext.RequestAborted);
        return true;
    }
}

/// <summary>Changes a service the editor maintains, with everything under it and its beds.</summary>
[Authorize(Policy = Policies.DirectoryEditor)]
public sealed class ServiceEditModel(DirectoryEditing editing, IStringLocalizer<Text> text) : PageModel, IServiceFormPage
{
    [BindProperty]
    public ServiceInput Input { get; set; } = new();

    public IReadOnlyList<LocationSummary> OrganisationLocations { get; private set; } = [];
    public string ServiceName { get; private set; } = "";
    public bool BedsFromShelters { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await editing.ServiceForEditAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        BedsFromShelters = await editing.BedsFromSheltersAsync(id, HttpContext.RequestAborted);
        Input = found.Input;
        ServiceName = found.Name;
        OrganisationLocations = await editing.LocationsOfAsync([found.OrganisationId], HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await editing.ServiceForEditAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        ServiceName = found.Name;
        BedsFromShelters = await editing.BedsFromSheltersAsync(id, HttpContext.RequestAborted);
        OrganisationLocations = await editing.LocationsOfAsync([found.OrganisationId], HttpContext.RequestAborted);
        if (!ModelState.IsValid)
            return Page();
        var result = await editing.ChangeServiceAsync(id, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return Redirect($"/directory/services/{id}");
    }
}
