using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Directory;
using Ura.Features.Referrals;
using Ura.Features.Shelters;
using Ura.Platform.Data;
using Ura.Tests.Infrastructure;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Referrals.ReferralTestSupport;

namespace Ura.Tests.ShelterResidents;

/// <summary>
/// The demo shelter NGO of Albania runs the facilities; its shelter manager admits. Referrals come from
/// the social services (another organisation) to the NGO's shelter service. Each test makes its own
/// facility (<see cref="AddFacilityAsync"/>) so the beds it counts are its own.
/// </summary>
internal static class ResidentTestSupport
{
    public static readonly string ShelterManager = Demo.Email("sheltermanager");
    public static readonly string OtherShelterManager = Demo.Email("sheltermanager", "xk");
    public static readonly Guid ShelterServiceId = DemoDirectory.ServiceId("AL", "shelter");

    /// <summary>A facility of the Albanian shelter NGO giving its shelter service, with free beds of the given types.</summary>
    public static async Task<Guid> AddFacilityAsync(this UraFactory factory, string populations = "Women,Children,MothersWithChildren",
        params BedType[] beds)
    {
        if (beds.Length == 0)
            beds = [BedType.Adult, BedType.Adult, BedType.Child];
        var organisationId = await factory.OrganisationOfAsync(ShelterManager);
        var now = DateTime.UtcNow;
        var facility = new ShelterFacility
        {
            OrganisationId = organisationId, ServiceId = ShelterServiceId,
            LocationId = DemoDirectory.LocationId("AL", DemoData.OrgKind.Shelter, "shelter"),
            Name = "Shtëpia " + Guid.NewGuid().ToString("N")[..6], Type = HousingType.EmergencyShelter, Populations = populations,
            CountryCode = "AL", City = "Tiranë", CreatedAt = now, ModifiedAt = now, CapacityUpdatedAt = now,
        };
        for (var i = 0; i < beds.Length; i++)
            facility.Beds.Add(new Bed
            {
                FacilityId = facility.Id, OrganisationId = organisationId, Room = (i / 2 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Label = ((char)('A' + i)).ToString(), Type = beds[i], StatusChangedAt = now,
            });
        await factory.WithDb(async db =>
        {
            db.ShelterFacilities.Add(facility);
            await ShelterCapacity.RefreshAsync(db, ShelterServiceId, now, CancellationToken.None);
            await db.SaveChangesAsync();
        });
        return facility.Id;
    }

    public static Task<List<Bed>> BedsAsync(this UraFactory factory, Guid facilityId) =>
        factory.WithDb(db => db.ShelterBeds.AsNoTracking().Where(b => b.FacilityId == facilityId).OrderBy(b => b.Label).ToListAsync());

    public static Task<Bed> BedAsync(this UraFactory factory, Guid bedId) =>
        factory.WithDb(db => db.ShelterBeds.AsNoTracking().SingleAsync(b => b.Id == bedId));

    public static async Task<Guid> FreeBedAsync(this UraFactory factory, Guid facilityId, BedType type = BedType.Adult) =>
        (await factory.BedsAsync(facilityId)).First(b => b.Status == BedStatus.Available && b.Type == type).Id;

    public static Task<List<Stay>> StaysAsync(this UraFactory factory, Guid facilityId) =>
        factory.WithDb(db => db.ShelterStays.AsNoTracking().Where(s => s.FacilityId == facilityId).ToListAsync());

    /// <summary>Everything an admission, move or discharge writes: stays, moves, timeline entries, bed states, the published capacity.</summary>
    public static Task<(int Stays, int Moves, int Timeline, string Beds, int? Available)> ShelterStateAsync(this UraFactory factory, Guid facilityId) =>
        factory.WithDb(async db => (
            await db.ShelterStays.CountAsync(), await db.ShelterBedMoves.CountAsync(), await db.CaseEvents.CountAsync(),
            string.Join(",", (await db.ShelterBeds.AsNoTracking().Where(b => b.FacilityId == facilityId).OrderBy(b => b.Label).ToListAsync())
                .Select(b => $"{b.Label}:{b.Status}:{b.Version}")),
            (await db.ServiceCapacities.AsNoTracking().SingleOrDefaultAsync(c => c.ServiceId == ShelterServiceId && c.UnitId == ServiceTaxonomy.BedUnitId))?.Available));

    /// <summary>The published number of available beds of the shelter service, and what the beds say it should be.</summary>
    public static Task<(int? Published, int Counted)> CapacityAsync(this UraFactory factory) =>
        factory.WithDb(async db => (
            (await db.ServiceCapacities.AsNoTracking().SingleOrDefaultAsync(c => c.ServiceId == ShelterServiceId && c.UnitId == ServiceTaxonomy.BedUnitId))?.Available,
            await db.ShelterBeds.CountAsync(b => b.Status == BedStatus.Available
                && db.ShelterFacilities.Any(f => f.Id == b.FacilityId && f.ServiceId == ShelterServiceId && f.IsActive))));

    /// <summary>A case of the social services (another organisation) with consent to refer to the shelter NGO.</summary>
    public static async Task<(HttpClient Sender, CaseView Case)> ReferringCaseAsync(this UraFactory factory, Dictionary<string, object?>? person = null)
    {
        var sender = await factory.SignInAsync(Demo.SocialWorker, "en");
        var opened = await Cases.CaseTestSupport.OpenAsync(sender, person ?? Cases.CaseTestSupport.Adult("Mirela", "Doda"));
        var consent = ConsentFor(await factory.OrganisationOfAsync(ShelterManager));
        if (opened.Person.IsChild)
        {
            consent["givenBy"] = "Guardian";
            consent["giverName"] = "Besa Hoxha";
        }
        await RecordConsentAsync(sender, opened.Id, consent);
        return (sender, opened);
    }

    public static Dictionary<string, object?> ShelterReferral(Guid? facilityId, bool holdBed = true, bool send = true)
    {
        var body = ReferralBody(ShelterServiceId, send);
        body["holdBed"] = holdBed;
        body["facilityId"] = facilityId;
        return body;
    }

    /// <summary>A referral sent from the social services to the shelter service, holding a bed in <paramref name="facilityId"/>.</summary>
    public static async Task<(HttpClient Sender, CaseView Case, ReferralView Referral)> ReferToShelterAsync(this UraFactory factory, Guid facilityId,
        Dictionary<string, object?>? person = null)
    {
        var (sender, opened) = await factory.ReferringCaseAsync(person);
        var referral = await CreateAsync(sender, opened.Id, ShelterReferral(facilityId));
        return (sender, opened, referral);
    }

    /// <summary>The shelter NGO's case worker acknowledges and accepts the referral.</summary>
    public static async Task AcceptAsync(this UraFactory factory, Guid referralId)
    {
        var receiver = await factory.SignInAsync(Demo.CaseWorker, "en");
        await StepAsync(receiver, referralId, "acknowledge");
        await StepAsync(receiver, referralId, "accept");
    }

    /// <summary>A case of the shelter NGO itself, opened by its case worker.</summary>
    public static async Task<CaseView> OwnCaseAsync(this UraFactory factory, Dictionary<string, object?>? person = null)
    {
        var worker = await factory.SignInAsync(Demo.CaseWorker, "en");
        return await Cases.CaseTestSupport.OpenAsync(worker, person ?? Cases.CaseTestSupport.Adult("Elira", "Basha"));
    }

    public static Task<HttpResponseMessage> AdmitAsync(HttpClient client, Guid facilityId, object body) =>
        client.PostAsJsonAsync($"/api/v1/shelters/facilities/{facilityId}/admissions", body);

    public static async Task<ResidentView> AdmittedAsync(HttpClient client, Guid facilityId, object body)
    {
        var response = await AdmitAsync(client, facilityId, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ResidentView>(WebJson))!;
    }

    public static Task<int> TimelineCountAsync(this UraFactory factory, Guid caseId, string action) =>
        factory.WithDb(db => db.CaseEvents.CountAsync(e => e.CaseId == caseId && e.Action == action));

}
