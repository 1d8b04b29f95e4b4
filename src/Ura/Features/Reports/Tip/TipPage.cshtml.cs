using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Directory;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Reports.Tip;

/// <summary>The TIP Report figures of a country and year on screen, and as XLSX or CSV (<c>?handler=xlsx</c>, <c>?handler=csv</c>).</summary>
[Authorize(Policy = Policies.TipReportReader)]
public sealed class TipPageModel(TipReport report, UraDbContext db, AuditLog audit, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public TipQuery Query { get; private set; } = new();
    public TipReportView? Result { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Countries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] TipQuery query)
    {
        var refused = await ComputeAsync(query);
        return refused ?? Page();
    }

    public Task<IActionResult> OnGetXlsxAsync([FromQuery] TipQuery query) =>
        ExportAsync(query, "xlsx", r => File(TipExport.Xlsx(r, text), TipExport.XlsxType, TipExport.FileName(r, "xlsx")));

    public Task<IActionResult> OnGetCsvAsync([FromQuery] TipQuery query) =>
        ExportAsync(query, "csv", r => File(TipExport.Csv(r, text), TipExport.CsvType, TipExport.FileName(r, "csv")));

    private async Task<IActionResult> ExportAsync(TipQuery query, string format, Func<TipReportView, IActionResult> file)
    {
        var refused = await ComputeAsync(query);
        if (refused is not null)
            return refused;
        if (Result is not { } result)
        {
            // Nothing is produced: the page again with the error, answered as a bad request.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        audit.Record("export", "TipReport", null, $"tip:{result.Country}:{result.Year}:{format}");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return file(result);
    }

    /// <summary>Fills the page; a not-found answer for a country out of reach, else null (errors go to the model state).</summary>
    private async Task<IActionResult?> ComputeAsync(TipQuery query)
    {
        var ct = HttpContext.RequestAborted;
        Query = query;
        var countries = await db.Countries.AsNoTracking()
            .Where(c => user.IsInRole(Roles.Analyst) || c.Code == user.CountryCode)
            .Select(c => new { c.Code, c.Name }).ToListAsync(ct);
        Countries = [.. countries.Select(c => (c.Code, text.Country(c.Code, c.Name))).OrderBy(c => c.Item2, StringComparer.CurrentCulture)];
        // An analyst opening the page chooses a country first; nothing to complain about yet.
        if (string.IsNullOrEmpty(query.Country) && report.DefaultCountry is null && string.IsNullOrEmpty(query.Year) && Request.Query.Count == 0)
            return null;
        var result = await report.ComputeAsync(query, ct);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            Result = result.Value;
        else
            result.Errors.AddTo(ModelState, text, "");
        return null;
    }

    public string Shown(int? count) => count?.ToString("N0", System.Globalization.CultureInfo.CurrentCulture) ?? "";

    public string ExportLink(string handler) =>
        $"/reports/tip?handler={handler}&country={Uri.EscapeDataString(Result!.Country)}&year={Result.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
