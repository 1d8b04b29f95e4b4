using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Shelters;

/// <summary>A facility at a glance: beds by type and status, rules, who it takes in, its address (own organisation only) and the latest bed changes.</summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class FacilityOverviewModel(FacilityEditing editing, RoomsAndBeds beds) : PageModel
{
    /// <summary>How many of the latest bed changes the overview lists.</summary>
    public const int RecentCount = 10;

    public ShelterFacility Facility { get; private set; } = null!;
    public FacilityView View { get; private set; } = null!;
    public IReadOnlyList<BedView> RecentChanges { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        if (await editing.FacilityAsync(id, ct) is not { } facility || await editing.GetAsync(id, ct) is not { } view)
            return NotFound();
        Facility = facility;
        View = view;
        RecentChanges = [.. (await beds.ListAsync(id, ct) ?? []).OrderByDescending(b => b.StatusChangedAt).Take(RecentCount)];
        return Page();
    }
}
