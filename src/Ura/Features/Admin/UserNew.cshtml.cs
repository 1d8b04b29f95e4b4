using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Admin;

/// <summary>
/// Adding a user to the admin's organisation (the system admin: to <c>?organisationId=</c>). The one-time
/// password is shown in this response only.
/// </summary>
[Authorize(Policy = Policies.OrganisationAdmin)]
public sealed class UserNewModel(UserCommands users, OrganisationCommands organisations, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public NewUser Input { get; set; } = new();

    public OrganisationSummary Organisation { get; private set; } = null!;
    public CreatedUser? Created { get; private set; }
    public bool ChooseOrganisation => users.IsSystemAdmin;
    public IReadOnlyList<string> GrantableRoles => users.GrantableRoles;

    public async Task<IActionResult> OnGetAsync([FromQuery] Guid? organisationId) =>
        await LoadAsync(organisationId) ? Page() : NotFound();

    // The organisation is read from the query string only, never from the posted form.
    public async Task<IActionResult> OnPostAsync([FromQuery] Guid? organisationId)
    {
        if (!await LoadAsync(organisationId))
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        var result = await users.CreateAsync(organisationId, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        Created = result.Value;
        ModelState.Clear();
        Input = new NewUser();
        return Page();
    }

    private async Task<bool> LoadAsync(Guid? organisationId)
    {
        var ct = HttpContext.RequestAborted;
        if (await users.OrganisationInScopeAsync(organisationId, ct) is not { } inScope)
            return false;
        Organisation = (await organisations.GetAsync(inScope, ct))!;
        return true;
    }
}
