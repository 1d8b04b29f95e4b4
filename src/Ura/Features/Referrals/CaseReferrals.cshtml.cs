using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Features.Cases;

namespace Ura.Features.Referrals;

/// <summary>The case's referrals with their status and feedback, and the way to the directory to make one; case team only.</summary>
[Authorize]
public sealed class CaseReferralsModel(ReferralSending sending) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<ReferralSummary> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await sending.ListAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        (Case, Items) = found;
        return Page();
    }
}
