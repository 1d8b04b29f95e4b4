using Ura.Features.Shelters;

namespace Ura.Tests.ShelterBoard;

/// <summary>The occupancy and length-of-stay rules, without a database.</summary>
public sealed class OccupancyStatisticsTests
{
    private static readonly Guid Facility = Guid.NewGuid();
    private static readonly DateOnly From = new(2026, 3, 1);
    private static readonly DateOnly To = new(2026, 3, 31);
    private static readonly DateOnly Later = new(2026, 6, 1);

    private static StayFacts Stay(string admitted, string? discharged = null, DischargeDestination? destination = null) =>
        new(Facility, DateOnly.Parse(admitted, System.Globalization.CultureInfo.InvariantCulture),
            discharged is null ? null : DateOnly.Parse(discharged, System.Globalization.CultureInfo.InvariantCulture), destination);

    [Fact]
    public void Compute_StaysAcrossPeriodBoundaries_CountsOnlyNightsInsidePeriod()
    {
        StayFacts[] stays =
        [
            Stay("2026-02-20", "2026-03-05", DischargeDestination.Family),   // nights 1..4 March: 4
            Stay("2026-03-29", "2026-04-10", DischargeDestination.Return),   // nights 29..31 March: 3
            Stay("2026-03-10", "2026-03-10", DischargeDestination.Other),    // left the same day: 0
            Stay("2026-01-01", "2026-02-28", DischargeDestination.Family),   // before the period: 0
        ];

        var figures = OccupancyStatistics.Compute(2, stays, From, To, Later);

        Assert.Equal(2 * 31, figures.BedNightsInService);
        Assert.Equal(7, figures.BedNightsOccupied);
        Assert.Equal(7.0 / 62, figures.OccupancyRate!.Value, 6);
        Assert.Equal(2, figures.Admissions);
        Assert.Equal(2, figures.Discharges);
        Assert.Equal(0, figures.CurrentResidents);
    }

    [Fact]
    public void Compute_CurrentResidentAndPeriodIntoFuture_CountsUpToTonightOnly()
    {
        var today = new DateOnly(2026, 3, 10);

        var figures = OccupancyStatistics.Compute(3, [Stay("2026-03-08")], From, To, today);

        // The period ends today: ten nights of three beds; the resident's nights 8, 9 and tonight.
        Assert.Equal(30, figures.BedNightsInService);
        Assert.Equal(3, figures.BedNightsOccupied);
        Assert.Equal(1, figures.CurrentResidents);
        Assert.Equal(1, figures.Admissions);
        Assert.Null(figures.AverageStayNights);
    }

    [Fact]
    public void Compute_CompletedStays_AverageAndMedianOfNights()
    {
        StayFacts[] stays =
        [
            Stay("2026-02-01", "2026-03-03", DischargeDestination.Return),            // 30 nights
            Stay("2026-03-01", "2026-03-11", DischargeDestination.IndependentLiving), // 10
            Stay("2026-03-05", "2026-03-07", DischargeDestination.Family),            // 2
            Stay("2026-03-05", "2026-03-09", DischargeDestination.Family),            // 4
        ];

        var figures = OccupancyStatistics.Compute(4, stays, From, To, Later);

        Assert.Equal(11.5, figures.AverageStayNights);
        Assert.Equal(7, figures.MedianStayNights);
        Assert.Equal(4, figures.Discharges);
        Assert.Equal(2, figures.DischargesByDestination.Single(d => d.Destination == DischargeDestination.Family).Count);
        Assert.Equal(1, figures.DischargesByDestination.Single(d => d.Destination == DischargeDestination.Return).Count);
        Assert.Equal(0, figures.DischargesByDestination.Single(d => d.Destination == DischargeDestination.OtherShelter).Count);
    }

    [Fact]
    public void Compute_OddNumberOfStaysAndNoDestination_MedianIsMiddleAndCountedAsOther()
    {
        StayFacts[] stays = [Stay("2026-03-01", "2026-03-02"), Stay("2026-03-01", "2026-03-04"), Stay("2026-03-01", "2026-03-21")];

        var figures = OccupancyStatistics.Compute(1, stays, From, To, Later);

        Assert.Equal(3, figures.MedianStayNights);
        Assert.Equal(3, figures.DischargesByDestination.Single(d => d.Destination == DischargeDestination.Other).Count);
    }

    [Fact]
    public void Compute_NoBedInServiceOrPeriodInFuture_RateUnknown()
    {
        var none = OccupancyStatistics.Compute(0, [Stay("2026-03-01", "2026-03-05")], From, To, Later);
        var future = OccupancyStatistics.Compute(5, [], From, To, new DateOnly(2026, 2, 1));

        Assert.Null(none.OccupancyRate);
        Assert.Equal(0, none.BedNightsInService);
        Assert.Null(future.OccupancyRate);
        Assert.Equal(0, future.BedNightsOccupied);
    }

    [Fact]
    public void Median_EmptyList_Null() => Assert.Null(OccupancyStatistics.Median([]));
}
