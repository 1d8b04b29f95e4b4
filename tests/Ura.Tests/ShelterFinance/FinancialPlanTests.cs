using Ura.Features.Shelters;

namespace Ura.Tests.ShelterFinance;

/// <summary>The plan's arithmetic: bed-nights by month, cost per bed-night, funding gap and the projection.</summary>
public sealed class FinancialPlanTests
{
    private static readonly ShelterFacility Facility = new() { Name = "Test shelter", CountryCode = "AL", City = "Tiranë", Currency = "EUR" };

    private static FinancialPlan.StayDates Stay(string admitted, string? discharged = null) =>
        new(DateOnly.Parse(admitted, System.Globalization.CultureInfo.InvariantCulture),
            discharged is null ? null : DateOnly.Parse(discharged, System.Globalization.CultureInfo.InvariantCulture));

    private static MonthlyCost Cost(int year, int month, decimal amount, CostCategory category = CostCategory.Staff) =>
        new() { Year = year, Month = month, Category = category, Amount = amount };

    private static BudgetLine Budget(int year, decimal amount, CostCategory category = CostCategory.Staff) =>
        new() { Year = year, Category = category, Amount = amount };

    private static FundingSource Funding(int year, decimal committed, decimal expected = 0) =>
        new() { Year = year, Kind = FundingKind.Government, Name = "Ministry", Committed = committed, Expected = expected };

    private static FinancialPlan Compute(int year, DateOnly today, IReadOnlyList<BudgetLine>? budget = null, IReadOnlyList<MonthlyCost>? costs = null,
        IReadOnlyList<FundingSource>? funding = null, IReadOnlyList<FinancialPlan.StayDates>? stays = null) =>
        FinancialPlan.Compute(Facility, year, new(budget ?? [], costs ?? [], funding ?? [], stays ?? []), today);

    private static readonly DateOnly LongAfter = new(2030, 1, 1);

    [Fact]
    public void BedNights_StayAcrossMonthBoundary_NightsSplitBetweenTheMonths()
    {
        // Nights of 30 and 31 January, then of 1 and 2 February; the discharge day is no night.
        var stays = new[] { Stay("2025-01-30", "2025-02-03") };

        Assert.Equal(2, FinancialPlan.BedNights(stays, 2025, 1, LongAfter));
        Assert.Equal(2, FinancialPlan.BedNights(stays, 2025, 2, LongAfter));
        Assert.Equal(0, FinancialPlan.BedNights(stays, 2025, 3, LongAfter));
    }

    [Fact]
    public void BedNights_StayAcrossNewYear_EachYearCountsItsOwnNights()
    {
        var stays = new[] { Stay("2024-12-30", "2025-01-02") };

        Assert.Equal(2, FinancialPlan.BedNights(stays, 2024, 12, LongAfter));
        Assert.Equal(1, FinancialPlan.BedNights(stays, 2025, 1, LongAfter));
    }

    [Fact]
    public void BedNights_ResidentStillThere_CountedUpToToday()
    {
        var stays = new[] { Stay("2025-03-10"), Stay("2025-02-20") };
        var today = new DateOnly(2025, 3, 15);

        Assert.Equal(5 + 14, FinancialPlan.BedNights(stays, 2025, 3, today));
        Assert.Equal(9, FinancialPlan.BedNights(stays, 2025, 2, today));
        Assert.Equal(0, FinancialPlan.BedNights(stays, 2025, 4, today));
    }

    [Fact]
    public void BedNights_SameDayAdmissionAndDischarge_NoNight()
    {
        Assert.Equal(0, FinancialPlan.BedNights([Stay("2025-05-05", "2025-05-05")], 2025, 5, LongAfter));
    }

    [Fact]
    public void Compute_CostsAndNights_CostPerBedNightAndGapByMonth()
    {
        // Two residents the whole of January: 62 bed-nights; 4,000 spent; 24,000 committed for the year.
        var plan = Compute(2025, LongAfter,
            costs: [Cost(2025, 1, 3000), Cost(2025, 1, 1000, CostCategory.Food)],
            funding: [Funding(2025, 20000, expected: 5000), Funding(2025, 4000)],
            stays: [Stay("2025-01-01", "2025-02-01"), Stay("2025-01-01", "2025-02-01")]);

        var january = plan.Months[0];
        Assert.Equal((4000m, 62, 64.52m, 2000m, 2000m), (january.ActualCost, january.BedNights, january.CostPerBedNight, january.Funding, january.Gap));
        Assert.Equal([new CategoryAmount(CostCategory.Staff, 3000), new CategoryAmount(CostCategory.Food, 1000)], january.Costs);
        Assert.Equal((24000m, 5000m), (plan.CommittedTotal, plan.ExpectedTotal));
        Assert.Equal((1, 4000m, 62, 64.52m, 2000m, 2000m), (plan.Totals.MonthsWithCosts, plan.Totals.ActualCost, plan.Totals.BedNights,
            plan.Totals.CostPerBedNight, plan.Totals.Funding, plan.Totals.Gap));
    }

