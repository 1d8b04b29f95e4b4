using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Awareness.HelpRequests;

/// <summary>One request: what the person wrote (encoded, never markup), and what the handler does with it.</summary>
[Authorize(Policy = Policies.HelpRequestHandler)]
public sealed class HelpRequestDetailModel(HelpRequestInbox inbox, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public HelpRequestView HelpRequest { get; private set; } = null!;

    [BindProperty]
    public CloseInput Close { get; set; } = new();

    [BindProperty(Name = "Age")]
    public string? Age { get; set; }

    [BindProperty(Name = "Exploitation")]
    public string? Exploitation { get; set; }

    /// <summary>Only case workers screen people and open cases; supervisors may close.</summary>
    public bool CanOpen => user.IsInRole(Roles.CaseWorker);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostScreeningAsync(Guid id)
    {
        ModelState.Clear(); // the close form's fields are not part of this action
        var result = await inbox.OpenScreeningAsync(id, new OpenScreeningInput(Age, Exploitation), HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return Redirect($"/identification/screenings/{result.Value!.ScreeningId}");
        result.Errors.AddTo(ModelState, text, prefix: "");
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id)
    {
        var result = ModelState.IsValid
            ? await inbox.CloseAsync(id, Close, HttpContext.RequestAborted)
            : null;
        if (result is { Found: false })
            return NotFound();
        if (result is { Succeeded: true })
            return Redirect($"/help-requests/{id}");
        result?.Errors.AddTo(ModelState, text, prefix: "Close.");
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
