using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Shelters;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Shelters.Facilities.FacilityTestSupport;

namespace Ura.Tests.Shelters.Facilities;

/// <summary>
/// What leaves the operating organisation: the service's bed capacity (HSDS 3.1 <c>service_capacity</c>,
/// counted from the beds) and, of the place, never more than city, region and country.
/// </summary>
public sealed class ShelterPublishingTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task HsdsService_ShelterService_PublishesTheBedsAsCapacityAndFollowsAChange()
    {
        var service = ShelterService("ME");
        var expected = await BedCountsAsync(service);
        var reader = await factory.SignInAsync(Demo.Email("caseworker", "me"));

        var capacity = await CapacityAsync(reader, service);

        Assert.Equal("bed", capacity["unit"]!["identifier"]!.GetValue<string>());
        Assert.Equal(expected.Available, capacity["available"]!.GetValue<int>());
        Assert.Equal(expected.InService, capacity["maximum"]!.GetValue<int>());
        Assert.True(expected.Available > 0);
        var updated = capacity["updated"]!.GetValue<DateTimeOffset>();

        var manager = await factory.SignInAsync(ShelterManager("me"));
        var bed = await FirstBedAsync(factory, Emergency("ME"));
        var change = await manager.PutAsJsonAsync($"/api/v1/shelters/facilities/{Emergency("ME")}/beds/{bed}", new { inService = false });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        var after = await CapacityAsync(reader, service);

        Assert.Equal(expected.Available - 1, after["available"]!.GetValue<int>());
        Assert.Equal(expected.InService - 1, after["maximum"]!.GetValue<int>());
        Assert.True(after["updated"]!.GetValue<DateTimeOffset>() > updated);
        var facilityUpdated = await factory.WithDb(db => db.ShelterFacilities.Where(f => f.Id == Emergency("ME")).Select(f => f.CapacityUpdatedAt).SingleAsync());
        Assert.Equal(after["updated"]!.GetValue<DateTimeOffset>().UtcDateTime, facilityUpdated, TimeSpan.FromSeconds(1));
    }

    public static TheoryData<string> Outsiders => new()
    {
        Demo.SocialWorker, Demo.Email("caseworker", "xk"), ShelterManager("xk"), Demo.Coordinator, Demo.Analyst, Demo.Police,
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task ShelterAddress_OutsideTheOrganisation_NeverInPagesApiOrHsds(string email)
    {
        var streets = new[] { DemoShelters.FlatsStreet("AL"), await StreetAsync(factory, Emergency()) };
        var owner = await factory.SignInAsync(ShelterManager());
        // The owner sees both streets on the facility pages, so the search below would find them if they leaked.
        Assert.Contains(streets[0], await (await owner.GetAsync($"/shelters/{Flats()}")).HtmlAsync());
        Assert.Contains(streets[1], await (await owner.GetAsync($"/shelters/{Emergency()}")).HtmlAsync());
        var organisationId = await factory.WithDb(db => db.ShelterFacilities.Where(f => f.Id == Flats()).Select(f => f.OrganisationId).SingleAsync());
        var client = await factory.SignInAsync(email);

        var bodies = new List<string>();
        foreach (var url in new[]
        {
            $"/shelters/{Flats()}", $"/shelters/{Emergency()}", $"/shelters/{Flats()}/edit", "/shelters",
            $"/directory/services/{ShelterService()}", "/directory?category=safe-housing",
            $"/api/v1/shelters/facilities/{Flats()}", "/api/v1/shelters/facilities",
            $"/api/v1/directory/services/{ShelterService()}", "/api/v1/directory/services?category=safe-housing",
            $"/hsds/services/{ShelterService()}", "/hsds/services?per_page=100", "/hsds/service_at_locations?per_page=100", $"/hsds/organizations/{organisationId}",
        })
            bodies.Add(await (await client.GetAsync(url)).Content.ReadAsStringAsync());

        foreach (var body in bodies)
            foreach (var street in streets)
                Assert.DoesNotContain(street, System.Net.WebUtility.HtmlDecode(body), StringComparison.OrdinalIgnoreCase);
        // What may be shown outside: the city, for those who can see the directory at all.
        Assert.Contains(await factory.WithDb(db => db.ShelterFacilities.Where(f => f.Id == Emergency()).Select(f => f.City).SingleAsync()),
            System.Net.WebUtility.HtmlDecode(bodies[10]));
    }

    [Fact]
    public async Task HsdsService_OwnShelterManagerToo_GetsNoStreet()
    {
        var client = await factory.SignInAsync(ShelterManager());

        var body = await client.GetStringAsync($"/hsds/services/{ShelterService()}");

        Assert.DoesNotContain(DemoShelters.FlatsStreet("AL"), body);
        Assert.DoesNotContain(await StreetAsync(factory, Emergency()), body);
    }

    private static async Task<JsonNode> CapacityAsync(HttpClient client, Guid service)
    {
        var json = JsonNode.Parse(await client.GetStringAsync($"/hsds/services/{service}"))!;
        return json["capacities"]!.AsArray().Single(c => c!["unit"]!["identifier"]!.GetValue<string>() == "bed")!;
    }

    private Task<(int Available, int InService)> BedCountsAsync(Guid service) => factory.WithDb(async db =>
    {
        var beds = await db.ShelterBeds.Where(b => db.ShelterFacilities.Any(f => f.Id == b.FacilityId && f.ServiceId == service && f.IsActive))
            .Select(b => b.Status).ToListAsync();
        return (beds.Count(s => s == BedStatus.Available), beds.Count(s => s != BedStatus.OutOfService));
    });
}
