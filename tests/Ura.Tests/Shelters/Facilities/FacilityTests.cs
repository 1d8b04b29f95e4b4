using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Directory;
using Ura.Features.Shelters;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Shelters.Facilities.FacilityTestSupport;

namespace Ura.Tests.Shelters.Facilities;

/// <summary>What the shelter manager does with facilities, rooms, beds and standards, and what each change leaves in the database.</summary>
public sealed class FacilityTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task CreateFacility_ThroughThePage_MakesAConfidentialPlaceGivingTheService()
    {
        var client = await factory.SignInAsync(ShelterManager(), "en");

        var response = await UraFactory.PostFormAsync(client, "/shelters/new", new()
        {
            ["Input.Name"] = "Shtëpia e kalimit Durrës",
            ["Input.Type"] = "TransitionalHousing",
            ["Input.Populations"] = "Women",
            ["Input.WheelchairAccessible"] = "false",
            ["Input.Rules"] = "Vizitat me marrëveshje.",
            ["Input.Currency"] = "all",
            ["Input.ServiceId"] = ShelterService().ToString(),
            ["Input.Street"] = "Rruga Taulantia 41",
            ["Input.PostalCode"] = "2001",
            ["Input.City"] = "Durrës",
            ["Input.Region"] = "Durrës",
            ["Input.CountryCode"] = "AL",
            ["Input.IsActive"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString["/shelters/".Length..]);
        var (facility, location, address, linked, audited) = await factory.WithDb(async db =>
        {
            var f = await db.ShelterFacilities.AsNoTracking().SingleAsync(x => x.Id == id);
            var l = await db.Locations.AsNoTracking().SingleAsync(x => x.Id == f.LocationId);
            var a = await db.Addresses.AsNoTracking().SingleAsync(x => x.LocationId == l.Id);
            var link = await db.ServiceAtLocations.AnyAsync(x => x.ServiceId == ShelterService() && x.LocationId == l.Id);
            var audit = await db.AuditEvents.AnyAsync(e => e.Action == "shelter.facility.create" && e.EntityId == id.ToString());
            return (f, l, a, link, audit);
        });
        Assert.Equal(("Shtëpia e kalimit Durrës", HousingType.TransitionalHousing, "Women", "ALL"), (facility.Name, facility.Type, facility.Populations, facility.Currency));
        Assert.Equal(("Durrës", "Durrës", "AL"), (facility.City, facility.Region, facility.CountryCode));
        Assert.True(location.IsConfidential);
        Assert.Equal((LocationType.Physical, "Shtëpia e kalimit Durrës"), (location.LocationType, location.Name));
        Assert.Equal(("Rruga Taulantia 41", "2001", "Durrës"), (address.Address1, address.PostalCode, address.City));
        Assert.True(linked);
        Assert.True(audited);
        var overview = await (await client.GetAsync($"/shelters/{id}")).HtmlAsync();
        Assert.Contains("Rruga Taulantia 41", overview);
    }

    [Fact]
    public async Task ChangeFacility_NewAddress_UpdatesThePlaceAndTheCopiedCity()
    {
        var client = await factory.SignInAsync(ShelterManager());
        var created = await CreateAsync(client, Body(ShelterService()));
        var body = Body(ShelterService(), "Banesa e mbështetur Korçë");
        body["street"] = "Bulevardi Republika 8";
        body["city"] = "Korçë";
        body["region"] = null;
        body["populations"] = new[] { "Families" };

        var response = await client.PutAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<FacilityView>())!;
        Assert.Equal(("Korçë", "Bulevardi Republika 8", (string?)null), (view.Address!.City, view.Address.Street, view.Address.Region));
        Assert.Equal([Population.Families], view.Populations);
        var row = await factory.WithDb(async db =>
        {
            var f = await db.ShelterFacilities.AsNoTracking().SingleAsync(x => x.Id == created.Id);
            var l = await db.Locations.AsNoTracking().Include(x => x.Addresses).SingleAsync(x => x.Id == f.LocationId);
            return (f.City, f.Name, LocationName: l.Name, l.Addresses.Single().Address1, AddressCity: l.Addresses.Single().City);
        });
        Assert.Equal(("Korçë", "Banesa e mbështetur Korçë", "Banesa e mbështetur Korçë", "Bulevardi Republika 8", "Korçë"), row);
    }

    [Fact]
    public async Task ChangeFacility_AnotherOwnService_MovesThePlaceAndRecountsBothServices()
    {
        var client = await factory.SignInAsync(ShelterManager());
        var other = await factory.WithDb(async db =>
        {
            var organisationId = await db.Services.Where(s => s.Id == ShelterService()).Select(s => s.OrganisationId).SingleAsync();
            return await db.Services.Where(s => s.OrganisationId == organisationId && s.Id != ShelterService()).Select(s => s.Id).FirstAsync();
        });
        var created = await CreateAsync(client, Body(ShelterService()));
        var added = await client.PostAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}/beds", new { room = "1", count = 4, type = "Adult" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var shelterBefore = await CapacityAsync(ShelterService());

        var moved = await client.PutAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}", Body(other));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal((4, (int?)4), await CapacityAsync(other));
        Assert.Equal((shelterBefore.Available - 4, shelterBefore.Maximum - 4), await CapacityAsync(ShelterService()));
        var locationId = await factory.WithDb(db => db.ShelterFacilities.Where(f => f.Id == created.Id).Select(f => f.LocationId).SingleAsync());
        var links = await factory.WithDb(db => db.ServiceAtLocations.Where(l => l.LocationId == locationId).Select(l => l.ServiceId).ToListAsync());
        Assert.Equal([other], links);
    }

    [Fact]
    public async Task AddRoom_ThreeChildBeds_LabelledAToCAndPublished()
    {
        var client = await factory.SignInAsync(ShelterManager());
        var created = await CreateAsync(client, Body(ShelterService()));
        var before = await CapacityAsync(ShelterService());

        var response = await client.PostAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}/beds", new { room = "Dhoma 2", count = 3, type = "Child" });
        var again = await client.PostAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}/beds", new { room = "Dhoma 2", count = 1, type = "Cot" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var beds = (await client.GetFromJsonAsync<List<BedView>>($"/api/v1/shelters/facilities/{created.Id}/beds"))!;
        Assert.Equal(["A/Child", "B/Child", "C/Child", "D/Cot"], beds.Select(b => $"{b.Label}/{b.Type}"));
        Assert.All(beds, b => Assert.Equal((BedStatus.Available, true), (b.Status, b.CanRemove)));
        Assert.Equal((before.Available + 4, before.Maximum + 4), await CapacityAsync(ShelterService()));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "shelter.beds.add" && e.EntityId == created.Id.ToString())));
    }

    [Fact]
    public async Task ChangeBed_RenameRetypeAndTakeOutOfService_SavedThroughTheBed()
    {
        var client = await factory.SignInAsync(ShelterManager());
        var created = await CreateAsync(client, Body(ShelterService()));
        await client.PostAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}/beds", new { room = "5", count = 2, type = "Adult" });
        var bed = await FirstBedAsync(factory, created.Id);
        var before = await CapacityAsync(ShelterService());

        var renamed = await client.PutAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}/beds/{bed}", new { room = "6", label = "Dritare", type = "Accessible" });
        var outOfService = await UraFactory.PostFormAsync(client, $"/shelters/{created.Id}/beds?handler=Service", new() { ["bedId"] = bed.ToString(), ["inService"] = "false" },
            formPage: $"/shelters/{created.Id}/beds");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, outOfService.StatusCode);
        var row = await factory.WithDb(db => db.ShelterBeds.AsNoTracking().SingleAsync(b => b.Id == bed));
        Assert.Equal(("6", "Dritare", BedType.Accessible, BedStatus.OutOfService), (row.Room, row.Label, row.Type, row.Status));
        Assert.Equal((before.Available - 1, before.Maximum - 1), await CapacityAsync(ShelterService()));

        var back = await client.PutAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}/beds/{bed}", new { inService = true });

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(before, await CapacityAsync(ShelterService()));
    }

    [Fact]
    public async Task RemoveBed_NeverUsed_GoneAndRecounted_WithAPastStay_Refused()
    {
        var client = await factory.SignInAsync(ShelterManager(), "sq");
        var created = await CreateAsync(client, Body(ShelterService()));
        await client.PostAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}/beds", new { room = "3", count = 2, type = "Adult" });
        var beds = (await client.GetFromJsonAsync<List<BedView>>($"/api/v1/shelters/facilities/{created.Id}/beds"))!;
        var userId = await factory.WithDb(db => db.Users.Where(u => u.Email == ShelterManager()).Select(u => u.Id).SingleAsync());
        await factory.WithDb(async db =>
        {
            db.ShelterStays.Add(new Stay
            {
                FacilityId = created.Id, OrganisationId = await db.ShelterFacilities.Where(f => f.Id == created.Id).Select(f => f.OrganisationId).SingleAsync(),
                BedId = beds[1].Id, Reference = "AL-2026-000001", FirstName = "Test", AgeBand = Features.Cases.AgeBand.From18To24, Gender = Features.Cases.Gender.Feminine,
                AdmittedOn = new DateOnly(2026, 1, 5), DischargedOn = new DateOnly(2026, 2, 5), Destination = DischargeDestination.Family,
                AdmittedById = userId, CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var before = await CapacityAsync(ShelterService());

        var removed = await client.DeleteAsync($"/api/v1/shelters/facilities/{created.Id}/beds/{beds[0].Id}");
        var refused = await client.DeleteAsync($"/api/v1/shelters/facilities/{created.Id}/beds/{beds[1].Id}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(factory.Text("Shelters.BedHadStays", "sq"), await AdminTestSupport.ProblemErrorsAsync(refused, ""));
        Assert.Equal([beds[1].Id], await factory.WithDb(db => db.ShelterBeds.Where(b => b.FacilityId == created.Id).Select(b => b.Id).ToListAsync()));
        Assert.Equal((before.Available - 1, before.Maximum - 1), await CapacityAsync(ShelterService()));
    }

    [Fact]
    public async Task SaveStandards_ThroughThePage_SavesLevelsEvidenceAndReview()
    {
        var client = await factory.SignInAsync(ShelterManager(), "en");
        var created = await CreateAsync(client, Body(ShelterService()));
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < MinimumStandards.Codes.Count; i++)
            fields[$"Items[{i}].Code"] = MinimumStandards.Codes[i];
        fields["Items[0].Level"] = "Met";
        fields["Items[0].Evidence"] = "Kamera dhe roje natën.";
        fields["Items[0].ReviewOn"] = "2027-03-01";
        fields["Items[5].Level"] = "Partly";

        var response = await UraFactory.PostFormAsync(client, $"/shelters/{created.Id}/standards", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = (await client.GetFromJsonAsync<List<StandardView>>($"/api/v1/shelters/facilities/{created.Id}/standards"))!;
        Assert.Equal(MinimumStandards.Codes, saved.Select(s => s.Code));
        Assert.Equal((StandardLevel.Met, "Kamera dhe roje natën.", new DateOnly(2027, 3, 1)), (saved[0].Level!.Value, saved[0].Evidence!, saved[0].ReviewOn!.Value));
        Assert.Equal(StandardLevel.Partly, saved[5].Level);
        Assert.Equal(12, saved.Count(s => s.Level is null));
        var page = await (await client.GetAsync($"/shelters/{created.Id}/standards")).HtmlAsync();
        Assert.Contains("Kamera dhe roje natën.", page);

        var cleared = await client.PutAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}/standards", new[] { new { code = "Health", level = "NotMet" } });

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(["Health/NotMet"], await factory.WithDb(db => db.ShelterStandards.Where(s => s.FacilityId == created.Id).Select(s => s.Code + "/" + s.Level).ToListAsync()));
    }

    [Fact]
    public async Task ListAndOverview_OwnShelterManager_SeeBedsByStatusAndType()
    {
        var client = await factory.SignInAsync(ShelterManager(), "en");
        var bedsOfFlats = await factory.WithDb(db => db.ShelterBeds.CountAsync(b => b.FacilityId == Flats()));

        var list = (await client.GetFromJsonAsync<List<FacilitySummary>>("/api/v1/shelters/facilities"))!;
        var flats = list.Single(f => f.Id == Flats());
        var overview = await (await client.GetAsync($"/shelters/{Flats()}")).HtmlAsync();
        var html = await (await client.GetAsync("/shelters")).HtmlAsync();

        Assert.Equal(bedsOfFlats, flats.Beds.Total);
        Assert.Contains(list, f => f.Id == Emergency());
        Assert.Contains(flats.Name, html);
        Assert.Contains(factory.Text("BedType.Adult", "en"), overview);
        Assert.Contains(DemoShelters.FlatsStreet("AL"), overview);
    }

    [Fact]
    public async Task DirectoryServiceEdit_ServiceWithFacilities_KeepsTheBedsCountedFromRooms()
    {
        var before = await CapacityAsync(ShelterService());
        var client = await factory.SignInAsync(Demo.OrgAdmin, "en");
        var service = (await client.GetFromJsonAsync<ServiceView>($"/api/v1/directory/services/{ShelterService()}"))!;
        var body = new Dictionary<string, object?>
        {
            ["name"] = service.Name, ["categories"] = new[] { "emergency-shelter", "safe-housing" },
            ["locations"] = service.Locations.Select(l => l.Id).ToArray(), ["bedsAvailable"] = 0, ["bedsMaximum"] = 1,
        };

        var response = await client.PutAsJsonAsync($"/api/v1/directory/services/{ShelterService()}", body);
        var form = await (await client.GetAsync($"/directory/manage/services/{ShelterService()}")).HtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await CapacityAsync(ShelterService()));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(factory.Text("Directory.Edit.BedsFromShelters", "en")), form);
        Assert.DoesNotContain("name=\"Input.BedsAvailable\"", form);
    }

    // ---- bad input ----

    public static TheoryData<string, object?, string, string> BadFacilities => new()
    {
        { "type", "Castle", "type", "Shelters.UnknownType" },
        { "populations", new[] { "Pets" }, "populations", "Shelters.UnknownPopulation" },
        { "populations", Array.Empty<string>(), "populations", "Shelters.PopulationRequired" },
        { "serviceId", DemoDirectory.ServiceId("AL", "social-care"), "serviceId", "Shelters.UnknownService" },
        { "serviceId", ShelterService("XK"), "serviceId", "Shelters.UnknownService" },
        { "currency", "euro", "currency", "Directory.Edit.UnknownCurrency" },
        { "countryCode", "Albania", "countryCode", "Cases.Person.UnknownCountry" },
        { "street", "", "street", "Validation.Required" },
        { "name", new string('x', 201), "name", "Validation.TooLong" },
    };

    [Theory]
    [MemberData(nameof(BadFacilities))]
    public async Task CreateAndChangeFacility_BadInput_LocalisedErrorAndNothingChanged(string field, object? value, string errorField, string key)
    {
        var counts = await CountsAsync(factory);
        var before = await SnapshotAsync(factory, Emergency());
        var client = await factory.SignInAsync(ShelterManager(), "sq");
        var body = Body(ShelterService());
        body[field] = value;

        var created = await client.PostAsJsonAsync("/api/v1/shelters/facilities", body);
        var changed = await client.PutAsJsonAsync($"/api/v1/shelters/facilities/{Emergency()}", body);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(created, errorField));
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(changed, errorField));
        Assert.NotEqual(factory.Text(key, "en"), factory.Text(key, "sq"));
        Assert.Equal(counts, await CountsAsync(factory));
        Assert.Equal(before, await SnapshotAsync(factory, Emergency()));
    }

    [Fact]
    public async Task CreateFacility_PageWithoutPopulation_AlbanianErrorAndNothingCreated()
    {
        var counts = await CountsAsync(factory);
        var client = await factory.SignInAsync(ShelterManager(), "sq");

        var response = await UraFactory.PostFormAsync(client, "/shelters/new", new()
        {
            ["Input.Name"] = "Pa grup", ["Input.Type"] = "EmergencyShelter", ["Input.Currency"] = "ALL", ["Input.ServiceId"] = ShelterService().ToString(),
            ["Input.Street"] = "Rruga 1", ["Input.City"] = "Tiranë", ["Input.CountryCode"] = "AL", ["Input.IsActive"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Shelters.PopulationRequired", "sq"), System.Net.WebUtility.HtmlDecode(await response.HtmlAsync()));
        Assert.Equal(counts, await CountsAsync(factory));
    }

    public static TheoryData<object, string, string> BadRooms => new()
    {
        { new { room = "8", count = 0, type = "Adult" }, "count", "Shelters.BedCountRange" },
        { new { room = "8", count = -3, type = "Adult" }, "count", "Shelters.BedCountRange" },
        { new { room = "8", count = 51, type = "Adult" }, "count", "Shelters.BedCountRange" },
        { new { room = "8", count = 2, type = "Bunk" }, "type", "Shelters.UnknownBedType" },
        { new { room = "", count = 2, type = "Adult" }, "room", "Validation.Required" },
    };

    [Theory]
    [MemberData(nameof(BadRooms))]
    public async Task AddRoom_BadInput_LocalisedErrorAndNoBeds(object body, string errorField, string key)
    {
        var before = await SnapshotAsync(factory, Emergency());
        var capacity = await CapacityAsync(ShelterService());
        var client = await factory.SignInAsync(ShelterManager(), "mk");

        var response = await client.PostAsJsonAsync($"/api/v1/shelters/facilities/{Emergency()}/beds", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "mk"), await AdminTestSupport.ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await SnapshotAsync(factory, Emergency()));
        Assert.Equal(capacity, await CapacityAsync(ShelterService()));
    }

    [Fact]
    public async Task AddRoom_PageWithFiftyOneBeds_AlbanianErrorAndNoBeds()
    {
        var counts = await CountsAsync(factory);
        var client = await factory.SignInAsync(ShelterManager(), "sq");

        var response = await UraFactory.PostFormAsync(client, $"/shelters/{Emergency()}/beds?handler=AddRoom",
            new() { ["NewRoom.Room"] = "9", ["NewRoom.Count"] = "51", ["NewRoom.Type"] = "Adult" }, formPage: $"/shelters/{Emergency()}/beds");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Shelters.BedCountRange", "sq"), System.Net.WebUtility.HtmlDecode(await response.HtmlAsync()));
        Assert.Equal(counts, await CountsAsync(factory));
    }

    [Theory]
    [InlineData(BedStatus.Occupied)]
    [InlineData(BedStatus.Held)]
    public async Task TakeOutOfService_BedInUse_LocalisedErrorAndStatusKept(BedStatus status)
    {
        var client = await factory.SignInAsync(ShelterManager(), "sr-Latn");
        var created = await CreateAsync(client, Body(ShelterService()));
        await client.PostAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}/beds", new { room = "1", count = 1, type = "Adult" });
        var bed = await FirstBedAsync(factory, created.Id);
        await factory.WithDb(async db =>
        {
            var row = await db.ShelterBeds.SingleAsync(b => b.Id == bed);
            Assert.Null(status == BedStatus.Occupied ? row.Occupy(null, DateTime.UtcNow) : row.Hold(Guid.NewGuid(), DateTime.UtcNow.AddHours(24), DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
        var capacity = await CapacityAsync(ShelterService());

        var api = await client.PutAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}/beds/{bed}", new { inService = false });
        var removed = await client.DeleteAsync($"/api/v1/shelters/facilities/{created.Id}/beds/{bed}");
        var closing = Body(ShelterService());
        closing["isActive"] = false;
        var closed = await client.PutAsJsonAsync($"/api/v1/shelters/facilities/{created.Id}", closing);
        var page = await UraFactory.PostFormAsync(client, $"/shelters/{created.Id}/beds?handler=Service", new() { ["bedId"] = bed.ToString(), ["inService"] = "false" },
            formPage: $"/shelters/{created.Id}/beds");

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains(factory.Text("Shelters.BedInUse", "sr-Latn"), await AdminTestSupport.ProblemErrorsAsync(api, "inService"));
        Assert.Contains(factory.Text("Shelters.BedInUse", "sr-Latn"), await AdminTestSupport.ProblemErrorsAsync(removed, ""));
        Assert.Contains(factory.Text("Shelters.FacilityInUse", "sr-Latn"), await AdminTestSupport.ProblemErrorsAsync(closed, "isActive"));
        Assert.Contains(factory.Text("Shelters.BedInUse", "sr-Latn"), System.Net.WebUtility.HtmlDecode(await page.HtmlAsync()));
        Assert.Equal(status, await factory.WithDb(db => db.ShelterBeds.Where(b => b.Id == bed).Select(b => b.Status).SingleAsync()));
        Assert.True(await factory.WithDb(db => db.ShelterFacilities.Where(f => f.Id == created.Id).Select(f => f.IsActive).SingleAsync()));
        Assert.Equal(capacity, await CapacityAsync(ShelterService()));
    }

    public static TheoryData<object, string, string> BadStandards => new()
    {
        { new[] { new { code = "Pool", level = "Met" } }, "items[0]", "Shelters.UnknownStandard" },
        { new[] { new { code = "Health", level = "Mostly" } }, "items[0]", "Shelters.UnknownLevel" },
        { new[] { new { code = "Health", level = "Met" }, new { code = "Health", level = "NotMet" } }, "items[1]", "Shelters.StandardTwice" },
    };

    [Theory]
    [MemberData(nameof(BadStandards))]
    public async Task SaveStandards_BadInput_LocalisedErrorAndChecklistKept(object body, string errorField, string key)
    {
        var before = await SnapshotAsync(factory, Emergency());
        var client = await factory.SignInAsync(ShelterManager(), "sq");

        var response = await client.PutAsJsonAsync($"/api/v1/shelters/facilities/{Emergency()}/standards", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await SnapshotAsync(factory, Emergency()));
    }

    [Fact]
    public async Task SaveStandards_ReviewYear1999_LocalisedErrorAndChecklistKept()
    {
        var before = await SnapshotAsync(factory, Emergency());
        var client = await factory.SignInAsync(ShelterManager(), "sq");

        var response = await client.PutAsJsonAsync($"/api/v1/shelters/facilities/{Emergency()}/standards",
            new[] { new { code = "Health", level = "Met", reviewOn = "1999-12-31" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text("Shelters.ReviewDateRange", "sq"), await AdminTestSupport.ProblemErrorsAsync(response, "items[0]"));
        Assert.Equal(before, await SnapshotAsync(factory, Emergency()));
    }

    private Task<(int Available, int? Maximum)> CapacityAsync(Guid serviceId) => factory.WithDb(async db =>
        await db.ServiceCapacities.Where(c => c.ServiceId == serviceId && c.UnitId == ServiceTaxonomy.BedUnitId)
            .Select(c => new ValueTuple<int, int?>(c.Available, c.Maximum)).SingleAsync());
}
