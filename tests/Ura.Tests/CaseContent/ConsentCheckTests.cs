using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Cases;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.CaseContent;

/// <summary>What <see cref="ConsentCheck"/> answers to the features that ask it (referrals, federation, research).</summary>
public sealed class ConsentCheckTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private async Task<ConsentCoverage> CoversAsync(Guid caseId, ConsentUse use, Guid? organisationId = null, string? country = null, DateOnly? on = null, ConsentPurpose? purpose = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConsentCheck>().CoversAsync(caseId, use, organisationId, country, on ?? Today, purpose);
    }

    private async Task<Guid> OrganisationOfAsync(string email) => (await factory.UserAsync(email)).OrganisationId;

    private async Task<(HttpClient Client, CaseView Case)> CaseAsync()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        return (client, await OpenAsync(client, Adult("Elira", "Basha")));
    }

    [Fact]
    public void Consent_WithdrawnOnADay_InForceBeforeNotFromThenOn()
    {
        var consent = new Consent { GivenOn = new DateOnly(2026, 3, 1) };

        var error = consent.Withdraw(new DateOnly(2026, 5, 1), Guid.NewGuid(), DateTime.UtcNow, null, new DateOnly(2026, 6, 1));

        Assert.Null(error);
        Assert.False(consent.InForceOn(new DateOnly(2026, 2, 28)));
        Assert.True(consent.InForceOn(new DateOnly(2026, 4, 30)));
        Assert.False(consent.InForceOn(new DateOnly(2026, 5, 1)));
        Assert.False(consent.InForceOn(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void Consent_WithdrawnTwice_SecondRefusedAndFirstDateKept()
    {
        var consent = new Consent { GivenOn = new DateOnly(2026, 3, 1) };
        consent.Withdraw(new DateOnly(2026, 5, 1), Guid.NewGuid(), DateTime.UtcNow, null, new DateOnly(2026, 6, 1));

        var error = consent.Withdraw(new DateOnly(2026, 5, 20), Guid.NewGuid(), DateTime.UtcNow, null, new DateOnly(2026, 6, 1));

        Assert.Equal("Consent.AlreadyWithdrawn", error);
        Assert.Equal(new DateOnly(2026, 5, 1), consent.WithdrawnOn);
    }

    [Fact]
    public void Consent_WithdrawalBeforeGivenOrInFuture_Refused()
    {
        var consent = new Consent { GivenOn = new DateOnly(2026, 3, 1) };

        Assert.Equal("Consent.WithdrawnBeforeGiven", consent.Withdraw(new DateOnly(2026, 2, 1), Guid.NewGuid(), DateTime.UtcNow, null, new DateOnly(2026, 6, 1)));
        Assert.Equal("Consent.DateInFuture", consent.Withdraw(new DateOnly(2026, 6, 2), Guid.NewGuid(), DateTime.UtcNow, null, new DateOnly(2026, 6, 1)));
        Assert.False(consent.IsWithdrawn);
    }

    [Fact]
    public async Task CoversAsync_NoConsent_NotCovered()
    {
        var (_, opened) = await CaseAsync();

        var answer = await CoversAsync(opened.Id, ConsentUse.Research);

        Assert.Equal((false, "Consent.NotCovered.NoConsent"), (answer.Covered, answer.ReasonKey));
    }

    [Fact]
    public async Task CoversAsync_NamedOrganisationSameCountry_CoveredByThatConsent()
    {
        var (client, opened) = await CaseAsync();
        var social = await OrganisationOfAsync(Demo.SocialWorker);
        var body = ConsentBody();
        body["sharedWithOrganisations"] = new[] { social };
        body["sharedWithOrganisationTypes"] = Array.Empty<string>();
        var consent = await RecordConsentAsync(client, opened.Id, body);

        var named = await CoversAsync(opened.Id, ConsentUse.ShareWithOrganisation, social);
        var other = await CoversAsync(opened.Id, ConsentUse.ShareWithOrganisation, await OrganisationOfAsync(Demo.Police));

        Assert.Equal((true, (Guid?)consent.Id), (named.Covered, named.ConsentId));
        Assert.Equal((false, "Consent.NotCovered.NotIncluded"), (other.Covered, other.ReasonKey));
    }

    [Fact]
    public async Task CoversAsync_OrganisationOfAConsentedType_Covered()
    {
        var (client, opened) = await CaseAsync();
        var police = await OrganisationOfAsync(Demo.Police);
        var policeType = await factory.WithDb(db => db.Organisations.Where(o => o.Id == police).Select(o => o.Type).SingleAsync());
        var body = ConsentBody();
        body["sharedWithOrganisationTypes"] = new[] { policeType.ToString() };
        await RecordConsentAsync(client, opened.Id, body);

        Assert.True((await CoversAsync(opened.Id, ConsentUse.ShareWithOrganisation, police)).Covered);
    }

    [Fact]
    public async Task CoversAsync_NamedOrganisationInAnotherCountry_NeedsThatCountryToo()
    {
        var (client, opened) = await CaseAsync();
        var kosovo = await OrganisationOfAsync(Demo.Email("socialworker", "xk"));
        var body = ConsentBody();
        body["sharedWithOrganisations"] = new[] { kosovo };
        await RecordConsentAsync(client, opened.Id, body);
        var withoutCountry = await CoversAsync(opened.Id, ConsentUse.ShareWithOrganisation, kosovo);
        body["crossBorderCountries"] = new[] { "XK" };
        await RecordConsentAsync(client, opened.Id, body);

        var withCountry = await CoversAsync(opened.Id, ConsentUse.ShareWithOrganisation, kosovo);

        Assert.False(withoutCountry.Covered);
        Assert.True(withCountry.Covered);
    }

    [Fact]
    public async Task CoversAsync_AcrossBorder_OnlyListedCountries()
    {
        var (client, opened) = await CaseAsync();
        var body = ConsentBody();
        body["crossBorderCountries"] = new[] { "mk", "XK" };
        await RecordConsentAsync(client, opened.Id, body);

        Assert.True((await CoversAsync(opened.Id, ConsentUse.ShareAcrossBorder, country: "MK")).Covered);
        Assert.True((await CoversAsync(opened.Id, ConsentUse.ShareAcrossBorder, country: "xk")).Covered);
        Assert.False((await CoversAsync(opened.Id, ConsentUse.ShareAcrossBorder, country: "RS")).Covered);
        Assert.False((await CoversAsync(opened.Id, ConsentUse.ShareAcrossBorder)).Covered);
    }

    [Fact]
    public async Task CoversAsync_ResearchAndPurpose_OnlyWhatWasAgreed()
    {
        var (client, opened) = await CaseAsync();
        await RecordConsentAsync(client, opened.Id, ConsentBody());

        Assert.False((await CoversAsync(opened.Id, ConsentUse.Research)).Covered);
        var withResearch = ConsentBody();
        withResearch["researchUse"] = true;
        withResearch["purposes"] = new[] { "CaseManagementAndAssistance" };
        await RecordConsentAsync(client, opened.Id, withResearch);
        Assert.True((await CoversAsync(opened.Id, ConsentUse.Research)).Covered);
        Assert.False((await CoversAsync(opened.Id, ConsentUse.Research, purpose: ConsentPurpose.LegalProceedings)).Covered);
    }

    [Fact]
    public async Task CoversAsync_DateBeforeConsentGiven_NotCovered()
    {
        var (client, opened) = await CaseAsync();
        var body = ConsentBody();
        body["researchUse"] = true;
        await RecordConsentAsync(client, opened.Id, body);

        Assert.False((await CoversAsync(opened.Id, ConsentUse.Research, on: Today.AddDays(-1))).Covered);
        Assert.True((await CoversAsync(opened.Id, ConsentUse.Research, on: Today)).Covered);
    }

    [Fact]
    public async Task CoversAsync_ConsentWithdrawnThenReliedUpon_NotCoveredAndNeverRevived()
    {
        var (client, opened) = await CaseAsync();
        var body = ConsentBody(Today.AddDays(-5));
        body["researchUse"] = true;
        body["crossBorderCountries"] = new[] { "XK" };
        var consent = await RecordConsentAsync(client, opened.Id, body);
        Assert.True((await CoversAsync(opened.Id, ConsentUse.Research)).Covered);

        var withdrawn = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents/{consent.Id}/withdrawal", new { withdrawnOn = Iso(Today.AddDays(-1)), reason = "Changed her mind" });
        var again = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents/{consent.Id}/withdrawal", new { withdrawnOn = Iso(Today) });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var research = await CoversAsync(opened.Id, ConsentUse.Research);
        Assert.Equal((false, "Consent.NotCovered.Withdrawn"), (research.Covered, research.ReasonKey));
        Assert.False((await CoversAsync(opened.Id, ConsentUse.ShareAcrossBorder, country: "XK")).Covered);
        Assert.False((await CoversAsync(opened.Id, ConsentUse.Research, on: Today.AddDays(30))).Covered);
        Assert.Equal(Today.AddDays(-1), await factory.WithDb(db => db.Consents.Where(c => c.Id == consent.Id).Select(c => c.WithdrawnOn).SingleAsync()));
    }

    [Fact]
    public async Task CoverageApi_WithdrawnConsent_AnswersNotCoveredForTheTeam()
    {
        var (client, opened) = await CaseAsync();
        var body = ConsentBody();
        body["researchUse"] = true;
        var consent = await RecordConsentAsync(client, opened.Id, body);
        var before = await client.GetFromJsonAsync<ConsentCoverage>($"/api/v1/cases/{opened.Id}/consents/coverage?use=Research", WebJson);
        await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents/{consent.Id}/withdrawal", new { withdrawnOn = Iso(Today) });

        var after = await client.GetFromJsonAsync<ConsentCoverage>($"/api/v1/cases/{opened.Id}/consents/coverage?use=Research", WebJson);
        var unknown = await client.GetAsync($"/api/v1/cases/{opened.Id}/consents/coverage?use=Everything");

        Assert.True(before!.Covered);
        Assert.False(after!.Covered);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal([factory.Text("Consent.UnknownUse")], await AdminTestSupport.ProblemErrorsAsync(unknown, "use"));
    }
}
