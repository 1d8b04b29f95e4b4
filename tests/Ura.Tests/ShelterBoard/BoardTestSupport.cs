using Microsoft.EntityFrameworkCore;
using Ura.Features.Directory;
using Ura.Features.Shelters;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.ShelterBoard;

/// <summary>Facilities made for one test, each in a city of its own so that a test sees only its own.</summary>
internal static class BoardTestSupport
{
    public static string NewCity() => "Testqytet " + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Adds a facility of <paramref name="staffEmail"/>'s organisation with the given beds; returns its id.</summary>
    public static Task<Guid> AddFacilityAsync(UraFactory factory, string staffEmail, string country, string city, HousingType type, string populations,
        bool accessible, params (BedType Type, BedStatus Status)[] beds) => factory.WithDb(async db =>
    {
        var organisation = await db.Users.Where(u => u.Email == staffEmail).Select(u => u.OrganisationId).SingleAsync();
        var service = await db.Services.Where(s => s.OrganisationId == organisation).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var location = await db.Locations.Where(l => l.OrganisationId == organisation).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        var now = DateTime.UtcNow;
        var facility = new ShelterFacility
        {
            OrganisationId = organisation, ServiceId = service, LocationId = location, Name = "Shtëpia " + city, Type = type,
            Populations = populations, WheelchairAccessible = accessible, CountryCode = country, City = city, Region = "Rajoni " + city,
            CreatedAt = now, ModifiedAt = now, CapacityUpdatedAt = now,
        };
        var i = 0;
        foreach (var (bedType, status) in beds)
            facility.Beds.Add(new Bed
            {
                FacilityId = facility.Id, OrganisationId = organisation, Room = "1", Label = (++i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Type = bedType, Status = status, StatusChangedAt = now,
            });
        db.ShelterFacilities.Add(facility);
        await db.SaveChangesAsync();
        return facility.Id;
    });

    /// <summary>The confidential street addresses of every demo shelter facility: none may appear outside its organisation.</summary>
    public static Task<List<string>> ShelterStreetsAsync(UraFactory factory) => factory.WithDb(async db =>
    {
        var locations = await db.ShelterFacilities.Select(f => f.LocationId).ToListAsync();
        var streets = await db.Addresses.Where(a => locations.Contains(a.LocationId)).Select(a => a.Address1).ToListAsync();
        return streets.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList();
    });

    public static (BedType, BedStatus) Free(BedType type) => (type, BedStatus.Available);

    public static (BedType, BedStatus) Taken(BedType type) => (type, BedStatus.Occupied);

    public static string Board(string query) => "/shelters/board?" + query;

    public static string Api(string query) => "/api/v1/shelters/board?" + query;

    public static readonly Guid AlShelterService = DemoDirectory.ServiceId("AL", "shelter");

    public static readonly Guid AlEmergency = DemoShelters.FacilityId("AL", "emergency");

    public static string ShelterManager(string country = "al") => Demo.Email("sheltermanager", country);

    /// <summary>A demo user's organisation.</summary>
    public static Task<Guid> OrganisationOfAsync(UraFactory factory, string email) =>
        factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.OrganisationId).SingleAsync());
}
