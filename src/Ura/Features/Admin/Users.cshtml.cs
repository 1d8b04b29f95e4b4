using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Admin;

/// <summary>The users of one organisation: the admin's own, or any one the system admin picks.</summary>
[Authorize(Policy = Policies.OrganisationAdmin)]
public sealed class UsersModel(UserCommands users, OrganisationCommands organisations) : PageModel
{
    public Paged<UserSummary> Users { get; private set; } = new([], 1, UserCommands.PageSize, 0);
    public OrganisationSummary Organisation { get; private set; } = null!;
    public IReadOnlyList<OrganisationSummary> Organisations { get; private set; } = [];
    public bool ChooseOrganisation => users.IsSystemAdmin;

    public async Task<IActionResult> OnGetAsync([FromQuery] Guid? organisationId, [FromQuery] int page = 1)
    {
        var ct = HttpContext.RequestAborted;
        if (await users.OrganisationInScopeAsync(organisationId, ct) is not { } inScope)
            return NotFound();
        Organisation = (await organisations.GetAsync(inScope, ct))!;
        Users = await users.ListAsync(inScope, page, ct);
        if (ChooseOrganisation)
            Organisations = await organisations.AllAsync(ct);
        return Page();
    }
}
