using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ura.Features.Cases;

/// <summary>A case with its person, for the case team only (others get 404); every view is audited.</summary>
[Authorize]
public sealed class CaseDetailModel(CaseRegistration registration, DuplicateCheck duplicates) : PageModel
{
    public CaseView Case { get; private set; } = null!;

    /// <summary>Shown after the worker asks for a duplicate check.</summary>
    public DuplicateReport? Duplicates { get; private set; }

    public async Task<IActionResult> OnPostDuplicatesAsync(Guid id)
    {
        if (await duplicates.FindForCaseAsync(id, HttpContext.RequestAborted) is not { } report)
            return NotFound();
        Duplicates = report;
        return await OnGetAsync(id);
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await registration.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Case = found;
        return Page();
    }
}
