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

/// <summary>Occupancy statistics over HTTP: figures from real stays, who sees which facilities, bad input.</summary>
public sealed class ShelterStatisticsTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private Task AddStayAsync(Guid facility, DateOnly admitted, DateOnly? discharged, DischargeDestination? destination) => factory.WithDb(async db =>
    {
        var bed = await db.ShelterBeds.Where(b => b.FacilityId == facility).OrderBy(b => b.Id).FirstAsync();
        db.ShelterStays.Add(new Stay
        {
            FacilityId = facility, OrganisationId = bed.OrganisationId, BedId = bed.Id, Reference = "AL-2026-T" + Random.Shared.Next(1000, 9999),
            FirstName = "Mira", AgeBand = AgeBand.From25To34, Gender = Gender.Feminine, AdmittedOn = admitted, DischargedOn = discharged,
            Destination = destination, AdmittedById = Guid.NewGuid(), CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    });

    private async Task<ShelterStatisticsView> ApiAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/shelters/statistics?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShelterStatisticsView>(Json))!;
    }

    [Fact]
    public async Task Statistics_FacilityWithStays_FiguresPerFacilityAndCountry()
    {
        var facility = await AddFacilityAsync(factory, ShelterManager("me"), "ME", NewCity(), HousingType.EmergencyShelter, "Women", false,
            Free(BedType.Adult), Free(BedType.Adult), (BedType.Adult, BedStatus.OutOfService));
        var from = Today.AddDays(-9);
        await AddStayAsync(facility, from.AddDays(-5), from.AddDays(2), DischargeDestination.Family);   // 2 nights in the period, 7 in all
        await AddStayAsync(facility, from.AddDays(3), from.AddDays(6), DischargeDestination.Return);    // 3 nights
        await AddStayAsync(facility, Today.AddDays(-1), null, null);                                    // yesterday and tonight
        var client = await factory.SignInAsync(ShelterManager("me"), "en");

        var view = await ApiAsync(client, $"from={from:yyyy-MM-dd}&to={Today:yyyy-MM-dd}");
        var html = await client.GetStringAsync($"/shelters/statistics?from={from:yyyy-MM-dd}&to={Today:yyyy-MM-dd}");

        var row = view.Facilities.Single(f => f.FacilityId == facility);
        Assert.Equal(2, row.BedsInService);
        Assert.Equal(20, row.Figures.BedNightsInService);
        Assert.Equal(7, row.Figures.BedNightsOccupied);
        Assert.Equal(0.35, row.Figures.OccupancyRate!.Value, 6);
        Assert.Equal(2, row.Figures.Admissions);
        Assert.Equal(2, row.Figures.Discharges);
        Assert.Equal(5, row.Figures.AverageStayNights);
        Assert.Equal(5, row.Figures.MedianStayNights);
        Assert.Equal(1, row.Figures.CurrentResidents);
        var country = view.Countries.Single(c => c.CountryCode == "ME");
        Assert.Equal(view.Facilities.Where(f => f.CountryCode == "ME").Sum(f => f.Figures.BedNightsOccupied), country.Figures.BedNightsOccupied);
        Assert.Equal(view.Facilities.Count(f => f.CountryCode == "ME"), country.Facilities);
        Assert.Contains(row.Name, html, StringComparison.Ordinal);
        Assert.Contains($"name=\"from\" type=\"date\" value=\"{from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
        Assert.Contains((0.35).ToString("P1", System.Globalization.CultureInfo.GetCultureInfo("en")), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sheltermanager", "Organisation")]
    [InlineData("supervisor", "Organisation")]
    [InlineData("coordinator", "Country")]
    [InlineData("analyst", "All")]
    public async Task Statistics_ByRole_OnlyFacilitiesInScope(string login, string scope)
    {
        var own = await AddFacilityAsync(factory, ShelterManager("rs"), "RS", NewCity(), HousingType.EmergencyShelter, "Women", false, Free(BedType.Adult));
        var sameCountry = await AddFacilityAsync(factory, Demo.Email("socialworker", "rs"), "RS", NewCity(), HousingType.ReceptionCentre, "Men", false, Free(BedType.Adult));
        var abroad = await AddFacilityAsync(factory, ShelterManager("ba"), "BA", NewCity(), HousingType.EmergencyShelter, "Women", false, Free(BedType.Adult));
        var client = await factory.SignInAsync(Demo.Email(login, "rs"));

        var ids = (await ApiAsync(client, "")).Facilities.Select(f => f.FacilityId).ToList();
        var onlyBa = (await ApiAsync(client, "country=BA")).Facilities;

        Assert.Contains(own, ids);
        Assert.Equal(scope is "Country" or "All", ids.Contains(sameCountry));
        Assert.Equal(scope == "All", ids.Contains(abroad));
        Assert.Equal(scope == "All", onlyBa.Count > 0);
        Assert.All(onlyBa, f => Assert.Equal("BA", f.CountryCode));
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("police")]
    [InlineData("orgadmin")]
    [InlineData("outreach")]
    public async Task Statistics_RoleWithoutFigures_Forbidden(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login));

        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/shelters/statistics")));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/shelters/statistics")).StatusCode);
    }

    [Fact]
    public async Task Statistics_SystemAdmin_Forbidden()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/shelters/statistics")));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/shelters/statistics")).StatusCode);
    }

    [Theory]
    [InlineData("from=2026-05-02&to=2026-05-01", "from", "Shelters.Statistics.FromAfterTo")]
    [InlineData("from=2000-01-01&to=2026-05-01", "to", "Shelters.Statistics.PeriodTooLong")]
    [InlineData("country=Albania", "country", "Cases.Person.UnknownCountry")]
    public async Task Statistics_BadInput_LocalisedErrorAndNothingChanged(string query, string field, string key)
    {
        var before = await factory.WithDb(async db => (await db.ShelterStays.CountAsync(), await db.ShelterFacilities.CountAsync()));
        var client = await factory.SignInAsync(Demo.Email("analyst"), "mk");

        var api = await client.GetAsync("/api/v1/shelters/statistics?" + query);
        var page = await client.GetAsync("/shelters/statistics?" + query);
        var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal([factory.Text(key, "mk")], await ProblemErrorsAsync(api, field));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(factory.Text(key, "mk"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDb(async db => (await db.ShelterStays.CountAsync(), await db.ShelterFacilities.CountAsync())));
    }
}
