using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Referrals;
using Ura.Features.Transnational;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using Ura.Tests.Referrals;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Transnational.ReferralAbroadSupport;

namespace Ura.Tests.Transnational;

/// <summary>XK routes referrals from abroad through its national coordinator's office.</summary>
public sealed class FocalPointNetwork : ReferralAbroadNetwork
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        XkRouting(TransnationalRouting.FocalPoint);
    }
}

public sealed class ReferralFocalPointTests(FocalPointNetwork n) : IClassFixture<FocalPointNetwork>
{
    [Fact]
    public async Task Send_FocalPointRouting_WaitsAtCoordinatorOfficeNotAtOrganisation()
    {
        var (_, _, _, referral) = await n.SentAsync("Kaltrina");

        var row = await n.Xk.RowAsync(referral.Id);
        Assert.True(row.AtFocalPoint);
        Assert.Equal(await n.Xk.OrganisationOfAsync(ReferralAbroadNetwork.XkCoordinator), row.OrganisationId);
        var coordinator = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkCoordinator);
        var view = await coordinator.GetFromJsonAsync<TransnationalView>($"/api/v1/transnational/referrals/{referral.Id}", WebJson);
        Assert.Equal(["Forward", "Decline"], view!.Allowed);
        Assert.Equal("Kaltrina", view.Shared!["FirstName"]);
        Assert.Contains(referral.Id.ToString(), await coordinator.GetStringAsync("/referrals/transnational"), StringComparison.Ordinal);
        Assert.True(await n.Xk.WithDb(db => db.Notifications.AnyAsync(x => x.Kind == "transnational.received" && x.Link.Contains(referral.Id.ToString()))));
        var worker = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkSocialWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/transnational/referrals/{referral.Id}")).StatusCode);
    }

    [Fact]
    public async Task Forward_ToAnotherOrganisation_ThatOrganisationActsAndSenderSeesWhere()
    {
        var (sender, opened, _, referral) = await n.SentAsync("Lule");
        var otherService = await n.Xk.AddServiceAsync(Demo.Email("caseworker", "xk"));
        var coordinator = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkCoordinator);

        var response = await UraFactory.PostFormAsync(coordinator, $"/referrals/transnational/{referral.Id}?handler=Forward",
            new() { ["ServiceId"] = otherService.ToString(), ["Version"] = "0" }, formPage: $"/referrals/transnational/{referral.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await n.Network.DeliverAllAsync();

        var row = await n.Xk.RowAsync(referral.Id);
        Assert.False(row.AtFocalPoint);
        Assert.Equal(otherService, row.ServiceId);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/v1/transnational/referrals/{referral.Id}")).StatusCode);
        var shelter = await n.Xk.SignInAsync(Demo.Email("caseworker", "xk"));
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(shelter, referral.Id, "acknowledge")).StatusCode);
        await n.Network.DeliverAllAsync();

        var seen = await sender.GetFromJsonAsync<TransnationalView>($"/api/v1/cases/{opened.Id}/transnational-referrals/{referral.Id}", WebJson);
        Assert.Equal(ReferralStatus.Acknowledged, seen!.Status);
        Assert.NotNull(seen.ForwardedAt);
        Assert.Equal(await n.Xk.WithDb(db => db.Organisations.Where(o => o.Id == row.OrganisationId).Select(o => o.Name).SingleAsync()), seen.ToOrganisation);
        Assert.True(await n.Al.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "transnational.forwarded")));
    }

    [Fact]
    public async Task Decline_AtFocalPoint_SenderSeesDeclined()
    {
        var (sender, opened, _, referral) = await n.SentAsync("Mimoza");
        var coordinator = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkCoordinator);

        Assert.Equal(HttpStatusCode.OK, (await StepAsync(coordinator, referral.Id, "decline", new { declineReason = "ServiceNotOffered" })).StatusCode);
        await n.Network.DeliverAllAsync();

        Assert.Null((await n.Xk.RowAsync(referral.Id)).SharedData);
        var seen = await sender.GetFromJsonAsync<TransnationalView>($"/api/v1/cases/{opened.Id}/transnational-referrals/{referral.Id}", WebJson);
        Assert.Equal(ReferralStatus.Declined, seen!.Status);
        Assert.Equal(DeclineReason.ServiceNotOffered, seen.DeclineReason);
    }

    [Theory]
    [InlineData("en", "unknown")]
    [InlineData("sq", "other-country")]
    public async Task Forward_ServiceNotOfThisCountry_RefusedLocalisedAndNothingChanged(string language, string which)
    {
        var (_, _, _, referral) = await n.SentAsync("Nora");
        var before = await n.Xk.RowAsync(referral.Id);
        var outbox = await n.Xk.WithDb(db => db.FederationOutbox.CountAsync());
        var albanianService = await n.Xk.AddServiceAsync(Demo.SocialWorker);
        var coordinator = await n.Xk.SignInAsync(ReferralAbroadNetwork.XkCoordinator, language);

        var response = await coordinator.PostAsJsonAsync($"/api/v1/transnational/referrals/{referral.Id}/forward",
            new { serviceId = which == "unknown" ? Guid.NewGuid() : albanianService });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([n.Xk.Text("Transnational.UnknownService", language)], await AdminTestSupport.ProblemErrorsAsync(response, "serviceId"));
        var after = await n.Xk.RowAsync(referral.Id);
        Assert.True(after.AtFocalPoint);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(outbox, await n.Xk.WithDb(db => db.FederationOutbox.CountAsync()));
    }
}
