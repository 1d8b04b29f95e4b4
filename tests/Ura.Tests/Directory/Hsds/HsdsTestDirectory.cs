using Microsoft.EntityFrameworkCore;
using Ura.Features.Directory;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Tests.Hsds;

/// <summary>
/// A small directory written straight into a test database: for an organisation, a counselling
/// service with everything HSDS can carry, a shelter at a confidential location with beds, and a
/// defunct service. Names carry a marker so tests can find their own rows among demo data.
/// </summary>
public sealed record HsdsTestDirectory(Guid OrganisationId, Guid Counselling, Guid Shelter, Guid Defunct, Guid Office, Guid ShelterHouse, Guid ShelterAtHouse)
{
    public const string ShelterStreet = "Rruga e Fshehtë 17";
    public const string ShelterPostcode = "1019";

    public static async Task<HsdsTestDirectory> AddAsync(UraDbContext db, Guid organisationId, string marker, DateTime modified)
    {
        var office = new Location
        {
            OrganisationId = organisationId, LocationType = LocationType.Physical, Name = $"{marker} office", Description = "Ground floor, blue door",
            Transportation = "Bus 12", ModifiedAt = modified,
            Addresses = [new Address { Address1 = "Rruga e Durrësit 45", City = "Tiranë", Region = "Tiranë", PostalCode = "1001", CountryCode = "AL", AddressType = LocationType.Physical }],
            Accessibility = [new Accessibility { Description = "Step-free entrance", Details = "Lift to all floors" }],
            Phones = [new Phone { OrganisationId = organisationId, Number = "+355 4 222 3333", Type = "voice" }],
            Schedules = [new Schedule { ByDay = "MO,TU,WE,TH,FR", OpensAt = new TimeOnly(8, 30), ClosesAt = new TimeOnly(16, 30) }],
        };
        var house = new Location
        {
            OrganisationId = organisationId, LocationType = LocationType.Physical, Name = $"{marker} shelter", Description = "Behind the school",
            Transportation = "Tram 3 to the end", IsConfidential = true, ModifiedAt = modified,
            Addresses = [new Address { Address1 = ShelterStreet, Address2 = "Kati 2", City = "Durrës", Region = "Durrës", PostalCode = ShelterPostcode, CountryCode = "AL", AddressType = LocationType.Physical }],
            Accessibility = [new Accessibility { Description = "Back entrance ramp" }],
            Schedules = [new Schedule { Description = "24 hours, every day" }],
        };
        db.Locations.AddRange(office, house);

        var legal = ServiceTaxonomy.Find("legal-counselling")!.Id;
        var shelterTerm = ServiceTaxonomy.Find("emergency-shelter")!.Id;
        var counselling = new Service
        {
            OrganisationId = organisationId, Name = $"{marker} legal counselling", AlternateName = "Këshillim ligjor",
            Description = "Advice on rights and residence for victims of trafficking", Url = "https://example.org/legal", Email = "legal@example.org",
            InterpretationServices = "Interpreters on request", ApplicationProcess = "Call the desk or refer through Ura",
            FeesDescription = "Free", EligibilityDescription = "Women and girls from 14", MinimumAge = 14, MaximumAge = 99,
            EligibleGenders = "Feminine,TransgenderFeminine", EligibleNationalities = "AL,XK", CreatedAt = modified, ModifiedAt = modified,
            Languages = [new ServiceLanguage { Code = "sq" }, new ServiceLanguage { Code = "en", Note = "Mornings" }, new ServiceLanguage { Code = "rom" }],
            Phones = [new Phone { OrganisationId = organisationId, Number = "+355 69 111 2222", Extension = "12", Type = "cell", Description = "Desk" }],
            Contacts =
            [
                new Contact { OrganisationId = organisationId, Name = "Legal desk", Title = "Lawyer", Department = "Legal", Email = "desk@example.org" },
            ],
            Schedules = [new Schedule { ByDay = "MO,WE", OpensAt = new TimeOnly(9, 0), ClosesAt = new TimeOnly(13, 0) }],
            ServiceAreas = [new ServiceArea { CountryCode = "AL" }, new ServiceArea { CountryCode = "XK", Name = "Prizren", Description = "By video" }],
            CostOptions = [new CostOption { Option = "Free of charge", Amount = 0, Currency = "ALL", AmountDescription = "Always free" }],
            RequiredDocuments = [new RequiredDocument { Document = "Any identity document, if the person has one" }],
            Terms = [new ServiceTerm { TaxonomyTermId = legal }],
            Locations = [new ServiceAtLocation { LocationId = office.Id, Description = "Main office" }],
        };
        var shelter = new Service
        {
            OrganisationId = organisationId, Name = $"{marker} emergency shelter", Description = "Safe accommodation for women and children",
            ApplicationProcess = "Referral only", CreatedAt = modified, ModifiedAt = modified.AddDays(2),
            Terms = [new ServiceTerm { TaxonomyTermId = shelterTerm }],
            Capacities = [new ServiceCapacity { UnitId = ServiceTaxonomy.BedUnitId, Available = 3, Maximum = 12, Description = "Beds", UpdatedAt = modified }],
            Locations = [new ServiceAtLocation { LocationId = house.Id }],
        };
        var defunct = new Service
        {
            OrganisationId = organisationId, Name = $"{marker} old helpline", Status = ServiceStatus.Defunct, AcceptsReferrals = false,
            CreatedAt = modified, ModifiedAt = modified.AddDays(-30),
        };
        db.Services.AddRange(counselling, shelter, defunct);
        await db.SaveChangesAsync();
        db.Phones.Add(new Phone { ContactId = counselling.Contacts[0].Id, Number = "+355 69 333 4444" });
        await db.SaveChangesAsync();
        return new HsdsTestDirectory(organisationId, counselling.Id, shelter.Id, defunct.Id, office.Id, house.Id, shelter.Locations[0].Id);
    }

    /// <summary>The Albanian shelter NGO (the demo case worker's organisation).</summary>
    public static Task<Guid> OrganisationOfAsync(UraDbContext db, string email) =>
        db.Users.Where(u => u.Email == email).Select(u => u.OrganisationId).FirstAsync();

    /// <summary>An inactive organisation with one service, which /hsds must never show.</summary>
    public static async Task<(Guid Organisation, Guid Service)> AddInactiveAsync(UraDbContext db, string marker, DateTime modified)
    {
        var organisation = new Organisation { Name = $"{marker} closed NGO", CountryCode = "AL", IsActive = false, CreatedAt = modified };
        var service = new Service { OrganisationId = organisation.Id, Name = $"{marker} closed service", CreatedAt = modified, ModifiedAt = modified };
        db.Organisations.Add(organisation);
        db.Services.Add(service);
        await db.SaveChangesAsync();
        return (organisation.Id, service.Id);
    }
}
