using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Ura.Features.Reports;

/// <summary>
/// Writes an XLSX workbook: sheets with a bold, frozen header row and typed cells, so the reader can go on
/// calculating. A cell value is a string (text), an int or long (whole number), a decimal (two decimals),
/// a <see cref="DateOnly"/> (a real date), a <see cref="Percent"/> (a fraction shown as a percentage) or null (an empty
/// cell: no value, or a hidden small number).
/// </summary>
public sealed class Spreadsheet
{
    /// <summary>A fraction (0.375) written as a number with a percentage format (37.50%).</summary>
    public readonly record struct Percent(decimal Fraction);

    // Cell styles of the stylesheet below: plain, amount with two decimals, bold header, date, percentage.
    private const uint AmountStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint DateStyle = 3;
    private const uint PercentStyle = 4;

    private readonly List<(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows)> sheets = [];

    public Spreadsheet Sheet(string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        sheets.Add((name, headers, rows));
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            foreach (var (name, headers, rows) in sheets)
                AddSheet(workbook, name, headers, rows);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData(new Row(headers.Select(h => TextCell(h, HeaderStyle))));
        foreach (var row in rows)
            data.Append(new Row(row.Select(ValueCell)));
        part.Worksheet = new Worksheet(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0 }), data);
        var all = workbook.Workbook.Sheets!;
        all.Append(new Sheet
        {
            Id = workbook.GetIdOfPart(part),
            SheetId = (uint)all.ChildElements.Count + 1,
            // Excel allows 31 characters and none of []:*?/\ in a sheet name.
            Name = new string([.. name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).Take(31)]),
        });
    }

    private static Cell ValueCell(object? value) => value switch
    {
        null => new Cell(),
        string s => TextCell(s),
        int or long => NumberCell(Convert.ToString(value, CultureInfo.InvariantCulture)!, 0),
        decimal d => NumberCell(d.ToString(CultureInfo.InvariantCulture), AmountStyle),
        Percent p => NumberCell(p.Fraction.ToString(CultureInfo.InvariantCulture), PercentStyle),
        double d => NumberCell(d.ToString("R", CultureInfo.InvariantCulture), AmountStyle),
        // Spreadsheets count days from 1899-12-30.
        DateOnly date => NumberCell((date.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture), DateStyle),
        _ => throw new ArgumentException($"A spreadsheet cell cannot hold a {value.GetType().Name}.", nameof(value)),
    };

    private static Cell TextCell(string value, uint style = 0) =>
        new(new InlineString(new Text(value))) { DataType = CellValues.InlineString, StyleIndex = style == 0 ? null : style };

    private static Cell NumberCell(string value, uint style) =>
        new(new CellValue(value)) { DataType = CellValues.Number, StyleIndex = style == 0 ? null : style };

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            // Built-in number formats: 4 is "#,##0.00", 14 a short date, 10 "0.00%".
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true }) { Count = 5 });
}
