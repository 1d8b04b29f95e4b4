using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Referrals;

/// <summary>Referring the person to a service found in the directory: urgency, reason, what to share, message; draft or send.</summary>
[Authorize]
public sealed class ReferralNewModel(CaseAccess access, ReferralSending sending, ConsentCheck consent, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public ReferralTarget? Target { get; private set; }
    public bool ConsentCovered { get; private set; }
    public bool IsSupervisor => user.IsInRole(Roles.Supervisor);

    [BindProperty]
    public ReferralInput Input { get; set; } = new() { SharedFields = [.. SharedRecord.MinimalDefault.Select(f => f.ToString())] };

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? service) => await LoadAsync(id, service) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (ModelState.IsValid)
        {
            var result = await sending.CreateAsync(id, Input, HttpContext.RequestAborted);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return LocalRedirect($"/cases/{id}/referrals/{result.Value!.Id}");
            result.Errors.AddTo(ModelState, text);
        }
        return await LoadAsync(id, Input.ServiceId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, Guid? service)
    {
        var ct = HttpContext.RequestAborted;
        if (await access.ReadAsync(id, ct) is not { } found)
            return false;
        Case = found;
        Target = service is { } serviceId ? await sending.TargetAsync(serviceId, ct) : null;
        if (Target is not null)
            ConsentCovered = (await consent.CoversAsync(found.Id, ConsentUse.ShareWithOrganisation, Target.OrganisationId, null, access.Today,
                ConsentPurpose.ReferralToServices, ct)).Covered;
        return true;
    }
}
