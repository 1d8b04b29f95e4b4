using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ura.Features.Cases;

/// <summary>A case with its person, for the case team only (others get 404); every view is audited.</summary>
[Authorize]
public sealed class CaseDetailModel(CaseRegistration registration) : PageModel
{
    public CaseView Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await registration.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Case = found;
        return Page();
    }
}
