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
public sealed class ReferralNewModel(
    CaseAccess access, ReferralSending sending, ConsentCheck consent, CurrentUser user, Shelters.BedHolds holds, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public ReferralTarget? Target { get; private set; }
    public bool ConsentCovered { get; private set; }
    public bool IsSupervisor => user.IsInRole(Roles.Supervisor);

    /// <summary>The service's shelter facilities, when it is a shelter service: the form then offers to hold a bed.</summary>
    public IReadOnlyList<Shelters.HoldFacility> Facilities { get; private set; } = [];

    public TimeSpan HoldTime => holds.HoldTime;

    [BindProperty]
    public ReferralInput Input { get; set; } = new() { SharedFields = [.. SharedRecord.MinimalDefault.Select(f => f.ToString())] };

    /// <param name="facility">Preselects the facility to hold a bed in (the availability board links with it).</param>
    public async Task<IActionResult> OnGetAsync(Guid id, Guid? service, Guid? facility)
    {
        if (!await LoadAsync(id, service))
            return NotFound();
        Input.HoldBed = Facilities.Count > 0;
        Input.FacilityId = Facilities.Any(f => f.Id == facility) ? facility : null;
        return Page();
    }

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
        {
            ConsentCovered = (await consent.CoversAsync(found.Id, ConsentUse.ShareWithOrganisation, Target.OrganisationId, null, access.Today,
                ConsentPurpose.ReferralToServices, ct)).Covered;
            Facilities = await holds.FacilitiesAsync(Target.ServiceId, ct);
        }
        return true;
    }
}
