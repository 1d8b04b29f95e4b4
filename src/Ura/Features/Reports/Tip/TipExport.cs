using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;

namespace Ura.Features.Reports.Tip;

/// <summary>
/// The TIP figures as files: XLSX with one sheet per section and CSV (UTF-8 with a byte order mark, so
/// spreadsheet programs read Cyrillic and diacritics right). Numbers stay numbers; a hidden count is an
/// empty cell, and a note under the table says why.
/// </summary>
public static class TipExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv; charset=utf-8";

    public static string FileName(TipReportView report, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"tip-{report.Country}-{report.Year}.{extension}");

    public static byte[] Xlsx(TipReportView report, IStringLocalizer text)
    {
        var workbook = new Spreadsheet();
        foreach (var section in report.Tables.GroupBy(t => t.Section))
        {
            var columns = section.SelectMany(t => t.Columns).Distinct().ToList();
            var headers = new[] { text["Reports.Tip.Export.Table"].Value, text["Reports.Tip.Export.Category"].Value }
                .Concat(columns.Select(text.Column)).Append(text["Reports.Tip.Total"].Value).ToList();
            workbook.Sheet(text.Section(section.Key), headers, Rows(report, section, columns, text));
        }
        return workbook.ToBytes();
    }

    public static byte[] Csv(TipReportView report, IStringLocalizer text)
    {
        var columns = report.Tables.SelectMany(t => t.Columns).Distinct().ToList();
        var csv = new StringBuilder();
        Line(csv, new object?[] { text["Reports.Tip.Export.Section"].Value, text["Reports.Tip.Export.Table"].Value, text["Reports.Tip.Export.Category"].Value }
            .Concat(columns.Select(text.Column)).Append(text["Reports.Tip.Total"].Value));
        foreach (var section in report.Tables.GroupBy(t => t.Section))
        {
            foreach (var row in Rows(report, section, columns, text))
                Line(csv, row.Prepend(text.Section(section.Key)));
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Each table's rows, then its total row, then the notes: hidden counts (when any), rounding.</summary>
    private static IEnumerable<IReadOnlyList<object?>> Rows(TipReportView report, IEnumerable<TipTable> tables, IReadOnlyList<string> columns, IStringLocalizer text)
    {
        foreach (var table in tables)
        {
            var title = text.Title(table);
            foreach (var row in table.Rows)
                yield return Row(title, text.Row(report, table, row), table, columns, row.Values, row.Total);
            yield return Row(title, text["Reports.Tip.Total"], table, columns, table.ColumnTotals, table.Total);
            if (table.AnyHidden)
                yield return [title, text.HiddenNote(report)];
            if (report.RoundTo > 1)
                yield return [title, text["Reports.RoundedNote", report.RoundTo].Value];
        }
    }

    private static object?[] Row(string title, string label, TipTable table, IReadOnlyList<string> columns, IReadOnlyList<int?> values, int? total) =>
        [title, label, .. columns.Select(c => table.Columns.IndexOf(c) is var i and >= 0 ? (object?)values[i] : null), total];

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }

    private static void Line(StringBuilder csv, IEnumerable<object?> cells)
    {
        csv.AppendJoin(',', cells.Select(c => c switch
        {
            null => "",
            int n => n.ToString(CultureInfo.InvariantCulture),
            var v => "\"" + Convert.ToString(v, CultureInfo.InvariantCulture)!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        }));
        csv.Append("\r\n");
    }
}
