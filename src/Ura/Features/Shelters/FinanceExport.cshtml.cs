using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>The year's financial plan as an XLSX download, for shelter managers of the operating organisation.</summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class FinanceExportModel(FacilityFinances finances, IStringLocalizer<Text> text) : PageModel
{
    public Guid FacilityId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? year)
    {
        var result = await finances.ExportAsync(id, year ?? finances.Today.Year, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return File(result.Value!.Content, PlanExport.ContentType, result.Value.FileName);
        FacilityId = id;
        foreach (var error in result.Errors)
            ModelState.AddModelError("", text[error.MessageKey]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
