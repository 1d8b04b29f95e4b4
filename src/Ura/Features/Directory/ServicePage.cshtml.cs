using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Authorization;
using Ura.Platform.Data;

namespace Ura.Features.Directory;

/// <summary>A service's page: what it is, for whom, how to refer, where. Any signed-in user reads it.</summary>
[Authorize]
public sealed class ServicePageModel(ServiceProfile profile, UraDbContext db, CurrentUser user) : PageModel
{
    public ServiceView Service { get; private set; } = null!;

    /// <summary>The case a worker is finding a service for, carried from the search.</summary>
    public Guid? CaseId { get; private set; }

    public bool CanEdit { get; private set; }

    /// <summary>Whether to offer "Refer to this service": a worker came from a case, and the service takes referrals from other organisations.</summary>
    public bool CanRefer => CaseId is not null && Service.Status == nameof(ServiceStatus.Active) && Service.AcceptsReferrals
        && Service.OrganisationId != user.OrganisationId;

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "case")] Guid? caseId)
    {
        var ct = HttpContext.RequestAborted;
        if (await profile.GetAsync(id, ct) is not { } service)
            return NotFound();
        Service = service;
        CaseId = caseId;
        CanEdit = await db.Services.EditableBy(user).AnyAsync(s => s.Id == id, ct);
        return Page();
    }
}
