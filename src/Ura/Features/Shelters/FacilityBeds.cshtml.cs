using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>The facility's rooms and beds: add a room of beds, rename or retype a bed, take it out of service or back, remove one never used.</summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class FacilityBedsModel(FacilityEditing editing, RoomsAndBeds beds, IStringLocalizer<Text> text) : PageModel
{
    public ShelterFacility Facility { get; private set; } = null!;
    public IReadOnlyList<BedView> Beds { get; private set; } = [];

    /// <summary>The "add a room" form (bound only by its own handler, so the row forms do not trip its rules).</summary>
    public RoomInput NewRoom { get; set; } = new() { Count = 1, Type = nameof(BedType.Adult) };

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddRoomAsync(Guid id, RoomInput newRoom)
    {
        NewRoom = newRoom;
        if (!await LoadAsync(id))
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        var result = await beds.AddRoomAsync(id, newRoom, HttpContext.RequestAborted);
        return await AfterAsync(id, result.Found, result.Errors, prefix: "NewRoom.");
    }

    public async Task<IActionResult> OnPostChangeAsync(Guid id, Guid bedId, string? room, string? label, string? type)
    {
        var result = await beds.ChangeAsync(id, bedId, new BedChangeInput { Room = room ?? "", Label = label ?? "", Type = type }, HttpContext.RequestAborted);
        return await AfterAsync(id, result.Found, result.Errors);
    }

    public async Task<IActionResult> OnPostServiceAsync(Guid id, Guid bedId, bool inService)
    {
        var result = await beds.ChangeAsync(id, bedId, new BedChangeInput { InService = inService }, HttpContext.RequestAborted);
        return await AfterAsync(id, result.Found, result.Errors);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid bedId)
    {
        var result = await beds.RemoveAsync(id, bedId, HttpContext.RequestAborted);
        return await AfterAsync(id, result.Found, result.Errors);
    }

    /// <summary>Back to the list when done; otherwise the page again with the errors (a row's errors above the list, as rows share field names).</summary>
    private async Task<IActionResult> AfterAsync(Guid id, bool found, IReadOnlyList<RuleError> errors, string? prefix = null)
    {
        if (!found)
            return NotFound();
        if (errors.Count == 0)
            return LocalRedirect($"/shelters/{id}/beds");
        if (prefix is null)
            errors.Select(e => e with { Field = "" }).AddTo(ModelState, text);
        else
            errors.AddTo(ModelState, text, prefix);
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await editing.FacilityAsync(id, HttpContext.RequestAborted) is not { } facility)
            return false;
        Facility = facility;
        Beds = await beds.ListAsync(id, HttpContext.RequestAborted) ?? [];
        return true;
    }
}
