using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Cases;
using Ura.Platform.Crypto;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.Cases;

public sealed class CaseRegistrationApiTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task OpenCase_CaseWorker_Returns201WithPersonReferenceTeamAndAudit()
    {
        var worker = await factory.UserAsync(Demo.CaseWorker);
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var opened = await OpenAsync(client, Adult());

        Assert.Matches(new Regex($"^AL-{DateTime.UtcNow.Year}-\\d{{6}}$"), opened.Reference);
        Assert.Equal(("Drita", "Çela", "1998-04-12", false), (opened.Person.GivenNames, opened.Person.FamilyName, opened.Person.BirthDate, opened.Person.BirthDateEstimated));
        Assert.Equal(["Dita"], opened.Person.Aliases);
        Assert.Equal(["AL", "XK"], opened.Person.Citizenships);
        Assert.Equal(("Feminine", false, "UpperSecondaryEducation"), (opened.Person.Gender, opened.Person.IsChild, opened.Person.EducationLevel));
        var document = Assert.Single(opened.Person.Documents);
        Assert.Equal(("Passport", "BA1234567", "AL"), (document.Type, document.Number, document.IssuingCountry));
        var (team, organisation, indexRows, events) = await factory.WithDb(async db => (
            await db.CaseTeamMembers.Where(m => m.CaseId == opened.Id).Select(m => m.UserId).ToListAsync(),
            await db.Cases.Where(c => c.Id == opened.Id).Select(c => c.OrganisationId).SingleAsync(),
            await db.PersonNameIndex.CountAsync(n => db.Persons.Any(p => p.Id == n.PersonId && p.CaseId == opened.Id)),
            await db.AuditEvents.Where(e => e.EntityId == opened.Id.ToString()).Select(e => e.Action).ToListAsync()));
        Assert.Equal([worker.Id], team);
        Assert.Equal(worker.OrganisationId, organisation);
        Assert.Equal(3, indexRows); // drita, cela, dita
        Assert.Contains("case.open", events);
    }

    [Fact]
    public async Task OpenCase_TwoCases_ReferencesFollowEachOtherAndNeverHoldTheName()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var first = await OpenAsync(client, Adult("Arben", "Hoxha"));
        var second = await OpenAsync(client, Adult("Besa", "Krasniqi"));

        Assert.Equal(int.Parse(first.Reference[^6..]) + 1, int.Parse(second.Reference[^6..]));
        Assert.DoesNotContain("Hoxha", first.Reference, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OpenCase_ConcurrentRegistrations_EachGetsItsOwnReference()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => factory.SignInAsync(Demo.CaseWorker)));

        var opened = await Task.WhenAll(Enumerable.Range(0, 9).Select(i => OpenAsync(clients[i % 3], Adult("Parallel", "Person" + (char)('a' + i)))));

        Assert.Equal(9, opened.Select(c => c.Reference).Distinct().Count());
    }

    [Fact]
    public async Task OpenCase_ChildWithGuardian_Returns201MarkedChild()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var body = Adult(birthDate: DateTime.UtcNow.AddYears(-15).ToString("yyyy-MM-dd"));
        body["guardianName"] = "Mira Çela";
        body["guardianRelation"] = "Mother";

        var opened = await OpenAsync(client, body);

        Assert.True(opened.Person.IsChild);
        Assert.Equal("From12To17", opened.Person.AgeBand);
        Assert.Equal("Mira Çela", opened.Person.GuardianName);
    }

    [Fact]
    public async Task OpenCase_EstimatedYearPossiblyUnder18_TreatedAsChildNeedingGuardian()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var body = Adult(birthDate: null);
        body["estimatedBirthYear"] = DateTime.UtcNow.Year - 18;
        var before = await factory.CountsAsync();

        var response = await client.PostAsJsonAsync("/api/v1/cases", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Cases.Person.GuardianRequired", "sq")], await ProblemErrorsAsync(response, "guardianName"));
        Assert.Equal(before, await factory.CountsAsync());
    }

    public static TheoryData<string, object?, string, string> BadInputs => new()
    {
        { "birthDate", DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"), "birthDate", "Cases.Person.BirthDateInFuture" },
        { "birthDate", null, "birthDate", "Cases.Person.BirthRequired" },
        { "gender", "female", "gender", "Cases.Person.UnknownGender" },
        { "gender", "1", "gender", "Cases.Person.UnknownGender" },
        { "educationLevel", "University", "educationLevel", "Cases.Person.UnknownEducationLevel" },
        { "maritalStatus", "Engaged", "maritalStatus", "Cases.Person.UnknownMaritalStatus" },
        { "citizenships", new[] { "ZZ" }, "citizenships", "Cases.Person.UnknownCountry" },
        { "citizenships", new[] { "al" }, "citizenships", "Cases.Person.UnknownCountry" },
        { "languages", new[] { "Albanian" }, "languages", "Cases.Person.UnknownLanguage" },
        { "givenNames", "   ", "givenNames", "Validation.Required" },
        { "familyName", "", "familyName", "Validation.Required" },
        { "phone", "call me", "phone", "Cases.Person.InvalidPhone" },
        { "email", "not-an-email", "email", "Validation.Email" },
        { "documents", new[] { new { type = "Visa", number = "1", issuingCountry = "AL" } }, "documents", "Cases.Person.UnknownDocumentType" },
        { "documents", new[] { new { type = "Passport", number = "1", issuingCountry = "XX" } }, "documents", "Cases.Person.UnknownCountry" },
        { "birthDate", DateTime.UtcNow.AddYears(-10).ToString("yyyy-MM-dd"), "guardianName", "Cases.Person.GuardianRequired" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task OpenCase_BadInput_Returns400WithLocalisedMessageAndSavesNothing(string field, object? value, string errorField, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var body = Adult();
        body[field] = value;
        var before = await factory.CountsAsync();

        var response = await client.PostAsJsonAsync("/api/v1/cases", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(messageKey, "sq")], await ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Theory]
    [InlineData("supervisor", "al")]
    [InlineData("orgadmin", "al")]
    [InlineData("sheltermanager", "al")]
    [InlineData("police", "al")]
    [InlineData("outreach", "al")]
    [InlineData("coordinator", "al")]
    [InlineData("analyst", "al")]
    public async Task OpenCase_NotACaseWorker_Returns403AndSavesNothing(string login, string country)
    {
        var client = await factory.SignInAsync(Demo.Email(login, country));
        var before = await factory.CountsAsync();

        var response = await client.PostAsJsonAsync("/api/v1/cases", Adult());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task OpenCase_SystemAdmin_Returns403AndSavesNothing()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        var before = await factory.CountsAsync();

        var response = await client.PostAsJsonAsync("/api/v1/cases", Adult());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task OpenCase_OrganisationInBody_IgnoredCaseBelongsToTheWorkersOrganisation()
    {
        var worker = await factory.UserAsync(Demo.CaseWorker);
        var other = await factory.UserAsync(Demo.SocialWorker);
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var body = Adult("Genta", "Leka");
        body["organisationId"] = other.OrganisationId;

        var opened = await OpenAsync(client, body);

        Assert.Equal(worker.OrganisationId, await factory.WithDb(db => db.Persons.Where(p => p.CaseId == opened.Id).Select(p => p.OrganisationId).SingleAsync()));
    }

    [Fact]
    public async Task GetCase_CreatorAndSupervisor_SeeThePersonAndEachReadIsAudited()
    {
        var opened = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), Adult("Liridona", "Berisha"));
        var readsBefore = await ReadsOf(opened.Id);

        foreach (var email in new[] { Demo.CaseWorker, Demo.Supervisor })
        {
            var seen = await (await factory.SignInAsync(email)).GetFromJsonAsync<CaseView>($"/api/v1/cases/{opened.Id}");
            Assert.Equal(("Liridona", "Berisha", opened.Reference), (seen!.Person.GivenNames, seen.Person.FamilyName, seen.Reference));
        }

        Assert.Equal(readsBefore + 2, await ReadsOf(opened.Id));
    }

    [Theory]
    [InlineData("socialworker", "al")]
    [InlineData("orgadmin", "al")]
    [InlineData("sheltermanager", "al")]
    [InlineData("police", "al")]
    [InlineData("coordinator", "al")]
    [InlineData("analyst", "al")]
    [InlineData("outreach", "al")]
    [InlineData("caseworker", "xk")]
    [InlineData("supervisor", "xk")]
    public async Task GetCase_OutsideTheCaseTeam_Returns404WithoutAuditedReadOrPersonalData(string login, string country)
    {
        var opened = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), Adult("Valbona", "Gashi"));
        var readsBefore = await ReadsOf(opened.Id);
        var client = await factory.SignInAsync(Demo.Email(login, country));

        var response = await client.GetAsync($"/api/v1/cases/{opened.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Valbona", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(readsBefore, await ReadsOf(opened.Id));
    }

    [Fact]
    public async Task GetCase_SystemAdminOrUnknownId_Returns404()
    {
        var opened = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), Adult("Edona", "Shala"));

        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignInAsync(Demo.SystemAdmin)).GetAsync($"/api/v1/cases/{opened.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignInAsync(Demo.CaseWorker)).GetAsync($"/api/v1/cases/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task OpenCase_Registered_DatabaseHoldsNoPlaintextOfIdentifyingFields()
    {
        var marker = "Zmarker" + Guid.NewGuid().ToString("N")[..12];
        var body = Adult(marker, marker + "fam");
        body["aliases"] = new[] { marker + "alias" };
        body["address"] = marker + " street";
        body["email"] = marker + "@example.org";
        body["documents"] = new[] { new { type = "Passport", number = marker, issuingCountry = "AL" } };
        var opened = await OpenAsync(await factory.SignInAsync(Demo.CaseWorker), body);

        var raw = await factory.WithDb(async db =>
        {
            var person = await db.Database.SqlQuery<string>($"SELECT \"GivenNames\" || '|' || \"FamilyName\" || '|' || \"Aliases\" || '|' || \"BirthDate\" || '|' || \"Address\" || '|' || \"Email\" || '|' || \"Phone\" AS \"Value\" FROM \"Persons\" WHERE \"CaseId\" = {opened.Id}").SingleAsync();
            var documents = await db.Database.SqlQuery<string>($"SELECT d.\"Number\" AS \"Value\" FROM \"IdentityDocuments\" d JOIN \"Persons\" p ON p.\"Id\" = d.\"PersonId\" WHERE p.\"CaseId\" = {opened.Id}").SingleAsync();
            var index = await db.Database.SqlQuery<string>($"SELECT n.\"Hash\" AS \"Value\" FROM \"PersonNameIndex\" n JOIN \"Persons\" p ON p.\"Id\" = n.\"PersonId\" WHERE p.\"CaseId\" = {opened.Id}").ToListAsync();
            return string.Join("|", [person, documents, .. index]);
        });
        var protector = factory.Services.GetRequiredService<FieldProtection>().For(FieldClass.PersonName);
        var storedGiven = await factory.WithDb(db => db.Database.SqlQuery<string>($"SELECT \"GivenNames\" AS \"Value\" FROM \"Persons\" WHERE \"CaseId\" = {opened.Id}").SingleAsync());

        Assert.DoesNotContain(marker.ToLowerInvariant(), raw.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.DoesNotContain("1998-04-12", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("123 4567", raw, StringComparison.Ordinal);
        Assert.Equal(marker, protector.Unprotect(storedGiven));
        Assert.Equal(marker, opened.Person.GivenNames);
    }

    private Task<int> ReadsOf(Guid caseId) =>
        factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "read" && e.EntityId == caseId.ToString()));
}
