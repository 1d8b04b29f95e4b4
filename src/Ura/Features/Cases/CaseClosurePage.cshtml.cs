using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>Closing a case: the team asks, a supervisor decides, the team can reopen; with the case's closure history.</summary>
[Authorize]
public sealed class CaseClosurePageModel(CaseAccess access, CaseClosures closures, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<ClosureView> History { get; private set; } = [];

    [BindProperty]
    public Form Input { get; set; } = new();

    public ClosureView? Pending => Case.ClosureRequestedAt is null ? null : History.FirstOrDefault(h => h.Decision is null);

    /// <summary>Only a supervisor who did not ask for this closure may decide it.</summary>
    public bool CanDecide => Pending is { } pending && user.IsInRole(Roles.Supervisor) && pending.RequestedAt == Case.ClosureRequestedAt
        && Case.ClosureRequestedById != user.Id;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRequestAsync(Guid id) =>
        RunAsync(id, ct => closures.RequestAsync(id, Input.Reason ?? "", Input.Details, ct));

    public Task<IActionResult> OnPostApproveAsync(Guid id) => RunAsync(id, ct => closures.DecideAsync(id, approve: true, Input.Note, ct));

    public Task<IActionResult> OnPostRefuseAsync(Guid id) => RunAsync(id, ct => closures.DecideAsync(id, approve: false, Input.Note, ct));

    public Task<IActionResult> OnPostReopenAsync(Guid id) => RunAsync(id, ct => closures.ReopenAsync(id, Input.ReopenReason, ct));

    private async Task<IActionResult> RunAsync(Guid id, Func<CancellationToken, Task<CommandResult<ClosureView>>> command)
    {
        if (!ModelState.IsValid)
            return await LoadAsync(id) ? Page() : NotFound();
        var result = await command(HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return Redirect($"/cases/{id}/closure");
        result.Errors.AddTo(ModelState, text);
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await access.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return false;
        Case = found;
        History = await closures.HistoryAsync(found, HttpContext.RequestAborted);
        return true;
    }

    public sealed class Form
    {
        public string? Reason { get; set; }

        [StringLength(CaseClosures.TextLimit, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Closure.Details")]
        public string? Details { get; set; }

        [StringLength(CaseClosures.TextLimit, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Closure.Note")]
        public string? Note { get; set; }

        [StringLength(CaseClosures.TextLimit, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Closure.ReopenReason")]
        public string? ReopenReason { get; set; }
    }
}
