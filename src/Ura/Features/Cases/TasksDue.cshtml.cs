using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;

namespace Ura.Features.Cases;

/// <summary>
/// "My tasks": the signed-in worker's open tasks due within a week and all overdue ones, overdue
/// first; a supervisor can open the list of a worker of their organisation.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class TasksDueModel(CaseTasks tasks, CurrentUser user) : PageModel
{
    public Paged<DueTaskView> Due { get; private set; } = null!;
    public IReadOnlyList<TeamMemberView> Workers { get; private set; } = [];
    public Guid? WorkerId { get; private set; }

    public bool IsSupervisor => user.IsInRole(Roles.Supervisor);

    public string PagerPrefix => WorkerId is { } w ? $"/tasks?workerId={w}&" : "/tasks?";

    public async Task<IActionResult> OnGetAsync([FromQuery] Guid? workerId, [FromQuery] int page = 1)
    {
        if (await tasks.DueAsync(workerId, page, HttpContext.RequestAborted) is not { } due)
            return NotFound();
        Due = due;
        WorkerId = workerId;
        if (IsSupervisor)
            Workers = await tasks.WorkersAsync(HttpContext.RequestAborted);
        return Page();
    }
}
