using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Directory;
using Ura.Features.Shelters;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Shelters.Facilities;

/// <summary>Demo facilities, their people and readable snapshots of their rows, for the facility tests.</summary>
internal static class FacilityTestSupport
{
    public static string ShelterManager(string country = "al") => Demo.Email("sheltermanager", country);

    public static Guid Emergency(string country = "AL") => DemoShelters.FacilityId(country, "emergency");

    public static Guid Flats(string country = "AL") => DemoShelters.FacilityId(country, "flats");

    public static Guid ShelterService(string country = "AL") => DemoDirectory.ServiceId(country, "shelter");

    /// <summary>A facility as the API takes it, valid unless changed.</summary>
    public static Dictionary<string, object?> Body(Guid serviceId, string name = "Banesa e mbështetur Elbasan") => new()
    {
        ["name"] = name,
        ["type"] = "SupportedIndependentLiving",
        ["populations"] = new[] { "Women", "MothersWithChildren" },
        ["wheelchairAccessible"] = true,
        ["rules"] = "Hyrja mbyllet në orën 22.",
        ["currency"] = "ALL",
        ["serviceId"] = serviceId,
        ["street"] = "Rruga e Testit 17, shkalla 2",
        ["postalCode"] = "3001",
        ["city"] = "Elbasan",
        ["region"] = "Elbasan",
        ["countryCode"] = "AL",
        ["isActive"] = true,
    };

    public static async Task<FacilityView> CreateAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/shelters/facilities", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FacilityView>())!;
    }

    /// <summary>Everything a change to the facility could touch, as one comparable string.</summary>
    public static Task<string> SnapshotAsync(UraFactory factory, Guid facilityId) => factory.WithDb(async db =>
    {
        var f = await db.ShelterFacilities.AsNoTracking().SingleAsync(x => x.Id == facilityId);
        var address = await db.Addresses.AsNoTracking().Where(a => a.LocationId == f.LocationId).Select(a => a.Address1 + "|" + a.City).SingleAsync();
        var beds = await db.ShelterBeds.AsNoTracking().Where(b => b.FacilityId == facilityId).OrderBy(b => b.Id)
            .Select(b => b.Room + "/" + b.Label + "/" + b.Type + "/" + b.Status).ToListAsync();
        var standards = await db.ShelterStandards.AsNoTracking().Where(s => s.FacilityId == facilityId).OrderBy(s => s.Code)
            .Select(s => s.Code + "/" + s.Level + "/" + s.Evidence + "/" + s.ReviewOn).ToListAsync();
        return string.Join("\n", [f.Name, f.Type.ToString(), f.Populations, f.City, f.ServiceId.ToString(), f.IsActive.ToString(), address, .. beds, .. standards]);
    });

    public static Task<(int Facilities, int Locations, int Beds)> CountsAsync(UraFactory factory) => factory.WithDb(async db =>
        (await db.ShelterFacilities.CountAsync(), await db.Locations.CountAsync(), await db.ShelterBeds.CountAsync()));

    /// <summary>The confidential street of a facility, read as the operating organisation stores it.</summary>
    public static Task<string> StreetAsync(UraFactory factory, Guid facilityId) => factory.WithDb(async db =>
    {
        var locationId = await db.ShelterFacilities.Where(f => f.Id == facilityId).Select(f => f.LocationId).SingleAsync();
        return (await db.Addresses.AsNoTracking().SingleAsync(a => a.LocationId == locationId)).Address1;
    });

    public static Task<Guid> FirstBedAsync(UraFactory factory, Guid facilityId, BedStatus status = BedStatus.Available) => factory.WithDb(db =>
        db.ShelterBeds.Where(b => b.FacilityId == facilityId && b.Status == status).OrderBy(b => b.Room).ThenBy(b => b.Label).Select(b => b.Id).FirstAsync());
}
