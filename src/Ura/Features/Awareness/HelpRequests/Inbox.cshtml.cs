using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Features.Admin;
using Ura.Platform.Authorization;

namespace Ura.Features.Awareness.HelpRequests;

/// <summary>The help-request inbox: new requests of the country, or the ones this organisation handled.</summary>
[Authorize(Policy = Policies.HelpRequestHandler)]
public sealed class HelpRequestInboxModel(HelpRequestInbox inbox) : PageModel
{
    [BindProperty(Name = "handled", SupportsGet = true)]
    public bool Handled { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Paged<HelpRequestSummary> Requests { get; private set; } = new([], 1, HelpRequestInbox.PageSize, 0);

    public async Task<IActionResult> OnGetAsync()
    {
        // An organisation that does not receive help requests has no inbox.
        if (await inbox.ListAsync(Handled, PageNumber, HttpContext.RequestAborted) is not { } requests)
            return Forbid();
        Requests = requests;
        return Page();
    }
}
