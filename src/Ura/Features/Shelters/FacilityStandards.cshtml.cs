using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>The facility's minimum standards checklist: each standard met, partly or not, with evidence and review date.</summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class FacilityStandardsModel(FacilityEditing editing, StandardsChecklist checklist, IStringLocalizer<Text> text) : PageModel
{
    public ShelterFacility Facility { get; private set; } = null!;
    public IReadOnlyList<StandardView> Standards { get; private set; } = [];

    /// <summary>The posted lines, in checklist order.</summary>
    [BindProperty]
    public List<StandardInput> Items { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        Items = [.. Standards.Select(s => new StandardInput { Code = s.Code, Level = s.Level?.ToString(), Evidence = s.Evidence, ReviewOn = s.ReviewOn })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        var result = await checklist.SaveAsync(id, Items, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text, prefix: "");
            return Page();
        }
        return LocalRedirect($"/shelters/{id}/standards");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await editing.FacilityAsync(id, HttpContext.RequestAborted) is not { } facility)
            return false;
        Facility = facility;
        Standards = await checklist.GetAsync(id, HttpContext.RequestAborted) ?? [];
        return true;
    }
}
