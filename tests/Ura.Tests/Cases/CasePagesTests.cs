using System.Net;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.Cases;

public sealed class CasePagesTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static Dictionary<string, string> Form(string given, string family, string birthDate, string gender = "Masculine") => new()
    {
        ["Input.GivenNames"] = given,
        ["Input.FamilyName"] = family,
        ["Input.Aliases"] = "",
        ["Input.BirthDate"] = birthDate,
        ["Input.Gender"] = gender,
        ["Input.Citizenships"] = "mk, al",
        ["Input.Languages"] = "MK",
        ["Input.EducationLevel"] = "PrimaryEducation",
        ["Input.DocumentType"] = "IdentityCard",
        ["Input.DocumentNumber"] = "A123",
        ["Input.DocumentCountry"] = "mk",
    };

    [Fact]
    public async Task NewCase_CaseWorkerPostsForm_RedirectsToCasePageShowingThePerson()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");

        var response = await UraFactory.PostFormAsync(client, "/cases/new", Form("Петар", "Стојанов", "1985-02-03"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/cases/", location, StringComparison.Ordinal);
        var page = await client.GetAsync(location);
        var html = await page.HtmlAsync();
        Assert.Contains("Петар", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Gender.Masculine", "mk"), html, StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoStore);
        var caseId = Guid.Parse(location["/cases/".Length..]);
        var saved = await factory.WithDb(db => db.Persons.AsNoTracking().SingleAsync(p => p.CaseId == caseId));
        Assert.Equal(("MK,AL", "mk", EducationLevel.PrimaryEducation), (saved.Citizenships, saved.Languages, saved.EducationLevel));
    }

    [Fact]
    public async Task NewCase_ChildWithoutGuardian_ShowsLocalisedErrorAndSavesNothing()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sr-Latn");
        var before = await factory.CountsAsync();

        var response = await UraFactory.PostFormAsync(client, "/cases/new", Form("Marko", "Petrović", DateTime.UtcNow.AddYears(-9).ToString("yyyy-MM-dd")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Cases.Person.GuardianRequired", "sr-Latn"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task NewCase_UnknownCountryCode_ShowsLocalisedErrorAndSavesNothing()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var form = Form("Arta", "Dema", "1990-01-01", "Feminine");
        form["Input.Citizenships"] = "Shqipëri";
        var before = await factory.CountsAsync();

        var response = await UraFactory.PostFormAsync(client, "/cases/new", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Cases.Person.UnknownCountry", "sq"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task NewCase_LikelyDuplicate_ShowsMatchThenSavesOnceConfirmed()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var existing = await OpenAsync(client, Adult("Ilir", "Çela", "1977-05-05"));
        var form = Form("Ilir", "Cela", "1977-05-05", "Feminine");
        var before = await factory.CountsAsync();

        var first = await UraFactory.PostFormAsync(client, "/cases/new", form);
        var html = await first.HtmlAsync();
        var afterFirst = await factory.CountsAsync();
        form["Input.ConfirmedDifferentPerson"] = "true";
        var second = await UraFactory.PostFormAsync(client, "/cases/new", form);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains(factory.Text("Cases.Person.PossibleDuplicate", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(existing.Reference, html, StringComparison.Ordinal);
        Assert.Equal((before.Persons, before.Cases), (afterFirst.Persons, afterFirst.Cases));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
    }

    [Theory]
    [InlineData("supervisor", "al")]
    [InlineData("orgadmin", "al")]
    [InlineData("sheltermanager", "al")]
    [InlineData("police", "al")]
    [InlineData("outreach", "al")]
    [InlineData("coordinator", "al")]
    [InlineData("analyst", "al")]
    public async Task NewCasePage_NotACaseWorker_Forbidden(string login, string country)
    {
        var client = await factory.SignInAsync(Demo.Email(login, country));

        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/cases/new")));
    }

    [Theory]
    [InlineData("socialworker", "al")]
    [InlineData("orgadmin", "al")]
    [InlineData("sheltermanager", "al")]
    [InlineData("coordinator", "al")]
    [InlineData("analyst", "al")]
    [InlineData("caseworker", "xk")]
    [InlineData("supervisor", "xk")]
    public async Task CasePage_OutsideTheCaseTeam_404WithoutThePerson(string login, string country)
    {
        var existing = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), Adult("Rrezarta", "Morina"));
        var client = await factory.SignInAsync(Demo.Email(login, country));

        var response = await client.GetAsync($"/cases/{existing.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Rrezarta", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_Supervisor_SeesThePersonAndTheReadIsAudited()
    {
        var existing = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), Adult("Mimoza", "Kelmendi"));
        var supervisor = (await factory.UserAsync(Demo.Supervisor)).Id;

        var html = await (await (await factory.SignInAsync(Demo.Supervisor)).GetAsync($"/cases/{existing.Id}")).HtmlAsync();

        Assert.Contains("Mimoza", html, StringComparison.Ordinal);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "read" && e.EntityId == existing.Id.ToString() && e.UserId == supervisor)));
    }

    [Fact]
    public async Task HomePage_CaseWorkerSeesNewCaseLinkOthersDoNot()
    {
        var worker = await (await (await factory.SignInAsync(Demo.CaseWorker)).GetAsync("/")).Content.ReadAsStringAsync();
        var admin = await (await (await factory.SignInAsync(Demo.OrgAdmin)).GetAsync("/")).Content.ReadAsStringAsync();

        Assert.Contains("href=\"/cases/new\"", worker, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/cases/new\"", admin, StringComparison.Ordinal);
    }

    [Fact]
    public void Resources_EveryValueShownOnThePages_HasATextInEveryLanguage()
    {
        var keys = Enum.GetNames<Gender>().Select(v => "Gender." + v)
            .Concat(Enum.GetNames<EducationLevel>().Select(v => "EducationLevel." + v))
            .Concat(Enum.GetNames<MaritalStatus>().Select(v => "MaritalStatus." + v))
            .Concat(Enum.GetNames<IdentityDocumentType>().Select(v => "IdentityDocumentType." + v))
            .Concat(Enum.GetNames<AgeBand>().Select(v => "AgeBand." + v));

        foreach (var language in new[] { "en", "sq", "mk", "sr-Latn" })
            Assert.All(keys, key => Assert.NotEqual(key, factory.Text(key, language)));
    }
}
