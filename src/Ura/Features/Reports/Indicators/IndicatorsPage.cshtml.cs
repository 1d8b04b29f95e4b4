using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Directory;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Reports.Indicators;

/// <summary>
/// The indicator report builder: a GET form and the result, with each indicator's definition beside it; the same
/// result as XLSX, as CSV, or as a page to print.
/// </summary>
[Authorize(Policy = Policies.ReportReader)]
public sealed class IndicatorsPageModel(IndicatorReport report, IStringLocalizer<Text> text) : PageModel
{
    public ReportRequest Query { get; private set; } = new();
    public IndicatorReportResult? Result { get; private set; }
    public IReadOnlyList<ReportScope> Organisations { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Countries { get; private set; } = [];

    /// <summary>Whether the form was sent: the first visit shows only the form.</summary>
    public bool Asked => Request.Query.Count > 0;

    public Task<IActionResult> OnGetAsync([FromQuery] ReportRequest query) => BuildAsync(query, () => Page());

    public Task<IActionResult> OnGetPrintAsync([FromQuery] ReportRequest query) => BuildAsync(query, () => Page(), always: true);

    public Task<IActionResult> OnGetXlsxAsync([FromQuery] ReportRequest query) =>
        BuildAsync(query, () => File(IndicatorExport.Xlsx(Result!, text), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx")), always: true);

    public Task<IActionResult> OnGetCsvAsync([FromQuery] ReportRequest query) =>
        BuildAsync(query, () => File(IndicatorExport.Csv(Result!, text), "text/csv; charset=utf-8", FileName("csv")), always: true);

    public bool IsPrint => string.Equals(RouteData.Values["handler"] as string, "print", StringComparison.OrdinalIgnoreCase);

    /// <summary>The same query string with another handler, for the export links.</summary>
    public string Link(string handler) => $"/reports/indicators/{handler}{Request.QueryString}";

    private string FileName(string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"indicators-{Result!.From:yyyy-MM-dd}-{Result.To:yyyy-MM-dd}.{extension}");

    private async Task<IActionResult> BuildAsync(ReportRequest query, Func<IActionResult> answer, bool always = false)
    {
        var ct = HttpContext.RequestAborted;
        Query = query;
        Organisations = await report.VisibleOrganisationsAsync(ct);
        Countries = [.. Organisations.Select(o => o.CountryCode).Distinct().Select(c => (c, text.Country(c))).OrderBy(c => c.Item2, StringComparer.CurrentCulture)];
        if (ModelState.IsValid && (always || Asked))
        {
            var result = await report.RunAsync(query, ct);
            if (result.Succeeded)
                Result = result.Value;
            else
                result.Errors.AddTo(ModelState, text, "");
        }
        if (Result is null && always)
        {
            // An export of a refused report produces nothing: the form again, with the errors.
            return Page();
        }
        return answer();
    }

    public static string Format(decimal? value, IndicatorUnit unit) => value switch
    {
        null => "",
        { } v when unit == IndicatorUnit.Amount => v.ToString("N2", CultureInfo.CurrentCulture),
        { } v when unit is IndicatorUnit.Days or IndicatorUnit.Hours => v.ToString("0.#", CultureInfo.CurrentCulture),
        { } v => v.ToString("N0", CultureInfo.CurrentCulture),
    };
}

/// <summary>A report as files: an XLSX workbook with real numbers, and a CSV in UTF-8 with a byte order mark.</summary>
public static class IndicatorExport
{
    public static IReadOnlyList<string> Headers(IStringLocalizer text) =>
        [text["Reports.Column.Indicator"], text["Reports.Column.Category"], text["Reports.Column.Value"], text["Reports.Column.Unit"], text["Reports.Column.Note"]];

    /// <summary>One line per cell and one per total; a hidden value is empty with a note saying why.</summary>
    public static IEnumerable<(IndicatorFigure Figure, string Category, decimal? Value)> Lines(IndicatorReportResult result, IStringLocalizer text)
    {
        foreach (var figure in result.Figures)
        {
            foreach (var row in figure.Rows)
                yield return (figure, row.Label, row.Value);
            yield return (figure, text["Reports.Total"], figure.Total);
        }
    }

    public static byte[] Xlsx(IndicatorReportResult result, IStringLocalizer text)
    {
        var hidden = text["Reports.HiddenNote", result.Threshold].Value;
        var rows = Lines(result, text).Select(l => (IReadOnlyList<object?>)[
            l.Figure.Title, l.Category, l.Value is { } v ? (l.Figure.Unit == IndicatorUnit.Count ? (object)(long)v : v) : null,
            text["Reports.Unit." + l.Figure.Unit].Value, l.Value is null ? hidden : null]);
        var about = new List<IReadOnlyList<object?>>
        {
            new object?[] { text["Reports.Period"].Value, $"{result.From:yyyy-MM-dd} – {result.To:yyyy-MM-dd}" },
            new object?[] { text["Reports.Scope"].Value, string.Join(", ", result.Organisations.Select(o => o.Name)) },
            new object?[] { text["Reports.Legend"].Value, hidden },
        };
        about.AddRange(result.Figures.Select(f => (IReadOnlyList<object?>)[f.Title, f.Definition]));
        return new Spreadsheet()
            .Sheet(text["Reports.Indicators.Sheet"], Headers(text), rows)
            .Sheet(text["Reports.Definitions.Sheet"], [text["Reports.Column.Indicator"], text["Reports.Column.Definition"]], about)
            .ToBytes();
    }

    public static byte[] Csv(IndicatorReportResult result, IStringLocalizer text)
    {
        var hidden = text["Reports.HiddenNote", result.Threshold].Value;
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', Headers(text).Select(Quote)));
        foreach (var (figure, category, value) in Lines(result, text))
        {
            csv.AppendLine(string.Join(',',
                Quote(figure.Title), Quote(category),
                value?.ToString(figure.Unit == IndicatorUnit.Count ? "0" : "0.##", CultureInfo.InvariantCulture) ?? "",
                Quote(text["Reports.Unit." + figure.Unit]), value is null ? Quote(hidden) : ""));
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    // A leading =, +, - or @ would make a spreadsheet run the text as a formula.
    private static string Quote(string value) =>
        "\"" + (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
