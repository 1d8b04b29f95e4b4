using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Directory;
using Ura.Features.Reports.Projects;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Reports.Indicators;

/// <summary>
/// The indicator report builder: a GET form and the result, with each indicator's definition beside it; the same
/// result as XLSX, as CSV, or as a page to print.
/// </summary>
[Authorize(Policy = Policies.ReportReader)]
public sealed class IndicatorsPageModel(IndicatorReport report, ProjectDirectory projects, IStringLocalizer<Text> text) : PageModel
{
    /// <summary>The projects the user may read, for the project select.</summary>
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];

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
        Projects = await projects.ListAsync(ct);
        if (ModelState.IsValid && (always || Asked))
        {
            var result = await report.RunAsync(query, ct);
            if (result.Succeeded)
                Result = result.Value;
            else if (!result.Found)
            {
                // A project the user may not read: the form, answered as not found, with a message in their language.
                ModelState.AddModelError(nameof(query.Project), text["Reports.Error.UnknownProject"]);
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
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

    /// <summary>An achievement (a percentage) as the page shows it, for example "37.5 %" in the reader's language.</summary>
    public static string Percent(decimal? achievement) =>
        achievement is { } a ? (a / 100m).ToString("0.#%", CultureInfo.CurrentCulture) : "";
}

/// <summary>A report as files: an XLSX workbook with real numbers, and a CSV in UTF-8 with a byte order mark.</summary>
public static class IndicatorExport
{
    /// <summary>The columns; a project report adds the target and the achievement.</summary>
    public static IReadOnlyList<string> Headers(IndicatorReportResult result, IStringLocalizer text) => result.Project is null
        ? [text["Reports.Column.Indicator"], text["Reports.Column.Category"], text["Reports.Column.Value"], text["Reports.Column.Unit"], text["Reports.Column.Note"]]
        : [text["Reports.Column.Indicator"], text["Reports.Column.Category"], text["Reports.Column.Value"], text["Reports.Column.Unit"],
            text["Reports.Column.Target"], text["Reports.Column.Achievement"], text["Reports.Column.Note"]];

    /// <summary>
    /// One line per cell and one per total; a hidden value is empty with a note saying why. The target and the
    /// achievement belong to the indicator as a whole, so they are on its total line only.
    /// </summary>
    public static IEnumerable<(IndicatorFigure Figure, string Category, decimal? Value, bool IsTotal)> Lines(IndicatorReportResult result, IStringLocalizer text)
    {
        foreach (var figure in result.Figures)
        {
            foreach (var row in figure.Rows)
                yield return (figure, row.Label, row.Value, false);
            yield return (figure, text["Reports.Total"], figure.Total, true);
        }
    }

    public static byte[] Xlsx(IndicatorReportResult result, IStringLocalizer text)
    {
        var hidden = text["Reports.HiddenNote", result.Threshold].Value;
        object? Number(decimal? value, IndicatorUnit unit) => value is { } v ? (unit == IndicatorUnit.Count ? (object)(long)v : v) : null;
        var rows = Lines(result, text).Select(l =>
        {
            var unit = text["Reports.Unit." + l.Figure.Unit].Value;
            var note = l.Value is null ? hidden : null;
            if (result.Project is null)
                return (IReadOnlyList<object?>)[l.Figure.Title, l.Category, Number(l.Value, l.Figure.Unit), unit, note];
            // A target may have decimals whatever the unit: a whole one is a whole number.
            object? target = l.IsTotal && l.Figure.Target is { } t ? (t == decimal.Truncate(t) ? (long)t : t) : null;
            object? achievement = l.IsTotal && l.Figure.Achievement is { } a ? new Spreadsheet.Percent(a / 100m) : null;
            return (IReadOnlyList<object?>)[l.Figure.Title, l.Category, Number(l.Value, l.Figure.Unit), unit, target, achievement, note];
        });
        var about = new List<IReadOnlyList<object?>>();
        if (result.Project is { } project)
        {
            about.Add([text["Reports.Project"].Value, project.Name]);
            about.Add([text["Projects.Field.Funders"].Value, project.Funders ?? ""]);
            about.Add([text["Reports.Project.Period"].Value, $"{project.StartsOn:yyyy-MM-dd} – {project.EndsOn:yyyy-MM-dd}"]);
        }
        about.Add([text["Reports.Period"].Value, $"{result.From:yyyy-MM-dd} – {result.To:yyyy-MM-dd}"]);
        about.Add([text["Reports.Scope"].Value, string.Join(", ", result.Organisations.Select(o => o.Name))]);
        about.Add([text["Reports.Legend"].Value, hidden]);
        if (result.RoundTo > 1)
            about.Add([text["Reports.Legend"].Value, text["Reports.RoundedNote", result.RoundTo].Value]);
        if (result.CostNoise && result.Figures.Any(f => f.Unit == IndicatorUnit.Amount))
            about.Add([text["Reports.Legend"].Value, text["Reports.CostNoiseNote"].Value]);
        about.Add([text["Reports.Legend"].Value, text["Reports.WholeMonthsNote"].Value]);
        if (result.Project is not null)
            about.Add([text["Reports.Column.Achievement"].Value, text["Reports.AchievementNote"].Value]);
        about.AddRange(result.Figures.Select(f => (IReadOnlyList<object?>)[f.Title, f.Definition]));
        return new Spreadsheet()
            .Sheet(text["Reports.Indicators.Sheet"], Headers(result, text), rows)
            .Sheet(text["Reports.Definitions.Sheet"], [text["Reports.Column.Indicator"], text["Reports.Column.Definition"]], about)
            .ToBytes();
    }

    public static byte[] Csv(IndicatorReportResult result, IStringLocalizer text)
    {
        var hidden = text["Reports.HiddenNote", result.Threshold].Value;
        string Number(decimal? value, IndicatorUnit unit) => value?.ToString(unit == IndicatorUnit.Count ? "0" : "0.##", CultureInfo.InvariantCulture) ?? "";
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', Headers(result, text).Select(Quote)));
        foreach (var (figure, category, value, isTotal) in Lines(result, text))
        {
            var cells = new List<string> { Quote(figure.Title), Quote(category), Number(value, figure.Unit), Quote(text["Reports.Unit." + figure.Unit]) };
            if (result.Project is not null)
            {
                // The achievement in percent, as the page shows it (37.5 for 37.5 %).
                cells.Add(isTotal ? figure.Target?.ToString("0.##", CultureInfo.InvariantCulture) ?? "" : "");
                cells.Add(isTotal ? figure.Achievement?.ToString("0.#", CultureInfo.InvariantCulture) ?? "" : "");
            }
            var note = value is null ? hidden : isTotal ? Adjusted(result, figure.Unit, text) : "";
            cells.Add(note.Length == 0 ? "" : Quote(note));
            csv.AppendLine(string.Join(',', cells));
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>How a shown value differs from the records: rounded (counts) or with noise (amounts); empty when exact.</summary>
    private static string Adjusted(IndicatorReportResult result, IndicatorUnit unit, IStringLocalizer text) => unit switch
    {
        IndicatorUnit.Count when result.RoundTo > 1 => text["Reports.RoundedNote", result.RoundTo],
        IndicatorUnit.Amount when result.CostNoise => text["Reports.CostNoiseNote"],
        _ => "",
    };

    // A leading =, +, - or @ would make a spreadsheet run the text as a formula.
    private static string Quote(string value) =>
        "\"" + (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
