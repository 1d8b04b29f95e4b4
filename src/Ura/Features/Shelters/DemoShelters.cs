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
            AddFinances(emergency, code, country.Rate, now);
            AddFinances(flats, code, country.Rate / 2, now);
            added += 2;
        }
        await db.SaveChangesAsync(ct);
        foreach (var code in Countries.Keys)
            if (await db.ShelterFacilities.AnyAsync(f => f.ServiceId == DemoDirectory.ServiceId(code, "shelter"), ct))
                await ShelterCapacity.RefreshAsync(db, DemoDirectory.ServiceId(code, "shelter"), now, ct);
        await db.SaveChangesAsync(ct);
        return added;
    }

    private static readonly Dictionary<string, string> Ministries = new()
    {
        ["AL"] = "Ministria e Shëndetësisë dhe Mbrojtjes Sociale",
        ["XK"] = "Ministria e Financave, Punës dhe Transfereve",
        ["MK"] = "Министерство за социјална политика, демографија и млади",
        ["ME"] = "Ministarstvo socijalnog staranja, brige o porodici i demografije",
        ["RS"] = "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja",
        ["BA"] = "Ministarstvo sigurnosti Bosne i Hercegovine",
    };

    /// <summary>A month's cost per line, in euros, for a shelter of about a dozen beds.</summary>
    private static readonly Dictionary<CostCategory, decimal> MonthlyEuros = new()
    {
        [CostCategory.Staff] = 7200m, [CostCategory.Rent] = 1100m, [CostCategory.Food] = 1800m,
        [CostCategory.Utilities] = 550m, [CostCategory.Services] = 900m, [CostCategory.Other] = 300m,
    };

    /// <summary>
    /// Last year's and this year's plan: budget lines, actual costs for every month up to last month
    /// (a little above or below the budget, more in winter for utilities), and funding that leaves a gap.
    /// </summary>
    private void AddFinances(ShelterFacility facility, string code, decimal rate, DateTime now)
    {
        var size = facility.Beds.Count / 12m;
        var thisYear = now.Year;
        foreach (var year in new[] { thisYear - 1, thisYear })
        {
            var budget = 0m;
            foreach (var (category, euros) in MonthlyEuros)
            {
                var amount = Math.Round(euros * 12 * size * rate * 1.02m, 0);
                budget += amount;
                db.ShelterBudgetLines.Add(new BudgetLine
                {
                    FacilityId = facility.Id, OrganisationId = facility.OrganisationId, Year = year, Category = category, Amount = amount, UpdatedAt = now,
                });
            }
            var lastMonth = year < thisYear ? 12 : now.Month - 1;
            for (var month = 1; month <= lastMonth; month++)
            {
                foreach (var (category, euros) in MonthlyEuros)
                {
                    var winter = category == CostCategory.Utilities && month is 1 or 2 or 12 ? 1.4m : 1m;
                    var wobble = 0.92m + (code.Sum(c => c) + month * 7 + (int)category * 3) % 15 / 100m;
                    db.ShelterMonthlyCosts.Add(new MonthlyCost
                    {
                        FacilityId = facility.Id, OrganisationId = facility.OrganisationId, Year = year, Month = month, Category = category,
                        Amount = Math.Round(euros * size * rate * winter * wobble, 0), UpdatedAt = now,
                    });
                }
            }
            void Fund(FundingKind kind, string name, decimal share, bool committed) => db.ShelterFundingSources.Add(new FundingSource
            {
                FacilityId = facility.Id, OrganisationId = facility.OrganisationId, Year = year, Kind = kind, Name = name,
                Committed = committed ? Math.Round(budget * share, 0) : 0m, Expected = Math.Round(budget * share, 0), UpdatedAt = now,
            });
            Fund(FundingKind.Government, Ministries[code], 0.40m, committed: true);
            Fund(FundingKind.Donor, "U.S. Department of State, J/TIP", 0.25m, committed: true);
            Fund(FundingKind.Donor, "Sida", 0.12m, committed: year < thisYear);
            Fund(FundingKind.PrivateSector, "Business Association", 0.05m, committed: false);
            Fund(FundingKind.OwnIncome, "Social enterprise", 0.03m, committed: true);
        }
    }

    private static readonly string[] Needs =
    [
        "Medical check-up; needs a quiet room.", "Mother with a small child; needs a cot.", "Psychological support twice a week.",
        "Needs an interpreter for appointments.", "Court hearing next month; needs an escort.",
    ];

    /// <summary>
    /// Residents from the shelter NGO's own demo cases (women and children): about half the beds are
    /// occupied now, and each bed has had earlier stays over the past fourteen months, discharged to
    /// each kind of destination. Added once, when there are demo cases and no stays yet.
    /// </summary>
    public async Task<int> SeedResidentsAsync(DateTime now, CancellationToken ct)
    {
        if (await db.ShelterStays.AnyAsync(ct))
            return 0;
        var today = DateOnly.FromDateTime(now);
        var facilities = await db.ShelterFacilities.Include(f => f.Beds).OrderBy(f => f.CountryCode).ThenBy(f => f.Id).ToListAsync(ct);
        var added = 0;
        foreach (var organisation in facilities.GroupBy(f => f.OrganisationId))
        {
            var manager = await db.Users.Where(u => u.OrganisationId == organisation.Key && u.Email!.StartsWith("sheltermanager.")).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            var people = await db.Cases.Include(c => c.Person)
                .Where(c => c.OrganisationId == organisation.Key && c.Person != null)
                .OrderBy(c => c.Reference).ToListAsync(ct);
            var eligible = people.Where(c => c.Person!.Gender != Cases.Gender.Masculine || ShelterEligibility.IsChild(c.Person.AgeBand)).ToList();
            // People living there now have open cases; those who left may have closed ones.
            var open = new Queue<Cases.Case>(eligible.Where(c => c.Status == Cases.CaseStatus.Active));
            var any = new Queue<Cases.Case>(eligible.Where(c => c.Status != Cases.CaseStatus.Active));
            if (manager is not { } managerId)
                continue;
            var beds = organisation.SelectMany(f => f.Beds.OrderBy(b => b.Room).ThenBy(b => b.Label).Select((b, i) => (Facility: f, Bed: b, Index: i))).ToList();
            // Walk back in time from today, bed by bed: first who lives there now, then earlier stays with gaps between them.
            // A bed nobody lives in now was left a few days ago.
            var ends = beds.ToDictionary(x => x.Bed.Id, x => x.Index % 2 == 0 ? today : today.AddDays(-(2 + x.Index % 10)));
            for (var k = 0; k < 3; k++)
            {
                foreach (var (facility, bed, i) in beds)
                {
                    var current = k == 0 && i % 2 == 0;
                    if (k == 0 && !current)
                        continue;
                    var queue = current ? open : any.Count > 0 ? any : open;
                    var length = 12 + (i * 11 + k * 17) % 70;
                    var admitted = ends[bed.Id].AddDays(-length);
                    if (queue.Count == 0 || admitted < today.AddMonths(-14))
                        continue;
                    var @case = queue.Dequeue();
                    var stay = new Stay
                    {
                        FacilityId = facility.Id, OrganisationId = facility.OrganisationId, BedId = bed.Id, CaseId = @case.Id,
                        Reference = @case.Reference, FirstName = @case.Person!.GivenNames.Split(' ')[0], AgeBand = @case.Person.AgeBand,
                        Gender = @case.Person.Gender, Needs = Needs[(i + k) % Needs.Length], AdmittedOn = admitted,
                        AdmittedById = managerId, CreatedAt = now,
                    };
                    if (current)
                        bed.Occupy(null, now);
                    else
                    {
                        stay.DischargedOn = ends[bed.Id];
                        stay.Destination = (DischargeDestination)((i + k) % 5);
                        stay.DischargedById = managerId;
                    }
                    db.ShelterStays.Add(stay);
                    added++;
                    ends[bed.Id] = admitted.AddDays(-(3 + (i + k) % 9));
                }
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var serviceId in facilities.Select(f => f.ServiceId).Distinct())
            await ShelterCapacity.RefreshAsync(db, serviceId, now, ct);
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
