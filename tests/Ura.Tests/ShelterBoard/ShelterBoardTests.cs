using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Shelters;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.ShelterBoard.BoardTestSupport;

namespace Ura.Tests.ShelterBoard;

/// <summary>The availability board: filters, counts, links from a case, no address, who may use it, bad input.</summary>
public sealed class ShelterBoardTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private async Task<BoardPage> ApiAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(Api(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BoardPage>(Json))!;
    }

    [Fact]
    public async Task Board_EachFilter_OnlyFacilitiesWithSuitableFreeBed()
    {
        var city = NewCity();
        var women = await AddFacilityAsync(factory, ShelterManager(), "AL", city, HousingType.EmergencyShelter, "Women,MothersWithChildren", false,
            Free(BedType.Adult), Free(BedType.Adult), Free(BedType.Cot), Taken(BedType.Child));
        var men = await AddFacilityAsync(factory, ShelterManager(), "AL", city, HousingType.TransitionalHousing, "Men", true,
            Free(BedType.Accessible), Taken(BedType.Adult));
        var full = await AddFacilityAsync(factory, ShelterManager(), "AL", city, HousingType.EmergencyShelter, "Women", false,
            Taken(BedType.Adult), (BedType.Adult, BedStatus.Held), (BedType.Child, BedStatus.OutOfService));
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var c = "country=AL&city=" + Uri.EscapeDataString(city);

        var all = await ApiAsync(client, c);
        var byType = await ApiAsync(client, c + "&type=TransitionalHousing");
        var byPopulation = await ApiAsync(client, c + "&population=MothersWithChildren");
        var byEither = await ApiAsync(client, c + "&population=Men&population=Children");
        var accessible = await ApiAsync(client, c + "&accessible=true");
        var cot = await ApiAsync(client, c + "&bedType=Cot");
        var child = await ApiAsync(client, c + "&bedType=Child");
        var otherCountry = await ApiAsync(client, "country=XK&city=" + Uri.EscapeDataString(city));
        var byRegion = await ApiAsync(client, "region=&city=" + Uri.EscapeDataString("Rajoni " + city));

        Assert.Equal(new[] { men, women }.Order(), all.Items.Select(r => r.FacilityId).Order());
        Assert.DoesNotContain(all.Items, r => r.FacilityId == full);
        Assert.Equal([men], byType.Items.Select(r => r.FacilityId));
        Assert.Equal([women], byPopulation.Items.Select(r => r.FacilityId));
        Assert.Equal([men], byEither.Items.Select(r => r.FacilityId));
        Assert.Equal([men], accessible.Items.Select(r => r.FacilityId));
        Assert.Equal([women], cot.Items.Select(r => r.FacilityId));
        Assert.Empty(child.Items);
        Assert.Empty(otherCountry.Items);
        Assert.Equal(2, byRegion.Items.Count);
    }

    [Fact]
    public async Task Board_Facility_FreeBedsByTypeOrganisationAndLastUpdate()
    {
        var city = NewCity();
        var id = await AddFacilityAsync(factory, ShelterManager(), "AL", city, HousingType.ReceptionCentre, "Women,Children", true,
            Free(BedType.Adult), Free(BedType.Adult), Free(BedType.Child), Taken(BedType.Adult), (BedType.Cot, BedStatus.OutOfService));
        var updated = await factory.WithDb(db => db.ShelterFacilities.Where(f => f.Id == id).Select(f => f.CapacityUpdatedAt).SingleAsync());
        var organisation = await factory.WithDb(async db => await db.Organisations.Where(o => o.Id == db.ShelterFacilities.Single(f => f.Id == id).OrganisationId).Select(o => o.Name).SingleAsync());
        var client = await factory.SignInAsync(Demo.Police, "en");

        var row = (await ApiAsync(client, "country=AL&city=" + Uri.EscapeDataString(city))).Items.Single();
        var html = await client.GetStringAsync(Board("country=AL&city=" + Uri.EscapeDataString(city)));

        Assert.Equal(new FreeBeds(2, 1, 0, 0), row.Free);
        Assert.Equal(3, row.Free.Total);
        Assert.Equal(organisation, row.OrganisationName);
        Assert.Equal([Population.Women, Population.Children], row.Populations);
        Assert.True(row.WheelchairAccessible);
        Assert.Equal(("AL", city, "Rajoni " + city), (row.CountryCode, row.City, row.Region));
        Assert.Equal(updated, row.UpdatedAt, TimeSpan.FromSeconds(1));
        Assert.Null(row.PeerNodeId);
        Assert.Contains("Shtëpia " + city, html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Shelters.Board.FreeBeds", "en").Replace("{0}", "3", StringComparison.Ordinal), html, StringComparison.Ordinal);
        // Without a case there is nothing to refer from.
        Assert.DoesNotContain("/referrals/new", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_ManyFacilities_PagedWithoutRepeats()
    {
        var city = NewCity();
        var ids = new List<Guid>();
        for (var i = 0; i < Features.Shelters.ShelterBoard.PageSize + 3; i++)
            ids.Add(await AddFacilityAsync(factory, ShelterManager(), "AL", city, HousingType.EmergencyShelter, "Women", false, Free(BedType.Adult)));
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var first = await ApiAsync(client, "country=AL&city=" + Uri.EscapeDataString(city));
        var second = await ApiAsync(client, "country=AL&page=2&city=" + Uri.EscapeDataString(city));

        Assert.True(first.HasMore);
        Assert.False(second.HasMore);
        Assert.Equal(Features.Shelters.ShelterBoard.PageSize, first.Items.Count);
        Assert.Equal(ids.Order(), first.Items.Concat(second.Items).Select(r => r.FacilityId).Order());
    }

    [Fact]
    public async Task Board_FromOwnCase_PresetsPopulationsLinksReferralAndAuditsRead()
    {
        var city = NewCity();
        var facility = await AddFacilityAsync(factory, ShelterManager(), "AL", city, HousingType.EmergencyShelter, "Women", false, Free(BedType.Adult));
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await Cases.CaseTestSupport.OpenAsync(client, Cases.CaseTestSupport.Adult("Blerta", "Hoxha"));
        var service = await factory.WithDb(db => db.ShelterFacilities.Where(f => f.Id == facility).Select(f => f.ServiceId).SingleAsync());

        var html = await client.GetStringAsync(Board($"case={opened.Id}&country=AL&city={Uri.EscapeDataString(city)}"));
        var referrals = await client.GetStringAsync($"/cases/{opened.Id}/referrals");

        Assert.Contains($"href=\"/cases/{opened.Id}/referrals/new?service={service}&amp;facility={facility}\"", html, StringComparison.Ordinal);
        // An adult woman: shelters for women, mothers with children or families.
        Assert.Contains("value=\"Women\" checked", html, StringComparison.Ordinal);
        Assert.Contains("value=\"MothersWithChildren\" checked", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Men\" checked", html, StringComparison.Ordinal);
        Assert.Contains(opened.Reference, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/shelters/board?case={opened.Id}\"", referrals, StringComparison.Ordinal);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "read" && a.EntityId == opened.Id.ToString())));
    }

    [Theory]
    [InlineData("socialworker", "al")]
    [InlineData("caseworker", "xk")]
    [InlineData("sheltermanager", "al")]
    [InlineData("coordinator", "al")]
    public async Task Board_CaseOfAnotherTeam_NoLinksNoPresetNoCaseShown(string login, string country)
    {
        var city = NewCity();
        await AddFacilityAsync(factory, ShelterManager(), "AL", city, HousingType.EmergencyShelter, "Women", false, Free(BedType.Adult));
        var owner = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await Cases.CaseTestSupport.OpenAsync(owner, Cases.CaseTestSupport.Adult("Arta", "Leka"));
        var client = await factory.SignInAsync(Demo.Email(login, country));
        var reads = await factory.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "read" && a.EntityId == opened.Id.ToString()));

        var response = await client.GetAsync(Board($"case={opened.Id}&country=AL&city={Uri.EscapeDataString(city)}"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Shtëpia " + city, html, StringComparison.Ordinal);
        // The address the page was asked for comes back in the language links; nothing else names the case.
        Assert.DoesNotContain("/referrals/new", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"case\" value=\"{opened.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(opened.Reference, html, StringComparison.Ordinal);
        Assert.DoesNotContain("checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Equal(reads, await factory.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "read" && a.EntityId == opened.Id.ToString())));
    }

    [Theory]
    [InlineData("socialworker", "al")]
    [InlineData("caseworker", "xk")]
    [InlineData("coordinator", "mk")]
    public async Task Board_AnyAllowedUser_NeverReceivesAShelterAddress(string login, string country)
    {
        var streets = await ShelterStreetsAsync(factory);
        var postcodes = await factory.WithDb(async db =>
        {
            var locations = await db.ShelterFacilities.Select(f => f.LocationId).ToListAsync();
            return await db.Addresses.Where(a => locations.Contains(a.LocationId) && a.PostalCode != null).Select(a => a.PostalCode!).Distinct().ToListAsync();
        });
        var client = await factory.SignInAsync(Demo.Email(login, country));

        var pages = new List<string>();
        var api = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await client.GetStringAsync(Board($"country=&page={page}")));
            api.Add(await client.GetStringAsync(Api($"page={page}")));
        }

        Assert.Contains(DemoShelters.FlatsStreet("AL"), streets);
        Assert.Contains(api, a => a.Contains(DemoShelters.FacilityId("AL", "flats").ToString(), StringComparison.Ordinal));
        foreach (var street in streets)
        {
            Assert.All(pages, p => Assert.DoesNotContain(street, p, StringComparison.Ordinal));
            Assert.All(api, a => Assert.DoesNotContain(street, a, StringComparison.Ordinal));
        }
        foreach (var postcode in postcodes)
            Assert.All(api, a => Assert.DoesNotContain("\"" + postcode + "\"", a, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("caseworker", true)]
    [InlineData("supervisor", true)]
    [InlineData("police", true)]
    [InlineData("sheltermanager", true)]
    [InlineData("coordinator", true)]
    [InlineData("orgadmin", false)]
    [InlineData("analyst", false)]
    [InlineData("outreach", false)]
    public async Task Board_ByRole_OnlyThosePlacingPeople(string login, bool allowed)
    {
        var client = await factory.SignInAsync(Demo.Email(login));
        var expected = allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden;

        Assert.Equal(expected, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/shelters/board")));
        Assert.Equal(expected, (await client.GetAsync(Api(""))).StatusCode);
    }

    [Fact]
    public async Task Board_SystemAdminOrAnonymous_Refused()
    {
        var admin = await factory.SignInAsync(Demo.SystemAdmin);
        var anonymous = factory.Anonymous();

        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(admin, new HttpRequestMessage(HttpMethod.Get, "/shelters/board")));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(Api(""))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Api(""))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/shelters/board")).StatusCode);
    }

    [Theory]
    [InlineData("type=Castle", "Type", "Shelters.Board.UnknownType")]
    [InlineData("type=1", "Type", "Shelters.Board.UnknownType")]
    [InlineData("population=Women&population=Pirates", "Population", "Shelters.Board.UnknownPopulation")]
    [InlineData("bedType=Hammock", "BedType", "Shelters.Board.UnknownBedType")]
    [InlineData("country=ZZ", "Country", "Cases.Person.UnknownCountry")]
    [InlineData("page=0", "Page", "CaseList.PageOutOfRange")]
    public async Task Board_BadInput_LocalisedErrorAndNothingChanged(string query, string field, string key)
    {
        var before = await CountsAsync();
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");

        var api = await client.GetAsync(Api(query));
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        var page = await client.GetAsync(Board(query));
        var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        Assert.Contains(errors, e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)
            && e.Value.EnumerateArray().Any(m => m.GetString() == factory.Text(key, "sq")));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("directory-results", html, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    private Task<(int, int, int)> CountsAsync() => factory.WithDb(async db =>
        (await db.ShelterFacilities.CountAsync(), await db.ShelterBeds.CountAsync(b => b.Status == BedStatus.Available), await db.ShelterBeds.CountAsync(b => b.Status == BedStatus.Held)));
}
