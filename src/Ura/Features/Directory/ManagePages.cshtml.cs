using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Directory;

/// <summary>The organisations whose entries the editor maintains, with their services and locations.</summary>
[Authorize(Policy = Policies.DirectoryEditor)]
public sealed class ManageModel(DirectoryEditing editing, CurrentUser user) : PageModel
{
    public IReadOnlyList<ManagedOrganisation> Organisations { get; private set; } = [];

    /// <summary>Confidential locations link to their form only for their own organisation.</summary>
    public Guid? OwnOrganisationId => user.OrganisationId;

    public async Task OnGetAsync() => Organisations = await editing.ManagedAsync(HttpContext.RequestAborted);
}

/// <summary>An organisation's directory profile: description, e-mail, website.</summary>
[Authorize(Policy = Policies.DirectoryEditor)]
public sealed class ProfileEditModel(DirectoryEditing editing, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public ProfileView Organisation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid organisationId)
    {
        if (await editing.OrganisationAsync(organisationId, HttpContext.RequestAborted) is not { } organisation)
            return NotFound();
        Organisation = organisation;
        Input = new ProfileInput { Description = organisation.Description, Email = organisation.Email, Website = organisation.Website };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid organisationId)
    {
        if (await editing.OrganisationAsync(organisationId, HttpContext.RequestAborted) is not { } organisation)
            return NotFound();
        Organisation = organisation;
        if (!ModelState.IsValid)
            return Page();
        var result = await editing.ChangeProfileAsync(organisationId, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return Redirect("/directory/manage");
    }
}

/// <summary>A new location of an organisation the editor maintains.</summary>
[Authorize(Policy = Policies.DirectoryEditor)]
public sealed class LocationNewModel(DirectoryEditing editing, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public LocationInput Input { get; set; } = new();

    public ProfileView Organisation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid organisationId)
    {
        if (await editing.OrganisationAsync(organisationId, HttpContext.RequestAborted) is not { } organisation)
            return NotFound();
        Organisation = organisation;
        Input.CountryCode = organisation.CountryCode;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid organisationId)
    {
        if (await editing.OrganisationAsync(organisationId, HttpContext.RequestAborted) is not { } organisation)
            return NotFound();
        Organisation = organisation;
        if (!ModelState.IsValid)
            return Page();
        var result = await editing.CreateLocationAsync(organisationId, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return Redirect("/directory/manage");
    }
}

/// <summary>Changes a location. A confidential one only its own organisation reaches.</summary>
[Authorize(Policy = Policies.DirectoryEditor)]
public sealed class LocationEditModel(DirectoryEditing editing, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public LocationInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await editing.LocationForEditAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Input = found.Input;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await editing.LocationForEditAsync(id, HttpContext.RequestAborted) is null)
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        var result = await editing.ChangeLocationAsync(id, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return Redirect("/directory/manage");
    }
}
