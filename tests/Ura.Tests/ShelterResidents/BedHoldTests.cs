using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Shelters;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Referrals.ReferralTestSupport;
using static Ura.Tests.ShelterResidents.ResidentTestSupport;

namespace Ura.Tests.ShelterResidents;

/// <summary>Beds held for referrals to a shelter service: placed on sending, released, extended, expired.</summary>
public sealed class BedHoldTests(ClockedUraFactory factory) : IClassFixture<ClockedUraFactory>, IDisposable
{
    private TimeSpan advanced;

    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Moves the shared clock on; <see cref="Dispose"/> sets it back, so the next test signs in at the real time.</summary>
    private void Later(TimeSpan by)
    {
        factory.Clock.Advance(by);
        advanced += by;
    }

    public void Dispose() => factory.Clock.Advance(-advanced);

    private async Task<int> ExpireAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShelterHoldExpiry>().RunAsync(CancellationToken.None);
        return await factory.WithDb(db => db.ShelterBeds.CountAsync(b => b.Status == BedStatus.Held));
    }

    [Fact]
    public async Task Send_HoldBed_HoldsAdultBedForHoldHoursAndPublishesCapacity()
    {
        var facilityId = await factory.AddFacilityAsync("Women", BedType.Child, BedType.Adult);
        var (published, _) = await factory.CapacityAsync();

        var (sender, opened, referral) = await factory.ReferToShelterAsync(facilityId);

        var held = (await factory.BedsAsync(facilityId)).Single(b => b.Status == BedStatus.Held);
        Assert.Equal(BedType.Adult, held.Type);
        Assert.Equal(referral.Id, held.HoldReferralId);
        Assert.Equal(Now.AddHours(24), held.HeldUntil!.Value, TimeSpan.FromSeconds(1));
        var capacity = await factory.CapacityAsync();
        Assert.Equal(published - 1, capacity.Published);
        Assert.Equal(capacity.Counted, capacity.Published);
        var page = await (await sender.GetAsync($"/cases/{opened.Id}/referrals/{referral.Id}")).HtmlAsync();
        Assert.Contains(factory.Text("Shelters.Hold.Legend"), await (await sender.GetAsync($"/cases/{opened.Id}/referrals/new?service={ShelterServiceId}&facility={facilityId}")).HtmlAsync(), StringComparison.Ordinal);
        var facilityName = await factory.WithDb(db => db.ShelterFacilities.Where(f => f.Id == facilityId).Select(f => f.Name).SingleAsync());
        Assert.Contains(factory.Text("Shelters.Hold.HeldUntil").Split("{0}")[0] + facilityName + " (Tiranë)", page, StringComparison.Ordinal);
        // The API says so too, to both sides: facility, city and until when, never an address.
        var receiver = await factory.SignInAsync(Demo.CaseWorker, "en");
        var received = await receiver.GetStringAsync($"/api/v1/referrals/{referral.Id}");
        foreach (var view in new[] { referral, System.Text.Json.JsonSerializer.Deserialize<Ura.Features.Referrals.ReferralView>(received, WebJson)! })
        {
            Assert.Equal((facilityId, facilityName, "Tiranë"), (view.Hold!.FacilityId, view.Hold.FacilityName, view.Hold.City));
            Assert.Equal(held.HeldUntil!.Value, view.Hold.HeldUntil, TimeSpan.FromSeconds(1));
        }
        Assert.DoesNotContain("address", received, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Send_HoldBedForChild_HoldsChildBed()
    {
        var facilityId = await factory.AddFacilityAsync("Children,MothersWithChildren", BedType.Adult, BedType.Child);

        var (_, _, referral) = await factory.ReferToShelterAsync(facilityId, Child("Lea"));

        var held = (await factory.BedsAsync(facilityId)).Single(b => b.Status == BedStatus.Held);
        Assert.Equal(BedType.Child, held.Type);
        Assert.Equal(referral.Id, held.HoldReferralId);
    }

    [Fact]
    public async Task Send_NoSuitableBedFree_RefusedLocalisedNothingSentThenWithoutHoldSent()
    {
        var facilityId = await factory.AddFacilityAsync("Women", BedType.Adult);
        var (first, _, _) = await factory.ReferToShelterAsync(facilityId);
        var (sender, opened) = await factory.ReferringCaseAsync(Cases.CaseTestSupport.Adult("Valbona", "Tahiri"));
        var sq = await factory.SignInAsync(Demo.SocialWorker, "sq");
        var before = (await factory.ReferralCountsAsync(), await factory.ShelterStateAsync(facilityId));

        var refused = await sq.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals", ShelterReferral(facilityId));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal([factory.Text("Shelters.NoBedFree", "sq")], await ProblemErrorsAsync(refused, "holdBed"));
        Assert.Equal(before, (await factory.ReferralCountsAsync(), await factory.ShelterStateAsync(facilityId)));
        var withoutHold = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals", ShelterReferral(facilityId, holdBed: false));
        Assert.Equal(HttpStatusCode.Created, withoutHold.StatusCode);
        Assert.Single(await factory.BedsAsync(facilityId), b => b.Status == BedStatus.Held);
    }

    [Fact]
    public async Task Send_FacilityDoesNotServePerson_RefusedNothingSent()
    {
        var facilityId = await factory.AddFacilityAsync("Men", BedType.Adult);
        var (sender, opened) = await factory.ReferringCaseAsync(Cases.CaseTestSupport.Adult("Xhenis", "Lika"));
        var before = (await factory.ReferralCountsAsync(), await factory.ShelterStateAsync(facilityId));

        var refused = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals", ShelterReferral(facilityId));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal([factory.Text("Shelters.NotServed")], await ProblemErrorsAsync(refused, "holdBed"));
        Assert.Equal(before, (await factory.ReferralCountsAsync(), await factory.ShelterStateAsync(facilityId)));
    }

    [Fact]
    public async Task Send_FacilityOfAnotherService_RefusedNothingSent()
    {
        var (sender, opened) = await factory.ReferringCaseAsync(Cases.CaseTestSupport.Adult("Yllka", "Beqiri"));
        var before = await factory.ReferralCountsAsync();

        var refused = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals", ShelterReferral(DemoShelterFacility("XK")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal([factory.Text("Shelters.UnknownFacility")], await ProblemErrorsAsync(refused, "holdBed"));
        Assert.Equal(before, await factory.ReferralCountsAsync());
    }

    private static Guid DemoShelterFacility(string country) => DemoShelters.FacilityId(country, "emergency");

    [Fact]
    public async Task SendDraft_HoldBed_HoldsBedWhenSent()
    {
        var facilityId = await factory.AddFacilityAsync("Women", BedType.Adult);
        var (sender, opened) = await factory.ReferringCaseAsync(Cases.CaseTestSupport.Adult("Afërdita", "Hyseni"));
        var draft = await CreateAsync(sender, opened.Id, ShelterReferral(facilityId, send: false));
        Assert.All(await factory.BedsAsync(facilityId), b => Assert.Equal(BedStatus.Available, b.Status));

        var sent = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals/{draft.Id}/send", new { holdBed = true, facilityId });

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var bed = Assert.Single(await factory.BedsAsync(facilityId));
        Assert.Equal((BedStatus.Held, draft.Id), (bed.Status, bed.HoldReferralId!.Value));
    }

    [Fact]
    public async Task Decline_HeldBed_Released()
    {
        var facilityId = await factory.AddFacilityAsync("Women", BedType.Adult);
        var (_, _, referral) = await factory.ReferToShelterAsync(facilityId);
        var receiver = await factory.SignInAsync(Demo.CaseWorker, "en");
        await StepAsync(receiver, referral.Id, "acknowledge");

        await StepAsync(receiver, referral.Id, "decline", new { declineReason = "NoCapacity" });

        Assert.All(await factory.BedsAsync(facilityId), b => Assert.Equal(BedStatus.Available, b.Status));
        var capacity = await factory.CapacityAsync();
        Assert.Equal(capacity.Counted, capacity.Published);
    }

    [Fact]
    public async Task Withdraw_HeldBed_Released()
    {
        var facilityId = await factory.AddFacilityAsync("Women", BedType.Adult);
        var (sender, opened, referral) = await factory.ReferToShelterAsync(facilityId);

        var response = await sender.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/referrals/{referral.Id}/withdraw", new { reason = "She found a place with family." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bed = Assert.Single(await factory.BedsAsync(facilityId));
        Assert.Equal(BedStatus.Available, bed.Status);
        Assert.Null(bed.HoldReferralId);
    }

    [Fact]
    public async Task Accept_HeldBed_ExtendedFromAcceptanceThenExpiresAfterHoldHours()
    {
        var facilityId = await factory.AddFacilityAsync("Women", BedType.Adult);
        var (_, _, referral) = await factory.ReferToShelterAsync(facilityId);
        var receiver = await factory.SignInAsync(Demo.CaseWorker, "en");
        await StepAsync(receiver, referral.Id, "acknowledge");
        Later(TimeSpan.FromMinutes(10));
        var acceptedAt = Now;

        await StepAsync(receiver, referral.Id, "accept");

        var bed = Assert.Single(await factory.BedsAsync(facilityId));
        Assert.Equal(BedStatus.Held, bed.Status);
        Assert.Equal(acceptedAt.AddHours(24), bed.HeldUntil!.Value, TimeSpan.FromSeconds(1));
        Later(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(55));
        await ExpireAsync();
        Assert.Equal(BedStatus.Held, (await factory.BedAsync(bed.Id)).Status);
        Later(TimeSpan.FromMinutes(10));
        await ExpireAsync();
        Assert.Equal(BedStatus.Available, (await factory.BedAsync(bed.Id)).Status);
    }

    [Fact]
    public async Task Expiry_HoldTimePassed_ReleasedAndCapacityRepublished()
    {
        var facilityId = await factory.AddFacilityAsync("Women", BedType.Adult, BedType.Adult);
        var (_, _, referral) = await factory.ReferToShelterAsync(facilityId);
        var held = (await factory.BedsAsync(facilityId)).Single(b => b.Status == BedStatus.Held);

        Later(TimeSpan.FromHours(25));
        await ExpireAsync();

        var bed = await factory.BedAsync(held.Id);
        Assert.Equal(BedStatus.Available, bed.Status);
        Assert.Null(bed.HoldReferralId);
        var capacity = await factory.CapacityAsync();
        Assert.Equal(capacity.Counted, capacity.Published);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "shelter.hold.expire" && e.EntityId == held.Id.ToString())));
        Assert.Equal(referral.Id, held.HoldReferralId);
    }
}
