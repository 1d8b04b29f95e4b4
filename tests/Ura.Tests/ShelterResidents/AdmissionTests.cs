using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Shelters;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.ShelterResidents.ResidentTestSupport;

namespace Ura.Tests.ShelterResidents;

/// <summary>Admissions, moves and discharges by the shelter manager, through the API and the pages.</summary>
public sealed class AdmissionTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Admit_AcceptedReferralWithHeldBed_UsesHeldBedCopiesSharedMinimumRecordsOnCase()
    {
        var facilityId = await factory.AddFacilityAsync();
        var (_, referringCase, referral) = await factory.ReferToShelterAsync(facilityId);
        await factory.AcceptAsync(referral.Id);
        var held = (await factory.BedsAsync(facilityId)).Single(b => b.Status == BedStatus.Held);
        var manager = await factory.SignInAsync(ShelterManager, "en");

        var resident = await AdmittedAsync(manager, facilityId, new { referralId = referral.Id });

        Assert.Equal(held.Id, resident.BedId);
        Assert.Equal(referringCase.Reference, resident.Reference);
        Assert.Equal("Mirela", resident.FirstName);
        Assert.Equal("From25To34", resident.AgeBand);
        Assert.Equal("Feminine", resident.Gender);
        Assert.True(resident.FromReferral);
        Assert.Equal(BedStatus.Occupied, (await factory.BedAsync(held.Id)).Status);
        Assert.Equal(1, await factory.TimelineCountAsync(referringCase.Id, "shelter.admit"));
        var capacity = await factory.CapacityAsync();
        Assert.Equal(capacity.Counted, capacity.Published);
    }

    [Fact]
    public async Task Admit_OwnCaseByReference_CopiesMinimumFromPersonRecordsOnCase()
    {
        var facilityId = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync();
        var bedId = await factory.FreeBedAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "en");

        var resident = await AdmittedAsync(manager, facilityId, new { caseReference = own.Reference.ToLowerInvariant(), bedId });

        Assert.Equal(own.Reference, resident.Reference);
        Assert.Equal("Elira", resident.FirstName);
        Assert.False(resident.FromReferral);
        Assert.Equal(Today, resident.AdmittedOn);
        var stay = (await factory.StaysAsync(facilityId)).Single();
        Assert.Equal(own.Id, stay.CaseId);
        Assert.Equal(BedStatus.Occupied, (await factory.BedAsync(bedId)).Status);
        Assert.Equal(1, await factory.TimelineCountAsync(own.Id, "shelter.admit"));
    }

    [Fact]
    public async Task Admit_BedAlreadyOccupied_RefusedLocalisedNothingChanged()
    {
        var facilityId = await factory.AddFacilityAsync();
        var first = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Arta", "Leka"));
        var second = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Besa", "Marku"));
        var bedId = await factory.FreeBedAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "sq");
        await AdmittedAsync(manager, facilityId, new { caseReference = first.Reference, bedId });
        var before = await factory.ShelterStateAsync(facilityId);

        var response = await AdmitAsync(manager, facilityId, new { caseReference = second.Reference, bedId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Shelters.BedOccupied", "sq")], await ProblemErrorsAsync(response, "bedId"));
        Assert.Equal(before, await factory.ShelterStateAsync(facilityId));
    }

    [Fact]
    public async Task Admit_TwoAtOnceToOneBed_OneAdmittedOtherRefused()
    {
        var facilityId = await factory.AddFacilityAsync();
        var first = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Dea", "Gjoni"));
        var second = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Ema", "Prifti"));
        var bedId = await factory.FreeBedAsync(facilityId);
        var one = await factory.SignInAsync(ShelterManager, "en");
        var two = await factory.SignInAsync(ShelterManager, "en");

        var responses = await Task.WhenAll(
            AdmitAsync(one, facilityId, new { caseReference = first.Reference, bedId }),
            AdmitAsync(two, facilityId, new { caseReference = second.Reference, bedId }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.BadRequest);
        Assert.Single(await factory.StaysAsync(facilityId), s => s.BedId == bedId);
    }

    [Fact]
    public async Task Admit_FacilityDoesNotServeThePerson_RefusedLocalisedNothingChanged()
    {
        var facilityId = await factory.AddFacilityAsync("Women,Children");
        var man = Cases.CaseTestSupport.Adult("Arben", "Hoxha");
        man["gender"] = "Masculine";
        var own = await factory.OwnCaseAsync(man);
        var bedId = await factory.FreeBedAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "mk");
        var before = await factory.ShelterStateAsync(facilityId);

        var response = await AdmitAsync(manager, facilityId, new { caseReference = own.Reference, bedId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Shelters.NotServed", "mk")], await ProblemErrorsAsync(response, ""));
        Assert.Equal(before, await factory.ShelterStateAsync(facilityId));
    }

    [Fact]
    public async Task Admit_PersonAlreadyResident_Refused()
    {
        var facilityId = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Flora", "Kelmendi"));
        var beds = await factory.BedsAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "en");
        await AdmittedAsync(manager, facilityId, new { caseReference = own.Reference, bedId = beds[0].Id });
        var before = await factory.ShelterStateAsync(facilityId);

        var response = await AdmitAsync(manager, facilityId, new { caseReference = own.Reference, bedId = beds[1].Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Shelters.AlreadyResident")], await ProblemErrorsAsync(response, ""));
        Assert.Equal(before, await factory.ShelterStateAsync(facilityId));
    }

    public static TheoryData<string, string, string> BadAdmissions => new()
    {
        { "neither", "", "Shelters.ReferralOrCase" },
        { "both", "", "Shelters.ReferralOrCase" },
        { "unknownCase", "caseReference", "Shelters.UnknownCase" },
        { "unknownReferral", "referralId", "Shelters.UnknownReferral" },
        { "future", "admittedOn", "Shelters.DateInFuture" },
        { "noBed", "bedId", "Shelters.BedRequired" },
        { "otherFacilityBed", "bedId", "Shelters.UnknownBed" },
        { "outOfServiceBed", "bedId", "Shelters.BedNotAvailable" },
        { "closedCase", "caseReference", "Shelters.CaseClosed" },
        { "longAgo", "admittedOn", "Shelters.AdmissionTooLongAgo" },
    };

    [Theory]
    [MemberData(nameof(BadAdmissions))]
    public async Task Admit_BadInput_LocalisedErrorNothingChanged(string kind, string field, string key)
    {
        var facilityId = await factory.AddFacilityAsync();
        var otherFacility = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Gresa", "Lala"));
        var bedId = await factory.FreeBedAsync(facilityId);
        if (kind == "outOfServiceBed")
            await factory.WithDb(db => db.ShelterBeds.Where(b => b.Id == bedId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BedStatus.OutOfService)));
        if (kind == "closedCase")
            await factory.CloseAsync(own.Id);
        object body = kind switch
        {
            "neither" => new { bedId },
            "both" => new { caseReference = own.Reference, referralId = Guid.NewGuid(), bedId },
            "unknownCase" => new { caseReference = "AL-1999-999999", bedId },
            "unknownReferral" => new { referralId = Guid.NewGuid(), bedId },
            "future" => new { caseReference = own.Reference, bedId, admittedOn = Iso(Today.AddDays(2)) },
            "longAgo" => new { caseReference = own.Reference, bedId, admittedOn = Iso(Today.AddDays(-40)) },
            "noBed" => new { caseReference = own.Reference },
            "otherFacilityBed" => new { caseReference = own.Reference, bedId = await factory.FreeBedAsync(otherFacility) },
            _ => new { caseReference = own.Reference, bedId },
        };
        var manager = await factory.SignInAsync(ShelterManager, "sr-Latn");
        var before = await factory.ShelterStateAsync(facilityId);

        var response = await AdmitAsync(manager, facilityId, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(key, "sr-Latn")], await ProblemErrorsAsync(response, field));
        Assert.Equal(before, await factory.ShelterStateAsync(facilityId));
    }

    [Fact]
    public async Task Move_ToFreeBed_MovesVacatesOldBedRecordsMove()
    {
        var facilityId = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Hana", "Meta"));
        var beds = await factory.BedsAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "en");
        var resident = await AdmittedAsync(manager, facilityId, new { caseReference = own.Reference, bedId = beds[0].Id });

        var response = await manager.PostAsJsonAsync($"/api/v1/shelters/facilities/{facilityId}/residents/{resident.Id}/move",
            new { bedId = beds[1].Id, version = resident.Version });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BedStatus.Available, (await factory.BedAsync(beds[0].Id)).Status);
        Assert.Equal(BedStatus.Occupied, (await factory.BedAsync(beds[1].Id)).Status);
        Assert.Equal(beds[1].Id, (await factory.StaysAsync(facilityId)).Single().BedId);
        Assert.Equal(1, await factory.WithDb(db => db.ShelterBedMoves.CountAsync(m => m.StayId == resident.Id && m.FromBedId == beds[0].Id)));
        Assert.Equal(1, await factory.TimelineCountAsync(own.Id, "shelter.move"));
    }

    [Fact]
    public async Task Move_ToOccupiedBed_RefusedNothingChanged()
    {
        var facilityId = await factory.AddFacilityAsync();
        var first = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Ina", "Ruci"));
        var second = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Jeta", "Shala"));
        var beds = await factory.BedsAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "sq");
        var resident = await AdmittedAsync(manager, facilityId, new { caseReference = first.Reference, bedId = beds[0].Id });
        await AdmittedAsync(manager, facilityId, new { caseReference = second.Reference, bedId = beds[1].Id });
        var before = await factory.ShelterStateAsync(facilityId);

        var response = await manager.PostAsJsonAsync($"/api/v1/shelters/facilities/{facilityId}/residents/{resident.Id}/move", new { bedId = beds[1].Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Shelters.BedOccupied", "sq")], await ProblemErrorsAsync(response, "bedId"));
        Assert.Equal(before, await factory.ShelterStateAsync(facilityId));
    }

    public static TheoryData<string, string, string> BadMoves => new()
    {
        { "sameBed", "bedId", "Shelters.SameBed" },
        { "noBed", "bedId", "Shelters.BedRequired" },
        { "otherFacilityBed", "bedId", "Shelters.UnknownBed" },
        { "beforeAdmission", "movedOn", "Shelters.BeforeAdmission" },
        { "future", "movedOn", "Shelters.DateInFuture" },
    };

    [Theory]
    [MemberData(nameof(BadMoves))]
    public async Task Move_BadInput_LocalisedErrorNothingChanged(string kind, string field, string key)
    {
        var facilityId = await factory.AddFacilityAsync();
        var otherFacility = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Vjosa", "Ahmeti"));
        var beds = await factory.BedsAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "sq");
        var resident = await AdmittedAsync(manager, facilityId, new { caseReference = own.Reference, bedId = beds[0].Id, admittedOn = Iso(Today.AddDays(-1)) });
        object body = kind switch
        {
            "sameBed" => new { bedId = beds[0].Id },
            "noBed" => new { movedOn = Iso(Today) },
            "otherFacilityBed" => new { bedId = await factory.FreeBedAsync(otherFacility) },
            "beforeAdmission" => new { bedId = beds[1].Id, movedOn = Iso(Today.AddDays(-2)) },
            _ => new { bedId = beds[1].Id, movedOn = Iso(Today.AddDays(1)) },
        };
        var before = await factory.ShelterStateAsync(facilityId);

        var response = await manager.PostAsJsonAsync($"/api/v1/shelters/facilities/{facilityId}/residents/{resident.Id}/move", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(key, "sq")], await ProblemErrorsAsync(response, field));
        Assert.Equal(before, await factory.ShelterStateAsync(facilityId));
    }

    [Fact]
    public async Task Admit_ReferralHoldingBedElsewhereAdmittedToChosenBed_OtherHoldReleased()
    {
        var holding = await factory.AddFacilityAsync("Women", BedType.Adult);
        var admitting = await factory.AddFacilityAsync("Women", BedType.Adult);
        var (_, _, referral) = await factory.ReferToShelterAsync(holding, Cases.CaseTestSupport.Adult("Zana", "Musa"));
        await factory.AcceptAsync(referral.Id);
        var bedId = await factory.FreeBedAsync(admitting);
        var manager = await factory.SignInAsync(ShelterManager, "en");

        var resident = await AdmittedAsync(manager, admitting, new { referralId = referral.Id, bedId });

        Assert.Equal(bedId, resident.BedId);
        Assert.Equal(BedStatus.Available, Assert.Single(await factory.BedsAsync(holding)).Status);
        Assert.Equal(BedStatus.Occupied, (await factory.BedAsync(bedId)).Status);
        var capacity = await factory.CapacityAsync();
        Assert.Equal(capacity.Counted, capacity.Published);
    }

    [Fact]
    public async Task Discharge_WithDestination_FreesBedJoinsHistoryRecordsOnCase()
    {
        var facilityId = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Klea", "Dema"));
        var bedId = await factory.FreeBedAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "en");
        var resident = await AdmittedAsync(manager, facilityId, new { caseReference = own.Reference, bedId, admittedOn = Iso(Today.AddDays(-3)) });

        var response = await manager.PostAsJsonAsync($"/api/v1/shelters/facilities/{facilityId}/residents/{resident.Id}/discharge",
            new { dischargedOn = Iso(Today), destination = "Family", note = "Went home to her mother." });
        var list = await manager.GetFromJsonAsync<ResidentsView>($"/api/v1/shelters/facilities/{facilityId}/residents", WebJson);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BedStatus.Available, (await factory.BedAsync(bedId)).Status);
        Assert.Empty(list!.Current);
        var past = Assert.Single(list.Past);
        Assert.Equal(DischargeDestination.Family, past.Destination);
        Assert.Equal(3, past.Nights);
        Assert.Equal(1, await factory.WithDb(db => db.CaseEvents.CountAsync(e => e.CaseId == own.Id && e.Action == "shelter.discharge" && e.Detail == "DischargeDestination.Family")));
        var capacity = await factory.CapacityAsync();
        Assert.Equal(capacity.Counted, capacity.Published);
    }

    public static TheoryData<string, string, string> BadDischarges => new()
    {
        { "beforeAdmission", "dischargedOn", "Shelters.BeforeAdmission" },
        { "future", "dischargedOn", "Shelters.DateInFuture" },
        { "noDate", "dischargedOn", "Validation.Required" },
        { "noDestination", "destination", "Shelters.DestinationRequired" },
        { "unknownDestination", "destination", "Shelters.UnknownDestination" },
        { "staleVersion", "", "Shelters.StayChanged" },
    };

    [Theory]
    [MemberData(nameof(BadDischarges))]
    public async Task Discharge_BadInput_LocalisedErrorNothingChanged(string kind, string field, string key)
    {
        var facilityId = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Lule", "Bajrami"));
        var bedId = await factory.FreeBedAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "mk");
        var resident = await AdmittedAsync(manager, facilityId, new { caseReference = own.Reference, bedId, admittedOn = Iso(Today.AddDays(-2)) });
        object body = kind switch
        {
            "beforeAdmission" => new { dischargedOn = Iso(Today.AddDays(-3)), destination = "Family" },
            "future" => new { dischargedOn = Iso(Today.AddDays(1)), destination = "Family" },
            "noDate" => new { destination = "Family" },
            "noDestination" => new { dischargedOn = Iso(Today) },
            "unknownDestination" => new { dischargedOn = Iso(Today), destination = "Moon" },
            _ => new { dischargedOn = Iso(Today), destination = "Family", version = resident.Version + 5 },
        };
        var before = await factory.ShelterStateAsync(facilityId);

        var response = await manager.PostAsJsonAsync($"/api/v1/shelters/facilities/{facilityId}/residents/{resident.Id}/discharge", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(key, "mk")], await ProblemErrorsAsync(response, field));
        Assert.Equal(before, await factory.ShelterStateAsync(facilityId));
        Assert.Null((await factory.StaysAsync(facilityId)).Single().DischargedOn);
    }

    [Fact]
    public async Task Discharge_AlreadyDischarged_Refused()
    {
        var facilityId = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Mimoza", "Zeka"));
        var manager = await factory.SignInAsync(ShelterManager, "en");
        var resident = await AdmittedAsync(manager, facilityId, new { caseReference = own.Reference, bedId = await factory.FreeBedAsync(facilityId) });
        var url = $"/api/v1/shelters/facilities/{facilityId}/residents/{resident.Id}/discharge";
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync(url, new { dischargedOn = Iso(Today), destination = "Return" })).StatusCode);
        var before = await factory.ShelterStateAsync(facilityId);

        var again = await manager.PostAsJsonAsync(url, new { dischargedOn = Iso(Today), destination = "Other" });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal([factory.Text("Shelters.AlreadyDischarged")], await ProblemErrorsAsync(again, ""));
        Assert.Equal(before, await factory.ShelterStateAsync(facilityId));
    }

    [Fact]
    public async Task ResidentsPage_ShowsCurrentAndPastMinimumAndAuditsTheRead()
    {
        var facilityId = await factory.AddFacilityAsync();
        var staying = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Nora", "Berisha"));
        var leaving = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Orjeta", "Cani"));
        var beds = await factory.BedsAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "en");
        await AdmittedAsync(manager, facilityId, new { caseReference = staying.Reference, bedId = beds[0].Id });
        var left = await AdmittedAsync(manager, facilityId, new { caseReference = leaving.Reference, bedId = beds[1].Id });
        await manager.PostAsJsonAsync($"/api/v1/shelters/facilities/{facilityId}/residents/{left.Id}/discharge",
            new { dischargedOn = Iso(Today), destination = "IndependentLiving" });
        var managerId = (await factory.UserAsync(ShelterManager)).Id;

        var html = await (await manager.GetAsync($"/shelters/{facilityId}/residents")).HtmlAsync();

        Assert.Contains("Nora", html, StringComparison.Ordinal);
        Assert.Contains(staying.Reference, html, StringComparison.Ordinal);
        Assert.Contains("Orjeta", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("DischargeDestination.IndependentLiving"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Berisha", html, StringComparison.Ordinal);
        Assert.True(await factory.ReadsAsync("ShelterResidents", facilityId, managerId) > 0);
    }

    [Fact]
    public async Task AdmitPageThenResidentPage_AdmitMoveDischargeThroughForms()
    {
        var facilityId = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Pranvera", "Dushku"));
        var beds = await factory.BedsAsync(facilityId);
        var manager = await factory.SignInAsync(ShelterManager, "en");

        var admitted = await UraFactory.PostFormAsync(manager, $"/shelters/{facilityId}/admit?handler=Case", new()
        {
            ["Input.CaseReference"] = own.Reference, ["Input.CaseBedId"] = beds[0].Id.ToString(),
        }, $"/shelters/{facilityId}/admit");
        Assert.Equal(HttpStatusCode.Redirect, admitted.StatusCode);
        var residentUrl = admitted.Headers.Location!.OriginalString;
        var stay = (await factory.StaysAsync(facilityId)).Single();
        Assert.Equal($"/shelters/{facilityId}/residents/{stay.Id}", residentUrl);
        var page = await (await manager.GetAsync(residentUrl)).HtmlAsync();
        Assert.Contains("Pranvera", page, StringComparison.Ordinal);

        var moved = await UraFactory.PostFormAsync(manager, residentUrl + "?handler=Move", new()
        {
            ["Input.BedId"] = beds[1].Id.ToString(), ["Input.Version"] = stay.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, residentUrl);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var early = await UraFactory.PostFormAsync(manager, residentUrl + "?handler=Discharge", new()
        {
            ["Input.DischargedOn"] = Iso(Today.AddDays(-1)), ["Input.Destination"] = "Return",
        }, residentUrl);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains(factory.Text("Shelters.BeforeAdmission"), await early.HtmlAsync(), StringComparison.Ordinal);
        var discharged = await UraFactory.PostFormAsync(manager, residentUrl + "?handler=Discharge", new()
        {
            ["Input.DischargedOn"] = Iso(Today), ["Input.Destination"] = "Return",
        }, residentUrl);

        Assert.Equal(HttpStatusCode.Redirect, discharged.StatusCode);
        var after = (await factory.StaysAsync(facilityId)).Single();
        Assert.Equal(beds[1].Id, after.BedId);
        Assert.Equal(DischargeDestination.Return, after.Destination);
        Assert.All(await factory.BedsAsync(facilityId), b => Assert.Equal(BedStatus.Available, b.Status));
    }

    [Fact]
    public async Task AdmitPage_ReferralForm_AdmitsToHeldBed()
    {
        var facilityId = await factory.AddFacilityAsync();
        var (_, _, referral) = await factory.ReferToShelterAsync(facilityId, Cases.CaseTestSupport.Adult("Rina", "Gashi"));
        await factory.AcceptAsync(referral.Id);
        var manager = await factory.SignInAsync(ShelterManager, "en");
        var form = await (await manager.GetAsync($"/shelters/{facilityId}/admit")).HtmlAsync();
        Assert.Contains("Rina", form, StringComparison.Ordinal);

        var admitted = await UraFactory.PostFormAsync(manager, $"/shelters/{facilityId}/admit?handler=Referral", new()
        {
            ["Input.ReferralId"] = referral.Id.ToString(),
        }, $"/shelters/{facilityId}/admit");

        Assert.Equal(HttpStatusCode.Redirect, admitted.StatusCode);
        var stay = (await factory.StaysAsync(facilityId)).Single();
        Assert.Equal(referral.Id, stay.ReferralId);
        Assert.Equal(BedStatus.Occupied, (await factory.BedAsync(stay.BedId)).Status);
        Assert.DoesNotContain(await factory.BedsAsync(facilityId), b => b.Status == BedStatus.Held);
    }

    [Fact]
    public async Task ShelterManager_AfterAdmission_StillNoCaseContent()
    {
        var facilityId = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult("Sara", "Krasniqi"));
        var (_, referringCase, referral) = await factory.ReferToShelterAsync(facilityId, Cases.CaseTestSupport.Adult("Teuta", "Rama"));
        await factory.AcceptAsync(referral.Id);
        var manager = await factory.SignInAsync(ShelterManager, "en");
        var ownStay = await AdmittedAsync(manager, facilityId, new { caseReference = own.Reference, bedId = await factory.FreeBedAsync(facilityId) });
        var referredStay = await AdmittedAsync(manager, facilityId, new { referralId = referral.Id });

        foreach (var caseId in new[] { own.Id, referringCase.Id })
            foreach (var url in new[] { $"/cases/{caseId}", $"/api/v1/cases/{caseId}", $"/cases/{caseId}/timeline" })
                Assert.True((await manager.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/referrals/{referral.Id}")).StatusCode);
        var json = await manager.GetStringAsync($"/api/v1/shelters/facilities/{facilityId}/residents");
        foreach (var secret in new[] { "Krasniqi", "Rama", "+355 69 123 4567", "drita@example.org", "BA1234567", "Rruga e Durrësit" })
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        Assert.Contains(ownStay.Id.ToString(), json, StringComparison.Ordinal);
        Assert.Contains(referredStay.Id.ToString(), json, StringComparison.Ordinal);
    }
}
