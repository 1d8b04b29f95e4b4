using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.Cases;

/// <summary>
/// Likely duplicates by blind index. Each test registers its person with its own birth year, so tests
/// sharing the database do not find each other's people.
/// </summary>
public sealed class DuplicateCheckTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private async Task<CaseView> RegisterAsync(int year, string gender = "Feminine")
    {
        var body = Adult("Drita", "Çela", $"{year}-04-12");
        body["gender"] = gender;
        return await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), body);
    }

    private static Task<HttpResponseMessage> FindAsync(HttpClient client, string given, string family, int year, string gender = "Feminine") =>
        client.PostAsJsonAsync("/api/v1/cases/duplicates", new { givenNames = given, familyName = family, birthYear = year, gender });

    [Theory]
    [InlineData("Drita", "Çela", 1970)]
    [InlineData("drita", "Cela", 1971)]
    [InlineData("Дрита", "Чела", 1972)]
    [InlineData("DRITA", "ÇELA", 1973)]
    public async Task Find_SameNameAnySpelling_OwnOrganisationCaseListedWithReference(string given, string family, int year)
    {
        var existing = await RegisterAsync(year);

        var report = await (await FindAsync(await factory.SignInAsync(Demo.CaseWorker), given, family, year)).Content.ReadFromJsonAsync<DuplicateReport>();

        var match = Assert.Single(report!.Matches, m => m.CaseId == existing.Id);
        Assert.Equal((existing.Reference, "Drita Çela", year.ToString(System.Globalization.CultureInfo.InvariantCulture)), (match.Reference, match.Name, match.BirthYear));
    }

    [Fact]
    public async Task Find_DifferentBirthYear_NoMatch()
    {
        await RegisterAsync(1991);

        var report = await (await FindAsync(await factory.SignInAsync(Demo.CaseWorker), "Drita", "Cela", 1992)).Content.ReadFromJsonAsync<DuplicateReport>();

        Assert.Empty(report!.Matches);
        Assert.Empty(report.KnownElsewhere);
    }

    [Fact]
    public async Task Find_DifferentGender_NoMatch()
    {
        await RegisterAsync(1993);

        var report = await (await FindAsync(await factory.SignInAsync(Demo.CaseWorker), "Drita", "Cela", 1993, "Masculine")).Content.ReadFromJsonAsync<DuplicateReport>();

        Assert.False(report!.Any);
    }

    [Fact]
    public async Task Find_OnlyOneNameInCommon_NoMatch()
    {
        await RegisterAsync(1994);

        var report = await (await FindAsync(await factory.SignInAsync(Demo.CaseWorker), "Besa", "Cela", 1994)).Content.ReadFromJsonAsync<DuplicateReport>();

        Assert.False(report!.Any);
    }

    [Fact]
    public async Task Find_OtherOrganisation_OnlyTheOrganisationNameNoPersonalData()
    {
        var existing = await RegisterAsync(1995);
        var shelter = await factory.WithDb(db => db.Organisations.Where(o => o.Id == db.Cases.Where(c => c.Id == existing.Id).Select(c => c.OrganisationId).Single()).Select(o => o.Name).SingleAsync());

        var response = await FindAsync(await factory.SignInAsync(Demo.SocialWorker), "Дрита", "Чела", 1995);
        var raw = await response.Content.ReadAsStringAsync();
        var report = System.Text.Json.JsonSerializer.Deserialize<DuplicateReport>(raw, System.Text.Json.JsonSerializerOptions.Web)!;

        Assert.Empty(report.Matches);
        var known = Assert.Single(report.KnownElsewhere);
        Assert.Equal((shelter, "AL"), (known.Organisation, known.CountryCode));
        foreach (var personal in new[] { "Drita", "Çela", "Cela", "Dita", existing.Reference, existing.Id.ToString(), "1995", "drita@example.org", "BA1234567" })
            Assert.DoesNotContain(personal, raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OpenCase_LikelyDuplicateNotConfirmed_Returns409WithMatchesAndSavesNothing()
    {
        var existing = await RegisterAsync(1996);
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var body = Adult("Drita", "Cela", "1996-01-01");
        body["confirmedDifferentPerson"] = false;
        var before = await factory.CountsAsync();

        var response = await client.PostAsJsonAsync("/api/v1/cases", body);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains((await response.Content.ReadFromJsonAsync<DuplicateReport>())!.Matches, m => m.CaseId == existing.Id);
        var after = await factory.CountsAsync();
        Assert.Equal((before.Persons, before.Cases, before.Index), (after.Persons, after.Cases, after.Index));
    }

    [Fact]
    public async Task OpenCase_LikelyDuplicateConfirmedDifferent_Returns201()
    {
        await RegisterAsync(1997);
        var body = Adult("Drita", "Cela", "1997-01-01");
        body["confirmedDifferentPerson"] = true;

        var opened = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), body);

        Assert.Equal("Cela", opened.Person.FamilyName);
    }

    [Fact]
    public async Task OpenCase_DuplicateAtOtherOrganisation_409NamesOnlyTheOrganisation()
    {
        var existing = await RegisterAsync(1989);
        var body = Adult("Drita", "Çela", "1989-04-12");
        body["confirmedDifferentPerson"] = false;

        var response = await (await factory.SignInAsync(Demo.SocialWorker)).PostAsJsonAsync("/api/v1/cases", body);
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("knownElsewhere", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(existing.Reference, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(existing.Id.ToString(), raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Drita", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("orgadmin")]
    [InlineData("coordinator")]
    [InlineData("analyst")]
    [InlineData("police")]
    public async Task Find_NotACaseWorker_Returns403(string login)
    {
        await RegisterAsync(1988);

        var response = await FindAsync(await factory.SignInAsync(Demo.Email(login)), "Drita", "Cela", 1988);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Drita", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_UnknownGender_Returns400Localised()
    {
        var response = await FindAsync(await factory.SignInAsync(Demo.CaseWorker, "mk"), "Drita", "Cela", 1990, "F");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Cases.Person.UnknownGender", "mk")], await AdminTestSupport.ProblemErrorsAsync(response, "gender"));
    }

    [Fact]
    public async Task FindForCase_SecondRegistration_ListsTheOtherCaseNotItself()
    {
        var first = await RegisterAsync(1985);
        var second = await RegisterAsync(1985);
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var report = await (await client.PostAsync($"/api/v1/cases/{first.Id}/duplicates", null)).Content.ReadFromJsonAsync<DuplicateReport>();

        var match = Assert.Single(report!.Matches);
        Assert.Equal(second.Id, match.CaseId);
    }

    [Theory]
    [InlineData("socialworker", "al")]
    [InlineData("orgadmin", "al")]
    [InlineData("coordinator", "al")]
    [InlineData("caseworker", "xk")]
    public async Task FindForCase_OutsideTheCaseTeam_Returns404AndRecordsNoRead(string login, string country)
    {
        var existing = await RegisterAsync(1984);
        var reads = await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.EntityId == existing.Id.ToString() && e.Action == "read"));

        var response = await (await factory.SignInAsync(Demo.Email(login, country))).PostAsync($"/api/v1/cases/{existing.Id}/duplicates", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(reads, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.EntityId == existing.Id.ToString() && e.Action == "read")));
    }

    [Fact]
    public async Task CasePage_CheckDuplicatesButton_ShowsTheOtherCase()
    {
        var first = await RegisterAsync(1983);
        var second = await RegisterAsync(1983);
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");

        var response = await UraFactory.PostFormAsync(client, $"/cases/{first.Id}?handler=Duplicates", [], formPage: $"/cases/{first.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(second.Reference, html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Cases.Duplicates.Title", "sq"), html, StringComparison.Ordinal);
    }
}
