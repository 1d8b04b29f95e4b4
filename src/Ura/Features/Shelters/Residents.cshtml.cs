using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Shelters;

/// <summary>A facility's residents (the minimum only) and its past stays: the occupancy history. Its organisation's shelter managers only.</summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class ResidentsModel(ShelterResidents residents) : PageModel
{
    public ResidentsView Residents { get; private set; } = null!;
    public ShelterFacility Facility { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, int? page)
    {
        if (await residents.ListAsync(id, page ?? 1, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Residents = found;
        Facility = (await residents.FacilityAsync(id, HttpContext.RequestAborted))!;
        return Page();
    }
}
