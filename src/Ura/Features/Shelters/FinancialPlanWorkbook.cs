using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.Localization;
using UraText = Ura.Resources.Text;

namespace Ura.Features.Shelters;

/// <summary>
/// Writes a <see cref="FinancialPlan"/> as an XLSX workbook: sheets Budget, Costs by month, Funding,
/// Summary and Projection, each with a header row (amounts name the currency) and amounts as real
/// numbers, so the shelter can go on calculating in a spreadsheet. Texts are in the caller's language.
/// </summary>
public static class FinancialPlanWorkbook
{
    // Cell styles of the stylesheet below: plain, amount with two decimals, bold header.
    private const uint AmountStyle = 1;
    private const uint HeaderStyle = 2;

    public static byte[] Write(FinancialPlan plan, IStringLocalizer<UraText> text)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var money = (string key) => text[key] + " (" + plan.Currency + ")";

            AddSheet(workbook, text["Finance.Sheet.Budget"],
                [text["Finance.Category"], money("Finance.Budget"), money("Finance.Actual"), money("Finance.Remaining")],
                [
                    .. plan.Budget.Select(b => Row(text["CostCategory." + b.Category], b.Budget, b.Actual, b.Remaining)),
                    Row(text["Finance.Total"], plan.BudgetTotal, plan.Budget.Sum(b => b.Actual), null),
                ]);

            var categories = Enum.GetValues<CostCategory>();
            AddSheet(workbook, text["Finance.Sheet.Costs"],
                [text["Finance.Month"], .. categories.Select(c => money("CostCategory." + c)), money("Finance.ActualCost")],
                [.. plan.Months.Select(m => Row([
                    MonthCell(plan.Year, m.Month),
                    .. categories.Select(c => Amount(m.Costs.FirstOrDefault(x => x.Category == c)?.Amount)),
                    Amount(m.ActualCost)]))]);

            AddSheet(workbook, text["Finance.Sheet.Funding"],
                [text["Finance.FundingKind"], text["Finance.FunderName"], money("Finance.Committed"), money("Finance.Expected")],
                [
                    .. plan.Funding.Select(f => Row([TextCell(text["FundingKind." + f.Kind]), TextCell(f.Name), Amount(f.Committed), Amount(f.Expected)])),
                    Row([TextCell(text["Finance.Total"]), TextCell(""), Amount(plan.CommittedTotal), Amount(plan.ExpectedTotal)]),
                ]);

            AddSheet(workbook, text["Finance.Sheet.Summary"],
                [text["Finance.Month"], money("Finance.ActualCost"), text["Finance.BedNights"], money("Finance.CostPerBedNight"),
                    money("Finance.FundingPerMonth"), money("Finance.Gap")],
                [
                    .. plan.Months.Select(m => Row([MonthCell(plan.Year, m.Month), Amount(m.ActualCost), Number(m.BedNights),
                        Amount(m.CostPerBedNight), Amount(m.Funding), Amount(m.Gap)])),
                    Row([TextCell(text["Finance.TotalCostedMonths"]), Amount(plan.Totals.ActualCost), Number(plan.Totals.BedNights),
                        Amount(plan.Totals.CostPerBedNight), Amount(plan.Totals.Funding), Amount(plan.Totals.Gap)]),
                ]);

            AddSheet(workbook, text["Finance.Sheet.Projection"],
                [text["Finance.Month"], money("Finance.ProjectedCost"), money("Finance.ProjectedFunding"), money("Finance.ProjectedGap")],
                [.. plan.Projection.Select(p => Row([MonthCell(p.Year, p.Month), Amount(p.Cost), Amount(p.Funding), Amount(p.Gap)]))]);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, string name, IEnumerable<string> headers, IEnumerable<Row> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData(Row([.. headers.Select(h => TextCell(h, HeaderStyle))]));
        foreach (var row in rows)
            data.Append(row);
        part.Worksheet = new Worksheet(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0 }), data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet
        {
            Id = workbook.GetIdOfPart(part),
            SheetId = (uint)sheets.ChildElements.Count + 1,
            // Excel allows 31 characters and none of []:*?/\ in a sheet name.
            Name = new string([.. name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).Take(31)]),
        });
    }

    private static Row Row(string label, params decimal?[] amounts) => Row([TextCell(label), .. amounts.Select(Amount)]);

    private static Row Row(Cell[] cells) => new(cells);

    /// <summary>The month as <c>2026-03</c>: read the same in every language and sorts as it should.</summary>
    private static Cell MonthCell(int year, int month) => TextCell($"{year:D4}-{month:D2}");

    private static Cell TextCell(string value, uint style = 0) =>
        new(new InlineString(new Text(value))) { DataType = CellValues.InlineString, StyleIndex = style == 0 ? null : style };

    /// <summary>An empty cell when there is no amount (no costs that month, no nights to divide by).</summary>
    private static Cell Amount(decimal? value) => value is { } v
        ? new Cell(new CellValue(v.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = AmountStyle }
        : new Cell();

    private static Cell Number(int value) => new(new CellValue(value.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.Number };

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            // Built-in number format 4 is "#,##0.00".
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true }) { Count = 3 });
}
