using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Features.Shelters;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.ShelterBoard.BoardTestSupport;

namespace Ura.Tests.ShelterBoard;

/// <summary>
/// Small-number protection of the shelter statistics: a national coordinator or an analyst never sees a count of
/// residents from 1 to the threshold, nor one that follows from the totals; shelter staff keep their exact figures.
/// </summary>
public sealed class ShelterStatisticsProtectionTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private const int Threshold = 5;
    private const string February = "from=2024-02-01&to=2024-02-29";

    private static OccupancyFigures Figures(int bedsInService, params StayFacts[] stays) =>
        OccupancyStatistics.Compute(bedsInService, stays, new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29), new DateOnly(2024, 6, 1));

    private Task AddStaysAsync(Guid facility, int count, DateOnly admitted, DateOnly? discharged, DischargeDestination? destination) => factory.WithDb(async db =>
    {
        var bed = await db.ShelterBeds.Where(b => b.FacilityId == facility).OrderBy(b => b.Id).FirstAsync();
        for (var i = 0; i < count; i++)
        {
            db.ShelterStays.Add(new Stay
            {
                FacilityId = facility, OrganisationId = bed.OrganisationId, BedId = bed.Id, Reference = "ME-2024-P" + Random.Shared.Next(1000, 9999),
                FirstName = "Ana", AgeBand = AgeBand.From25To34, Gender = Gender.Feminine, AdmittedOn = admitted, DischargedOn = discharged,
                Destination = destination, AdmittedById = Guid.NewGuid(), CreatedAt = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync();
    });

    private async Task<ShelterStatisticsView> ApiAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/shelters/statistics?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShelterStatisticsView>(Json))!;
    }

    /// <summary>Every published count of residents is 0 or at least the threshold, and no line of a table has exactly one hidden figure.</summary>
    private static void AssertProtected(ShelterStatisticsView view, string context)
    {
        Assert.True(view.Protected, context);
        foreach (var country in view.Countries)
        {
            var facilities = view.Facilities.Where(f => f.CountryCode == country.CountryCode).Select(f => f.Figures).ToList();
            var all = facilities.Append(country.Figures).ToList();
            foreach (var figures in all)
            {
                var counts = new[] { figures.Admissions, figures.Discharges, figures.CurrentResidents }.Concat(figures.DischargesByDestination.Select(d => d.Count));
                Assert.All(counts, c => Assert.False(c is > 0 and < Threshold, $"{context} {country.CountryCode}: {c} published"));
                if (figures.BedNightsOccupied is null)
                    Assert.Null(figures.OccupancyRate);
                // A facility's discharges are its destinations' total: one hidden destination with the total shown would follow from it.
                Assert.False(figures.Discharges is not null && figures.DischargesByDestination.Count(d => d.Count is null) == 1, $"{context}: one destination hidden");
            }
            // The country is each column's total: one hidden facility with the country shown would follow from it.
            foreach (var column in new Func<ShelterFigures, object?>[] { f => f.Admissions, f => f.Discharges, f => f.CurrentResidents, f => f.BedNightsOccupied }
                .Concat(Enum.GetValues<DischargeDestination>().Select(d => new Func<ShelterFigures, object?>(f => f.DischargesByDestination.Single(x => x.Destination == d).Count))))
            {
                Assert.False(facilities.Count(f => column(f) is null) == 1 && column(country.Figures) is not null, $"{context} {country.CountryCode}: one facility hidden");
            }
        }
    }

    [Fact]
    public void Protect_RoundTo5_CountsAndBedNightsRoundedRateFromTheRoundedNights()
    {
        var from = new DateOnly(2024, 2, 1);
        var facility = Guid.NewGuid();
        // 8 stays of 3 nights each, all discharged home: 24 bed-nights of 290 in service.
        StayFacts[] stays = [.. Enumerable.Range(0, 8).Select(i => new StayFacts(facility, from.AddDays(i), from.AddDays(i + 3), DischargeDestination.Family))];
        var figures = Figures(10, stays);

        var (shown, total) = ShelterStatisticsProtection.Protect([figures], figures, [8], Threshold, roundTo: 5);

        Assert.Equal((8, 24), (figures.Admissions, figures.BedNightsOccupied));
        Assert.Equal(10, shown[0].Admissions);
        Assert.Equal(10, total.Discharges);
        Assert.Equal(25, shown[0].BedNightsOccupied);
        Assert.Equal(25.0 / figures.BedNightsInService, shown[0].OccupancyRate);
        // Capacity is about beds, not people: exact.
        Assert.Equal(figures.BedNightsInService, shown[0].BedNightsInService);
    }

    [Fact]
    public void Protect_SmallFacilityBesideLargeOnes_SmallCountsHiddenAndNotDerivable()
    {
        var from = new DateOnly(2024, 2, 1);
        StayFacts Stay(Guid f, int admittedDay, int? dischargedDay, DischargeDestination? to = DischargeDestination.Family) =>
            new(f, from.AddDays(admittedDay), dischargedDay is { } d ? from.AddDays(d) : null, dischargedDay is null ? null : to);
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        StayFacts[] small = [Stay(a, 1, 5), Stay(a, 2, null)];
        StayFacts[] large = [.. Enumerable.Range(0, 7).Select(i => Stay(b, i, 10 + i)), Stay(b, 3, null), Stay(b, 4, null), Stay(b, 5, null), Stay(b, 6, null), Stay(b, 7, null)];
        StayFacts[] other = [.. Enumerable.Range(0, 9).Select(i => Stay(c, i, 12 + i, DischargeDestination.Return)), .. Enumerable.Range(0, 6).Select(i => Stay(c, i, null))];
        var facilities = new[] { Figures(4, small), Figures(10, large), Figures(12, other) };
        var country = Figures(26, [.. small, .. large, .. other]);

        var (shown, total) = ShelterStatisticsProtection.Protect(facilities, country, [2, 12, 15], Threshold);

        // The small facility: 2 admitted, 1 discharged, 1 still there, 2 people behind its bed-nights: all hidden.
        Assert.Null(shown[0].Admissions);
        Assert.Null(shown[0].Discharges);
        Assert.Null(shown[0].CurrentResidents);
        Assert.Null(shown[0].BedNightsOccupied);
        Assert.Null(shown[0].OccupancyRate);
        Assert.True(shown[0].LengthOfStayHidden);
        Assert.Null(shown[0].MedianStayNights);
        // Capacity is about beds, not people.
        Assert.Equal(4 * 29, shown[0].BedNightsInService);
        // A second facility is hidden with it, or the country total: never the small one alone.
        Assert.True(shown.Skip(1).Any(f => f.Admissions is null) || total.Admissions is null);
        Assert.True(shown.Skip(1).Any(f => f.CurrentResidents is null) || total.CurrentResidents is null);
        Assert.True(shown.Skip(1).Any(f => f.Discharges is null) || total.Discharges is null);
        // The large ones keep what is not needed to protect the small one.
        Assert.Equal(9, shown[2].DischargesByDestination.Single(d => d.Destination == DischargeDestination.Return).Count);
        Assert.Equal(country.BedNightsInService, total.BedNightsInService);
        AssertProtected(new ShelterStatisticsView(from, from.AddDays(28), [.. shown.Select((f, i) => new FacilityStatistics(Guid.NewGuid(), "F" + i, "O", "ME", "C", 1, f))],
            [new CountryStatistics("ME", 3, 26, total)], true, Threshold, 1), "unit");
    }

    [Fact]
    public async Task Statistics_CoordinatorAndShelterManager_CoordinatorProtectedManagerExact()
    {
        var small = await AddFacilityAsync(factory, ShelterManager("me"), "ME", NewCity(), HousingType.EmergencyShelter, "Women", false, Free(BedType.Adult), Free(BedType.Adult));
        var large = await AddFacilityAsync(factory, Demo.Email("socialworker", "me"), "ME", NewCity(), HousingType.ReceptionCentre, "Women", false,
            Free(BedType.Adult), Free(BedType.Adult), Free(BedType.Adult));
        // Small: 2 admitted on 3 February, 1 of them left on the 10th. Large: 9 admitted on 5 February, 6 left on the 20th.
        await AddStaysAsync(small, 1, new DateOnly(2024, 2, 3), new DateOnly(2024, 2, 10), DischargeDestination.Family);
        await AddStaysAsync(small, 1, new DateOnly(2024, 2, 3), new DateOnly(2024, 3, 15), DischargeDestination.Family);
        await AddStaysAsync(large, 6, new DateOnly(2024, 2, 5), new DateOnly(2024, 2, 20), DischargeDestination.Return);
        await AddStaysAsync(large, 3, new DateOnly(2024, 2, 5), new DateOnly(2024, 3, 20), DischargeDestination.Return);
        var coordinator = await factory.SignInAsync(Demo.Email("coordinator", "me"), "sq");
        var manager = await factory.SignInAsync(ShelterManager("me"), "sq");

        var protectedView = await ApiAsync(coordinator, February + "&country=ME");
        var exactView = await ApiAsync(manager, February);
        var protectedDays = await ApiAsync(coordinator, "from=2024-02-03&to=2024-02-10&country=ME");
        var exactDays = await ApiAsync(manager, "from=2024-02-03&to=2024-02-10");
        var protectedPage = System.Net.WebUtility.HtmlDecode(await coordinator.GetStringAsync("/shelters/statistics?" + February + "&country=ME"));
        var exactPage = System.Net.WebUtility.HtmlDecode(await manager.GetStringAsync("/shelters/statistics?" + February));

        AssertProtected(protectedView, "coordinator");
        Assert.Equal(5, protectedView.RoundTo);
        // Outside the shelter's team a period is whole months, so two periods a day apart cannot be subtracted.
        Assert.Equal((new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)), (protectedDays.From, protectedDays.To));
        Assert.Equal(protectedView.Countries.Single().Figures.Admissions, protectedDays.Countries.Single().Figures.Admissions);
        Assert.Equal((new DateOnly(2024, 2, 3), new DateOnly(2024, 2, 10)), (exactDays.From, exactDays.To));
        Assert.Equal(1, exactView.RoundTo);
        var seen = protectedView.Facilities.Single(f => f.FacilityId == small).Figures;
        Assert.Null(seen.Admissions);
        Assert.Null(seen.Discharges);
        Assert.Null(seen.BedNightsOccupied);
        Assert.True(seen.LengthOfStayHidden);
        Assert.Equal(3 * 29, protectedView.Facilities.Single(f => f.FacilityId == large).Figures.BedNightsInService);
        Assert.Contains(factory.Text("Reports.HiddenMark", "sq"), protectedPage, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Reports.HiddenNote", "sq").Replace("{0}", "5", StringComparison.Ordinal), protectedPage, StringComparison.Ordinal);

        Assert.False(exactView.Protected);
        var own = exactView.Facilities.Single(f => f.FacilityId == small).Figures;
        Assert.Equal(2, own.Admissions);
        Assert.Equal(1, own.Discharges);
        Assert.Equal(1, own.DischargesByDestination.Single(d => d.Destination == DischargeDestination.Family).Count);
        Assert.Equal(7, own.MedianStayNights);
        Assert.Equal(7 + 27, own.BedNightsOccupied);
        Assert.False(own.LengthOfStayHidden);
        Assert.DoesNotContain(factory.Text("Reports.HiddenMark", "sq"), exactPage, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-legend", exactPage, StringComparison.Ordinal);
    }

    /// <summary>An analyst over every country, several periods and each country alone: nothing small, nothing derivable.</summary>
    [Fact]
    public async Task Statistics_AnalystEveryCountryAndPeriod_NoSmallCountPublishedOrDerivable()
    {
        var facility = await AddFacilityAsync(factory, ShelterManager("me"), "ME", NewCity(), HousingType.EmergencyShelter, "Women", false, Free(BedType.Adult));
        await AddStaysAsync(facility, 3, new DateOnly(2024, 2, 7), new DateOnly(2024, 2, 9), DischargeDestination.OtherShelter);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var analyst = await factory.SignInAsync(Demo.Analyst, "en");
        var countries = (await ApiAsync(analyst, "")).Countries.Select(c => c.CountryCode).ToList();

        foreach (var period in new[] { "", February, "from=2024-02-07&to=2024-02-07", $"from={today.AddYears(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}" })
        {
            foreach (var country in countries.Select(c => "&country=" + c).Prepend(""))
                AssertProtected(await ApiAsync(analyst, period + country), period + country);
        }
        Assert.Contains("ME", countries);
    }
}
