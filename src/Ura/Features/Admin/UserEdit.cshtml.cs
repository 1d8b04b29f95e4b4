using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Admin;

/// <summary>One user: roles, deactivate or reactivate, unlock, reset two-factor. Out of scope is 404.</summary>
[Authorize(Policy = Policies.OrganisationAdmin)]
public sealed class UserEditModel(UserCommands users, OrganisationCommands organisations, CurrentUser current, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public RoleChange Input { get; set; } = new();

    public UserSummary Target { get; private set; } = null!;
    public string OrganisationName { get; private set; } = "";
    public string? DoneKey { get; private set; }
    public bool IsSelf => Target.Id == current.Id;
    public bool ChooseOrganisation => users.IsSystemAdmin;
    public bool CanChange => users.IsSystemAdmin || !Target.Roles.Contains(Roles.SystemAdmin);
    public IReadOnlyList<string> GrantableRoles => users.GrantableRoles;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done)
    {
        if (!await LoadAsync(id))
            return NotFound();
        DoneKey = Done.MessageKey(done);
        return Page();
    }

    public Task<IActionResult> OnPostRolesAsync(Guid id) =>
        RunAsync(id, "Saved", ct => users.ChangeRolesAsync(id, Input.Roles, ct), keepPostedRoles: true);

    public Task<IActionResult> OnPostDeactivateAsync(Guid id) => RunAsync(id, "Deactivated", ct => users.DeactivateAsync(id, ct));

    public Task<IActionResult> OnPostReactivateAsync(Guid id) => RunAsync(id, "Reactivated", ct => users.ReactivateAsync(id, ct));

    public Task<IActionResult> OnPostUnlockAsync(Guid id) => RunAsync(id, "Unlocked", ct => users.UnlockAsync(id, ct));

    public Task<IActionResult> OnPostResetTwoFactorAsync(Guid id) => RunAsync(id, "TwoFactorReset", ct => users.ResetTwoFactorAsync(id, ct));

    private async Task<IActionResult> RunAsync(Guid id, string done, Func<CancellationToken, Task<CommandResult<UserSummary>>> command, bool keepPostedRoles = false)
    {
        var result = await command(HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/admin/users/{id}?done={done}");
        var posted = Input.Roles;
        result.Errors.AddTo(ModelState, text);
        if (!await LoadAsync(id))
            return NotFound();
        if (keepPostedRoles)
            Input.Roles = posted;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        if (await users.GetAsync(id, ct) is not { } user)
            return false;
        Target = user;
        OrganisationName = (await organisations.GetAsync(user.OrganisationId, ct))?.Name ?? "";
        Input = new RoleChange { Roles = [.. user.Roles] };
        return true;
    }
}
