using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Directory;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>Occupancy and length of stay per facility and per country for a period, within what the user's role may see.</summary>
[Authorize(Policy = Policies.ShelterStatistics)]
public sealed class ShelterStatisticsPageModel(ShelterStatisticsReport report, UraDbContext db, IStringLocalizer<Text> text) : PageModel
{
    public StatisticsQuery Query { get; private set; } = new();
    public ShelterStatisticsView? Result { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Countries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] StatisticsQuery query)
    {
        var ct = HttpContext.RequestAborted;
        Query = query;
        if (ModelState.IsValid)
        {
            var result = await report.ComputeAsync(query, ct);
            if (result.Succeeded)
                Result = result.Value;
            else
                result.Errors.AddTo(ModelState, text, "");
        }
        var countries = await db.Countries.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, c.Name }).ToListAsync(ct);
        Countries = [.. countries.Select(c => (c.Code, text.Country(c.Code, c.Name))).OrderBy(c => c.Item2, StringComparer.CurrentCulture)];
        return Page();
    }

    public static string Rate(ShelterFigures figures) =>
        figures.OccupancyRate is { } rate ? rate.ToString("P1", System.Globalization.CultureInfo.CurrentCulture) : "–";

    public static string Nights(double? nights) =>
        nights is { } n ? n.ToString("0.#", System.Globalization.CultureInfo.CurrentCulture) : "–";
}
