using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Directory;
using Ura.Platform.Data;

namespace Ura.Features.Shelters;

/// <summary>
/// Demo shelters: in every country the shelter NGO runs an emergency shelter at its confidential demo
/// location (the directory's "shelter" service) and transitional flats in the capital, with rooms,
/// beds, a standards checklist and a financial plan. DEMO ONLY; deterministic ids, so tests can find them.
/// </summary>
public sealed class DemoShelters(UraDbContext db)
{
    public static Guid FacilityId(string countryCode, string key) => ServiceTaxonomy.IdFor($"demo-facility:{countryCode}:{key}");

    /// <summary>The confidential street of the demo transitional flats, which nothing else uses, so a test can prove it never leaks.</summary>
    public static string FlatsStreet(string countryCode) => $"Demo flats {countryCode}, entrance B, 4th floor";

    private static readonly Dictionary<string, (string Currency, decimal Rate, string Emergency, string Flats)> Countries = new()
    {
        ["AL"] = ("ALL", 100m, "Strehëza e emergjencës", "Apartamentet tranzitore"),
        ["XK"] = ("EUR", 1m, "Strehimorja emergjente", "Banesat tranzitore"),
        ["MK"] = ("MKD", 61m, "Засолниште за итно сместување", "Транзитни станови"),
        ["ME"] = ("EUR", 1m, "Sklonište za hitan smještaj", "Tranzitni stanovi"),
        ["RS"] = ("RSD", 117m, "Sklonište za hitan smeštaj", "Tranzitni stanovi"),
        ["BA"] = ("BAM", 2m, "Sklonište za hitan smještaj", "Tranzitni stanovi"),
    };

    /// <summary>Adds the demo shelters once (none when any facility exists or the demo directory is missing); returns how many.</summary>
    public async Task<int> SeedAsync(DateTime now, CancellationToken ct)
    {
        if (await db.ShelterFacilities.AnyAsync(ct))
            return 0;
        var added = 0;
        foreach (var (code, country) in Countries)
        {
            var serviceId = DemoDirectory.ServiceId(code, "shelter");
            var locationId = DemoDirectory.LocationId(code, DemoData.OrgKind.Shelter, "shelter");
            var location = await db.Locations.Include(l => l.Addresses).SingleOrDefaultAsync(l => l.Id == locationId, ct);
            if (location is null || location.Addresses.FirstOrDefault() is not { } address)
                continue;
            var emergency = new ShelterFacility
            {
                Id = FacilityId(code, "emergency"), OrganisationId = location.OrganisationId, ServiceId = serviceId, LocationId = locationId,
                Name = country.Emergency, Type = HousingType.EmergencyShelter,
                Populations = $"{Population.Women},{Population.Children},{Population.MothersWithChildren}",
                Currency = country.Currency, CountryCode = code, City = address.City, Region = address.Region,
                CreatedAt = now, ModifiedAt = now, CapacityUpdatedAt = now,
            };
            AddRooms(emergency, 8 + code.Sum(c => c) % 8, now);
            AddStandards(emergency, now, code.Sum(c => c));

            var flatsLocation = new Location
            {
                Id = ServiceTaxonomy.IdFor($"demo-location:{code}:flats"), OrganisationId = location.OrganisationId,
                LocationType = LocationType.Physical, Name = country.Flats, IsConfidential = true, ModifiedAt = now,
            };
            flatsLocation.Addresses.Add(new Address
            {
                LocationId = flatsLocation.Id, Address1 = FlatsStreet(code), City = address.City, Region = address.Region,
                CountryCode = code, AddressType = LocationType.Physical,
            });
            db.Locations.Add(flatsLocation);
            db.ServiceAtLocations.Add(new ServiceAtLocation { ServiceId = serviceId, LocationId = flatsLocation.Id });
            var flats = new ShelterFacility
            {
                Id = FacilityId(code, "flats"), OrganisationId = location.OrganisationId, ServiceId = serviceId, LocationId = flatsLocation.Id,
                Name = country.Flats, Type = HousingType.TransitionalHousing, WheelchairAccessible = true,
                Populations = $"{Population.Women},{Population.MothersWithChildren},{Population.Families},{Population.PeopleWithDisabilities}",
                Currency = country.Currency, CountryCode = code, City = address.City, Region = address.Region,
                CreatedAt = now, ModifiedAt = now, CapacityUpdatedAt = now,
            };
            AddRooms(flats, 6, now, accessible: true);
            AddStandards(flats, now, code.Sum(c => c) + 5);
            db.ShelterFacilities.AddRange(emergency, flats);
            added += 2;
        }
        await db.SaveChangesAsync(ct);
        foreach (var code in Countries.Keys)
            if (await db.ShelterFacilities.AnyAsync(f => f.ServiceId == DemoDirectory.ServiceId(code, "shelter"), ct))
                await ShelterCapacity.RefreshAsync(db, DemoDirectory.ServiceId(code, "shelter"), now, ct);
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Rooms of three beds (two adult beds and a child's bed; every third room a cot instead).</summary>
    private static void AddRooms(ShelterFacility facility, int beds, DateTime now, bool accessible = false)
    {
        for (var i = 0; i < beds; i++)
        {
            var room = i / 3 + 1;
            var type = (i % 3, room % 3) switch
            {
                (0, _) when accessible && room == 1 => BedType.Accessible,
                (2, 0) => BedType.Cot,
                (2, _) => BedType.Child,
                _ => BedType.Adult,
            };
            facility.Beds.Add(new Bed
            {
                FacilityId = facility.Id, OrganisationId = facility.OrganisationId, Room = room.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Label = ((char)('A' + i % 3)).ToString(), Type = type, StatusChangedAt = now,
            });
        }
    }

    private static void AddStandards(ShelterFacility facility, DateTime now, int seed)
    {
        for (var i = 0; i < MinimumStandards.Codes.Count; i++)
        {
            var level = ((seed + i * 7) % 10) switch { < 7 => StandardLevel.Met, < 9 => StandardLevel.Partly, _ => StandardLevel.NotMet };
            facility.Standards.Add(new FacilityStandard
            {
                FacilityId = facility.Id, OrganisationId = facility.OrganisationId, Code = MinimumStandards.Codes[i], Level = level,
                ReviewOn = DateOnly.FromDateTime(now).AddMonths(level == StandardLevel.Met ? 12 : 3), UpdatedAt = now,
            });
        }
    }
}
