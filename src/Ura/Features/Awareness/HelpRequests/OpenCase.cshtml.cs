using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Awareness.HelpRequests;

/// <summary>Opening a case from a help request: the new-case form, then the request is linked to the case.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class HelpRequestOpenCaseModel(HelpRequestInbox inbox, IStringLocalizer<Text> text) : PageModel, IPersonFormPage
{
    [BindProperty]
    public PersonForm Input { get; set; } = new();

    public HelpRequestView HelpRequest { get; private set; } = null!;

    public DuplicateReport? Duplicates { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!ModelState.IsValid)
            return await LoadAsync(id) ? Page() : NotFound();
        var (result, registration) = await inbox.OpenCaseAsync(id, Input.ToPersonInput(), HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return Redirect($"/cases/{result.Value!.CaseId}");
        Duplicates = registration?.Duplicates;
        result.Errors.AddTo(ModelState, text);
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await inbox.ReadAsync(id, HttpContext.RequestAborted) is not { } request)
            return false;
        HelpRequest = request;
        return true;
    }
}
