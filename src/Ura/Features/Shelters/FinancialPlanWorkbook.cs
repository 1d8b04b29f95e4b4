using Microsoft.Extensions.Localization;
using Ura.Features.Reports;
using UraText = Ura.Resources.Text;

namespace Ura.Features.Shelters;

/// <summary>
/// Writes a <see cref="FinancialPlan"/> as an XLSX workbook: sheets Budget, Costs by month, Funding,
/// Summary and Projection, each with a header row (amounts name the currency) and amounts as real
/// numbers, so the shelter can go on calculating in a spreadsheet. Texts are in the caller's language.
/// </summary>
public static class FinancialPlanWorkbook
{
    public static byte[] Write(FinancialPlan plan, IStringLocalizer<UraText> text)
    {
        var money = (string key) => text[key] + " (" + plan.Currency + ")";
        var categories = Enum.GetValues<CostCategory>();
        return new Spreadsheet()
            .Sheet(text["Finance.Sheet.Budget"],
                [text["Finance.Category"], money("Finance.Budget"), money("Finance.Actual"), money("Finance.Remaining")],
                [
                    .. plan.Budget.Select(b => Row(text["CostCategory." + b.Category], b.Budget, b.Actual, b.Remaining)),
                    Row(text["Finance.Total"], plan.BudgetTotal, plan.Budget.Sum(b => b.Actual), null),
                ])
            .Sheet(text["Finance.Sheet.Costs"],
                [text["Finance.Month"], .. categories.Select(c => money("CostCategory." + c)), money("Finance.ActualCost")],
                [.. plan.Months.Select(m => (object?[])[
                    Month(plan.Year, m.Month),
                    .. categories.Select(c => (object?)m.Costs.FirstOrDefault(x => x.Category == c)?.Amount),
                    m.ActualCost])])
            .Sheet(text["Finance.Sheet.Funding"],
                [text["Finance.FundingKind"], text["Finance.FunderName"], money("Finance.Committed"), money("Finance.Expected")],
                [
                    .. plan.Funding.Select(f => (object?[])[text["FundingKind." + f.Kind].Value, f.Name, f.Committed, f.Expected]),
                    [text["Finance.Total"].Value, "", plan.CommittedTotal, plan.ExpectedTotal],
                ])
            .Sheet(text["Finance.Sheet.Summary"],
                [text["Finance.Month"], money("Finance.ActualCost"), text["Finance.BedNights"], money("Finance.CostPerBedNight"),
                    money("Finance.FundingPerMonth"), money("Finance.Gap")],
                [
                    .. plan.Months.Select(m => (object?[])[Month(plan.Year, m.Month), m.ActualCost, m.BedNights,
                        m.CostPerBedNight, m.Funding, m.Gap]),
                    [text["Finance.TotalCostedMonths"].Value, plan.Totals.ActualCost, plan.Totals.BedNights,
                        plan.Totals.CostPerBedNight, plan.Totals.Funding, plan.Totals.Gap],
                ])
            .Sheet(text["Finance.Sheet.Projection"],
                [text["Finance.Month"], money("Finance.ProjectedCost"), money("Finance.ProjectedFunding"), money("Finance.ProjectedGap")],
                [.. plan.Projection.Select(p => (object?[])[Month(p.Year, p.Month), p.Cost, p.Funding, p.Gap])])
            .ToBytes();
    }

    private static object?[] Row(string label, params decimal?[] amounts) => [label, .. amounts.Select(a => (object?)a)];

    /// <summary>The month as <c>2026-03</c>: read the same in every language and sorts as it should.</summary>
    private static string Month(int year, int month) => $"{year:D4}-{month:D2}";
}
