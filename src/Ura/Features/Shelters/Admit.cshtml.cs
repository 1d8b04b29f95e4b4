using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>
/// Admitting a person: from an accepted referral to the facility's service (its held bed offered first),
/// or from one of the organisation's own cases, named by its reference. Shelter managers of the facility's organisation.
/// </summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class AdmitModel(ShelterResidents residents, IStringLocalizer<Text> text) : PageModel
{
    public AdmissionChoices Choices { get; private set; } = null!;
    public ShelterFacility Facility { get; private set; } = null!;

    [BindProperty]
    public Form Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? referral)
    {
        Input.ReferralId ??= referral;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostReferralAsync(Guid id) =>
        AdmitAsync(id, "referral", new AdmissionInput { ReferralId = Input.ReferralId, BedId = Input.ReferralBedId, AdmittedOn = Input.AdmittedOn });

    public Task<IActionResult> OnPostCaseAsync(Guid id) =>
        AdmitAsync(id, "case", new AdmissionInput { CaseReference = Input.CaseReference, BedId = Input.CaseBedId, AdmittedOn = Input.CaseAdmittedOn });

    private async Task<IActionResult> AdmitAsync(Guid id, string form, AdmissionInput input)
    {
        if (ModelState.IsValid)
        {
            var result = await residents.AdmitAsync(id, input, HttpContext.RequestAborted);
            if (!result.Found)
                return NotFound();
            if (result.Succeeded)
                return LocalRedirect($"/shelters/{id}/residents/{result.Value!.Id}");
            // The case form's fields carry their own names, so its errors land next to them.
            result.Errors.Select(e => form == "case" ? e with { Field = e.Field switch
            {
                nameof(AdmissionInput.BedId) => nameof(Form.CaseBedId),
                nameof(AdmissionInput.AdmittedOn) => nameof(Form.CaseAdmittedOn),
                _ => e.Field,
            } } : e with { Field = e.Field == nameof(AdmissionInput.BedId) ? nameof(Form.ReferralBedId) : e.Field }).AddTo(ModelState, text);
        }
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await residents.ChoicesAsync(id, HttpContext.RequestAborted) is not { } found)
            return false;
        Choices = found;
        Facility = (await residents.FacilityAsync(id, HttpContext.RequestAborted))!;
        return true;
    }

    public sealed class Form
    {
        public Guid? ReferralId { get; set; }

        public Guid? ReferralBedId { get; set; }

        [Display(Name = "Shelters.Field.AdmittedOn")]
        public DateOnly? AdmittedOn { get; set; }

        [Display(Name = "Shelters.Field.CaseReference"), StringLength(40, ErrorMessage = "Validation.TooLong")]
        public string? CaseReference { get; set; }

        public Guid? CaseBedId { get; set; }

        [Display(Name = "Shelters.Field.AdmittedOn")]
        public DateOnly? CaseAdmittedOn { get; set; }
    }
}
