namespace Ura.Features.Shelters;

/// <summary>An amount for one cost line.</summary>
public sealed record CategoryAmount(CostCategory Category, decimal Amount);

/// <summary>A cost line's budget for the year against what was spent on it.</summary>
public sealed record BudgetFigures(CostCategory Category, decimal? Budget, decimal Actual, decimal? Remaining);

/// <summary>
/// One month of the plan. <see cref="ActualCost"/>, <see cref="CostPerBedNight"/> and <see cref="Gap"/> are
/// null for a month without recorded costs (nothing to compare); cost per bed-night also when nobody slept there.
/// </summary>
public sealed record MonthFigures(
    int Month, IReadOnlyList<CategoryAmount> Costs, decimal? ActualCost, int BedNights, decimal? CostPerBedNight, decimal Funding, decimal? Gap)
{
    public bool HasCosts => ActualCost is not null;
}

/// <summary>The year over the months with recorded costs, so a half-entered year is not compared with a whole year's funding.</summary>
public sealed record YearTotals(int MonthsWithCosts, decimal ActualCost, int BedNights, decimal? CostPerBedNight, decimal Funding, decimal Gap, int AllBedNights);

public sealed record FundingSourceView(Guid Id, FundingKind Kind, string Name, decimal Committed, decimal Expected);

public sealed record ProjectedMonth(int Year, int Month, decimal Cost, decimal Funding, decimal Gap);

/// <summary>How the projection's cost was found: the average of recent months, or the budget when no costs are recorded.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ProjectionBasis>))]
public enum ProjectionBasis
{
    RecentAverage,
    Budget,
}