    [Fact]
    public void Compute_MonthWithCostsButNoNights_NoCostPerBedNightGapStillShown()
    {
        var plan = Compute(2025, LongAfter, costs: [Cost(2025, 2, 1200)], funding: [Funding(2025, 12000)]);

        var february = plan.Months[1];
        Assert.Equal((1200m, 0, (decimal?)null, 200m), (february.ActualCost, february.BedNights, february.CostPerBedNight, february.Gap));
        Assert.Null(plan.Totals.CostPerBedNight);
    }

    [Fact]
    public void Compute_MonthWithoutCosts_NoCostNoGapButFundingAndNights()
    {
        var plan = Compute(2025, LongAfter, costs: [Cost(2025, 1, 500)], funding: [Funding(2025, 1200)], stays: [Stay("2025-03-01", "2025-03-11")]);

        var march = plan.Months[2];
        Assert.Equal(((decimal?)null, 10, (decimal?)null, 100m, (decimal?)null), (march.ActualCost, march.BedNights, march.CostPerBedNight, march.Funding, march.Gap));
        // The year's totals compare only months with costs: January's 500 against one month of funding.
        Assert.Equal((1, 500m, 0, 100m, 400m, 10), (plan.Totals.MonthsWithCosts, plan.Totals.ActualCost, plan.Totals.BedNights,
            plan.Totals.Funding, plan.Totals.Gap, plan.Totals.AllBedNights));
    }

    [Fact]
    public void Compute_Budget_RemainingPerLineAndNoneWithoutBudget()
    {
        var plan = Compute(2025, LongAfter, budget: [Budget(2025, 10000), Budget(2026, 99999, CostCategory.Rent)],
            costs: [Cost(2025, 1, 2500), Cost(2025, 2, 1500), Cost(2025, 2, 300, CostCategory.Rent)]);

        Assert.Equal(new BudgetFigures(CostCategory.Staff, 10000, 4000, 6000), plan.Budget.Single(b => b.Category == CostCategory.Staff));
        Assert.Equal(new BudgetFigures(CostCategory.Rent, null, 300, null), plan.Budget.Single(b => b.Category == CostCategory.Rent));
        Assert.Equal(10000m, plan.BudgetTotal);
    }

    [Fact]
    public void Compute_Projection_AverageOfLatestThreeMonthsFromTheNextMonth()
    {
        var plan = Compute(2025, LongAfter,
            costs: [Cost(2025, 1, 1000), Cost(2025, 2, 2000), Cost(2025, 3, 3000), Cost(2025, 4, 5000), Cost(2025, 4, 1000, CostCategory.Food)],
            funding: [Funding(2025, 24000), Funding(2026, 36000)]);

        Assert.Equal((ProjectionBasis.RecentAverage, 3, 12), (plan.ProjectionBasis, plan.ProjectionMonthsAveraged, plan.Projection.Count));
        // February to April: (2000 + 3000 + 6000) / 3.
        Assert.Equal(new ProjectedMonth(2025, 5, 3666.67m, 2000m, 1666.67m), plan.Projection[0]);
        Assert.Equal(new ProjectedMonth(2025, 12, 3666.67m, 2000m, 1666.67m), plan.Projection[7]);
        // The months of the next year are funded by that year's commitments.
        Assert.Equal(new ProjectedMonth(2026, 1, 3666.67m, 3000m, 666.67m), plan.Projection[8]);
        Assert.Equal(new ProjectedMonth(2026, 4, 3666.67m, 3000m, 666.67m), plan.Projection[11]);
    }

    [Fact]
    public void Compute_ProjectionFewerMonths_AveragesWhatThereIsReachingIntoTheYearBefore()
    {
        var plan = Compute(2026, LongAfter, costs: [Cost(2025, 12, 900), Cost(2026, 1, 1100), Cost(2024, 5, 100000)]);

        Assert.Equal((ProjectionBasis.RecentAverage, 3), (plan.ProjectionBasis, plan.ProjectionMonthsAveraged));
        Assert.Equal((2026, 2), (plan.Projection[0].Year, plan.Projection[0].Month));
        // December 2025, January 2026 and May 2024 are the three latest months with costs.
        Assert.Equal(Math.Round((900m + 1100m + 100000m) / 3, 2), plan.Projection[0].Cost);

        var twoMonths = Compute(2026, LongAfter, costs: [Cost(2025, 12, 900), Cost(2026, 1, 1100)]);
        Assert.Equal((2, 1000m), (twoMonths.ProjectionMonthsAveraged, twoMonths.Projection[0].Cost));
    }

    [Fact]
    public void Compute_ProjectionWithoutCosts_TwelfthOfEachYearsBudgetFromJanuary()
    {
        var plan = Compute(2025, LongAfter, budget: [Budget(2025, 12000), Budget(2025, 2400, CostCategory.Food)],
            funding: [Funding(2025, 6000)]);

        Assert.Equal((ProjectionBasis.Budget, 0), (plan.ProjectionBasis, plan.ProjectionMonthsAveraged));
        Assert.Equal(new ProjectedMonth(2025, 1, 1200m, 500m, 700m), plan.Projection[0]);
        Assert.Equal(new ProjectedMonth(2025, 12, 1200m, 500m, 700m), plan.Projection[11]);
    }
}
