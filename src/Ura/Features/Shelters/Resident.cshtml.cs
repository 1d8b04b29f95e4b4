using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>One resident's stay: the minimum, moving to another bed, discharging. Shelter managers of the facility's organisation.</summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class ResidentModel(ShelterResidents residents, IStringLocalizer<Text> text) : PageModel
{
    public ShelterFacility Facility { get; private set; } = null!;
    public ResidentView Resident { get; private set; } = null!;
    public IReadOnlyList<FreeBed> FreeBeds { get; private set; } = [];

    [BindProperty]
    public Form Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid stayId) => await LoadAsync(id, stayId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid stayId) =>
        await AfterAsync(id, stayId, await residents.MoveAsync(id, stayId,
            new MoveInput { BedId = Input.BedId, MovedOn = Input.MovedOn, Version = Input.Version }, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostDischargeAsync(Guid id, Guid stayId) =>
        await AfterAsync(id, stayId, await residents.DischargeAsync(id, stayId,
            new DischargeInput { DischargedOn = Input.DischargedOn, Destination = Input.Destination, Note = Input.Note, Version = Input.Version },
            HttpContext.RequestAborted));

    private async Task<IActionResult> AfterAsync(Guid id, Guid stayId, CommandResult<ResidentView> result)
    {
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/shelters/{id}/residents/{stayId}");
        result.Errors.AddTo(ModelState, text);
        return await LoadAsync(id, stayId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, Guid stayId)
    {
        if (await residents.ReadAsync(id, stayId, HttpContext.RequestAborted) is not { } found)
            return false;
        (Facility, Resident) = found;
        if (Resident.DischargedOn is null)
            FreeBeds = await residents.FreeBedsAsync(Facility.Id, HttpContext.RequestAborted);
        return true;
    }

    public sealed class Form
    {
        public Guid? BedId { get; set; }

        [Display(Name = "Shelters.Field.MovedOn")]
        public DateOnly? MovedOn { get; set; }

        [Display(Name = "Shelters.Field.DischargedOn")]
        public DateOnly? DischargedOn { get; set; }

        public string? Destination { get; set; }

        [Display(Name = "Shelters.Field.DischargeNote"), StringLength(2000, ErrorMessage = "Validation.TooLong")]
        public string? Note { get; set; }

        public int? Version { get; set; }
    }
}