/// <summary>
/// A facility's financial sustainability plan for one year, with what follows from it: cost per
/// occupied bed-night and the funding gap by month, and a twelve-month projection. All the arithmetic
/// lives in <see cref="Compute"/>, so the page, the API and the XLSX export show the same numbers.
/// </summary>
public sealed record FinancialPlan(
    Guid FacilityId, string FacilityName, string Currency, int Year,
    IReadOnlyList<BudgetFigures> Budget, decimal BudgetTotal,
    IReadOnlyList<MonthFigures> Months, YearTotals Totals,
    IReadOnlyList<FundingSourceView> Funding, decimal CommittedTotal, decimal ExpectedTotal,
    ProjectionBasis ProjectionBasis, int ProjectionMonthsAveraged, IReadOnlyList<ProjectedMonth> Projection)
{
    /// <summary>The projection averages at most this many of the latest months with recorded costs.</summary>
    public const int MonthsAveraged = 3;

    /// <summary>A stay as the plan needs it: the nights it covers.</summary>
    public sealed record StayDates(DateOnly AdmittedOn, DateOnly? DischargedOn);

    /// <summary>The costs, budget lines and funding sources of this year, the year before (the recent average may reach back into it) and the year after (the projection runs into it).</summary>
    public sealed record Inputs(
        IReadOnlyList<BudgetLine> Budget, IReadOnlyList<MonthlyCost> Costs, IReadOnlyList<FundingSource> Funding, IReadOnlyList<StayDates> Stays);

    public static FinancialPlan Compute(ShelterFacility facility, int year, Inputs inputs, DateOnly today)
    {
        var budget = Enum.GetValues<CostCategory>().Select(category =>
        {
            var line = inputs.Budget.FirstOrDefault(b => b.Year == year && b.Category == category);
            var actual = inputs.Costs.Where(c => c.Year == year && c.Category == category).Sum(c => c.Amount);
            return new BudgetFigures(category, line?.Amount, actual, line is null ? null : line.Amount - actual);
        }).ToList();

        var funding = inputs.Funding.Where(f => f.Year == year)
            .OrderBy(f => f.Kind).ThenBy(f => f.Name, StringComparer.CurrentCulture)
            .Select(f => new FundingSourceView(f.Id, f.Kind, f.Name, f.Committed, f.Expected)).ToList();
        var committed = funding.Sum(f => f.Committed);
        var fundingPerMonth = Monthly(committed);

        var months = Enumerable.Range(1, 12).Select(month =>
        {
            var rows = inputs.Costs.Where(c => c.Year == year && c.Month == month).ToList();
            var costs = rows.OrderBy(c => c.Category).Select(c => new CategoryAmount(c.Category, c.Amount)).ToList();
            decimal? actual = rows.Count == 0 ? null : rows.Sum(c => c.Amount);
            var nights = BedNights(inputs.Stays, year, month, today);
            return new MonthFigures(month, costs, actual, nights, PerNight(actual, nights), fundingPerMonth, actual - fundingPerMonth);
        }).ToList();

        var costed = months.Where(m => m.HasCosts).ToList();
        var totalCost = costed.Sum(m => m.ActualCost!.Value);
        var costedNights = costed.Sum(m => m.BedNights);
        var totals = new YearTotals(costed.Count, totalCost, costedNights, PerNight(costed.Count == 0 ? null : totalCost, costedNights),
            fundingPerMonth * costed.Count, costed.Sum(m => m.Gap!.Value), months.Sum(m => m.BedNights));

        var (basis, averaged, projection) = Project(year, inputs);
        return new FinancialPlan(facility.Id, facility.Name, facility.Currency, year, budget, budget.Sum(b => b.Budget ?? 0),
            months, totals, funding, committed, funding.Sum(f => f.Expected), basis, averaged, projection);
    }

    /// <summary>
    /// Occupied bed-nights in a month: each night from the admission day up to (not including) the
    /// discharge day, or up to today for someone still there, that falls in the month.
    /// </summary>
    public static int BedNights(IEnumerable<StayDates> stays, int year, int month, DateOnly today)
    {
        var first = new DateOnly(year, month, 1);
        var afterLast = first.AddMonths(1);
        var nights = 0;
        foreach (var stay in stays)
        {
            var from = stay.AdmittedOn > first ? stay.AdmittedOn : first;
            var end = stay.DischargedOn ?? today;
            var until = end < afterLast ? end : afterLast;
            nights += Math.Max(0, until.DayNumber - from.DayNumber);
        }
        return nights;
    }

    /// <summary>
    /// Twelve months from the month after the latest month with recorded costs (of this year or the
    /// one before; from January of this year when there are none). Cost: the average of the latest
    /// months with recorded costs, at most <see cref="MonthsAveraged"/>, or else a twelfth of the budget
    /// of the year the month falls in. Funding: a twelfth of what is committed for that month's year.
    /// </summary>
    private static (ProjectionBasis, int, IReadOnlyList<ProjectedMonth>) Project(int year, Inputs inputs)
    {
        var recent = inputs.Costs.Where(c => c.Year <= year)
            .GroupBy(c => (c.Year, c.Month))
            .Select(g => (Start: new DateOnly(g.Key.Year, g.Key.Month, 1), Total: g.Sum(c => c.Amount)))
            .OrderByDescending(m => m.Start).Take(MonthsAveraged).ToList();
        var start = recent.Count == 0 ? new DateOnly(year, 1, 1) : recent[0].Start.AddMonths(1);
        decimal? average = recent.Count == 0 ? null : Round(recent.Average(m => m.Total));

        var projection = Enumerable.Range(0, 12).Select(i =>
        {
            var month = start.AddMonths(i);
            var cost = average ?? Monthly(inputs.Budget.Where(b => b.Year == month.Year).Sum(b => b.Amount));
            var funding = Monthly(inputs.Funding.Where(f => f.Year == month.Year).Sum(f => f.Committed));
            return new ProjectedMonth(month.Year, month.Month, cost, funding, cost - funding);
        }).ToList();
        return (recent.Count == 0 ? ProjectionBasis.Budget : ProjectionBasis.RecentAverage, recent.Count, projection);
    }

    private static decimal Monthly(decimal yearly) => Round(yearly / 12);

    private static decimal? PerNight(decimal? cost, int nights) => cost is { } c && nights > 0 ? Round(c / nights) : null;

    private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
