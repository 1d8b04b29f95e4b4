using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Shelters;

/// <summary>The shelter manager's facilities: type, city, beds by status and when a bed last changed.</summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class FacilityListModel(FacilityEditing editing) : PageModel
{
    public IReadOnlyList<FacilitySummary> Facilities { get; private set; } = [];

    public async Task OnGetAsync() => Facilities = await editing.ListAsync(HttpContext.RequestAborted);
}
