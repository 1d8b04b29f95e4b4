using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.CaseContent;

/// <summary>Recording and withdrawing consent through the API and the consent page, and what is refused.</summary>
public sealed class ConsentTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task RecordConsent_Valid_SavedWithTakerTimelineAndAudit()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(client, Adult("Jonida", "Leka"));
        var worker = await factory.UserAsync(Demo.CaseWorker);

        var consent = await RecordConsentAsync(client, opened.Id, ConsentBody());

        var saved = await factory.WithDb(db => db.Consents.AsNoTracking().SingleAsync(c => c.Id == consent.Id));
        Assert.Equal((worker.Id, ConsentGiver.Person, "CaseManagementAndAssistance,ReferralToServices"), (saved.TakenById, saved.GivenBy, saved.Purposes));
        Assert.True(consent.InForce);
        Assert.True(await factory.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "consent.record")));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "case.consent.record" && e.EntityId == opened.Id.ToString())));
    }

    [Fact]
    public async Task RecordConsent_ChildByThemself_RefusedInAlbanianNothingSaved()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(client, Child());
        var before = await factory.ContentCountsAsync(opened.Id);

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents", ConsentBody());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Consent.GuardianRequired", "sq")], await ProblemErrorsAsync(response, "givenBy"));
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
    }

    [Fact]
    public async Task RecordConsent_ChildByGuardianWithName_Saved()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(client, Child("Lira"));
        var body = ConsentBody();
        body["givenBy"] = "Guardian";
        body["giverName"] = "Besa Hoxha";

        var consent = await RecordConsentAsync(client, opened.Id, body);

        Assert.Equal(("Guardian", "Besa Hoxha"), (consent.GivenBy, consent.GiverName));
    }

    public static TheoryData<string, object?, string, string> BadConsents => new()
    {
        { "givenOn", "2099-01-01", "givenOn", "Consent.DateInFuture" },
        { "givenOn", "2001-01-01", "givenOn", "Consent.DateTooEarly" },
        { "purposes", Array.Empty<string>(), "purposes", "Consent.PurposeRequired" },
        { "purposes", new[] { "Marketing" }, "purposes", "Consent.UnknownPurpose" },
        { "sharedWithOrganisationTypes", new[] { "Newspaper" }, "sharedWithOrganisationTypes", "Consent.UnknownOrganisationType" },
        { "sharedWithOrganisations", new[] { Guid.NewGuid() }, "sharedWithOrganisations", "Consent.UnknownOrganisation" },
        { "crossBorderCountries", new[] { "Kosova" }, "crossBorderCountries", "Cases.Person.UnknownCountry" },
        { "retentionMonths", 0, "retentionMonths", "Consent.RetentionInvalid" },
        { "withdrawalExplained", false, "withdrawalExplained", "Consent.MustBeInformed" },
        { "dataUseExplained", false, "dataUseExplained", "Consent.MustBeInformed" },
        { "givenBy", "Neighbour", "givenBy", "Consent.UnknownGiver" },
        { "givenBy", "LegalRepresentative", "giverName", "Consent.GiverNameRequired" },
    };

    [Theory]
    [MemberData(nameof(BadConsents))]
    public async Task RecordConsent_BadInput_LocalisedErrorInMacedonianNothingSaved(string field, object? value, string errorField, string key)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");
        var opened = await OpenAsync(client, Adult("Marija", "Petrovska"));
        var body = ConsentBody();
        body[field] = value;
        var before = await factory.ContentCountsAsync(opened.Id);

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "mk"), await ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
    }

    [Fact]
    public async Task RecordConsent_ClosedCase_RefusedNothingSaved()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sr-Latn");
        var opened = await OpenAsync(client, Adult("Jelena", "Marković"));
        await factory.CloseAsync(opened.Id);
        var before = await factory.ContentCountsAsync(opened.Id);

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents", ConsentBody());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Cases.Closed", "sr-Latn")], await ProblemErrorsAsync(response, ""));
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
    }

    [Fact]
    public async Task WithdrawConsent_ConsentOfAnotherCase_404AndUnchanged()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var first = await OpenAsync(client, Adult("Blerta", "Gashi"));
        var second = await OpenAsync(client, Adult("Vjosa", "Gashi"));
        var consent = await RecordConsentAsync(client, first.Id, ConsentBody());

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{second.Id}/consents/{consent.Id}/withdrawal", new { withdrawnOn = Iso(Today) });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await factory.WithDb(db => db.Consents.Where(c => c.Id == consent.Id).Select(c => c.WithdrawnOn).SingleAsync()));
    }

    [Fact]
    public async Task WithdrawConsent_BeforeItWasGiven_LocalisedErrorUnchanged()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(client, Adult("Teuta", "Krasniqi"));
        var consent = await RecordConsentAsync(client, opened.Id, ConsentBody());

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents/{consent.Id}/withdrawal", new { withdrawnOn = Iso(Today.AddDays(-3)) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Consent.WithdrawnBeforeGiven", "sq")], await ProblemErrorsAsync(response, "withdrawnOn"));
        Assert.Null(await factory.WithDb(db => db.Consents.Where(c => c.Id == consent.Id).Select(c => c.WithdrawnOn).SingleAsync()));
    }

    [Fact]
    public async Task ConsentPage_RecordThenWithdraw_ShowsWithdrawnAndRecordsBoth()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");
        var opened = await OpenAsync(client, Adult("Ана", "Трајкова"));
        var url = $"/cases/{opened.Id}/consent";

        var recorded = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.Purposes"] = "CaseManagementAndAssistance",
            ["Input.DataUseExplained"] = "true",
            ["Input.RightOfAccessExplained"] = "true",
            ["Input.WithdrawalExplained"] = "true",
            ["Input.Countries"] = "xk, rs",
            ["Input.RetentionMonths"] = "24",
            ["Input.GivenBy"] = "Person",
            ["Input.GivenOn"] = Iso(Today),
        });
        var consent = await factory.WithDb(db => db.Consents.AsNoTracking().SingleAsync(c => c.CaseId == opened.Id));
        var withdrawn = await UraFactory.PostFormAsync(client, $"{url}?handler=Withdraw&consentId={consent.Id}", new()
        {
            ["withdrawnOn"] = Iso(Today),
            ["reason"] = "",
        }, url);
        var html = await (await client.GetAsync(url)).HtmlAsync();

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal("XK,RS", consent.CrossBorderCountries);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Contains(factory.Text("Consent.WithdrawnOn", "mk").Replace("{0}", Today.ToString("d", new System.Globalization.CultureInfo("mk")), StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.Equal(["consent.record", "consent.withdraw"], await factory.WithDb(db => db.CaseEvents.Where(e => e.CaseId == opened.Id && e.Action.StartsWith("consent.")).OrderBy(e => e.At).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task ConsentPage_NotInformed_ErrorInSerbianNothingSaved()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sr-Latn");
        var opened = await OpenAsync(client, Adult("Milica", "Jovanović"));
        var before = await factory.ContentCountsAsync(opened.Id);

        var response = await UraFactory.PostFormAsync(client, $"/cases/{opened.Id}/consent", new()
        {
            ["Input.Purposes"] = "CaseManagementAndAssistance",
            ["Input.RetentionMonths"] = "24",
            ["Input.GivenBy"] = "Person",
            ["Input.GivenOn"] = Iso(Today),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Consent.MustBeInformed", "sr-Latn"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
    }
}
