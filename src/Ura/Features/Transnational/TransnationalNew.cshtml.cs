using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Referrals;
using Ura.Resources;

namespace Ura.Features.Transnational;

/// <summary>Referring the person to a service of another country: urgency, reason, what to share, message; sent at once.</summary>
[Authorize]
public sealed class TransnationalNewModel(CaseAccess access, TransnationalSending sending, PeerDirectorySearch directory, ConsentCheck consent,
    IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public PeerServiceView? Target { get; private set; }
    public bool ConsentCovered { get; private set; }

    [BindProperty]
    public TransnationalReferralInput Input { get; set; } = new() { SharedFields = [.. SharedRecord.MinimalDefault.Select(f => f.ToString())] };

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? service) => await LoadAsync(id, service) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (ModelState.IsValid)
        {
            var result = await sending.SendAsync(id, Input, HttpContext.RequestAborted);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return LocalRedirect($"/cases/{id}/transnational/{result.Value!.Id}");
            result.Errors.AddTo(ModelState, text);
        }
        return await LoadAsync(id, Input.PeerServiceId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, Guid? service)
    {
        var ct = HttpContext.RequestAborted;
        if (await access.ReadAsync(id, ct) is not { } found)
            return false;
        Case = found;
        Target = service is { } serviceId ? await directory.FindAsync(serviceId, ct) : null;
        if (Target is not null)
            ConsentCovered = (await consent.CoversAsync(found.Id, ConsentUse.ShareAcrossBorder, null, Target.CountryCode, access.Today,
                ConsentPurpose.ReferralToServices, ct)).Covered;
        return true;
    }
}
