using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.Cases;

/// <summary>Correcting the person's details after registration: same rules, blind index rebuilt, case team only.</summary>
public sealed class PersonEditTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Task<(string Given, string Family, string BirthDate, int Index, DateTime Updated)> RowAsync(Guid caseId) => factory.WithDb(async db =>
    {
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.CaseId == caseId);
        return (person.GivenNames, person.FamilyName, person.BirthDate, await db.PersonNameIndex.CountAsync(n => n.PersonId == person.Id),
            await db.Cases.Where(c => c.Id == caseId).Select(c => c.UpdatedAt).SingleAsync());
    });

    [Fact]
    public async Task UpdatePerson_NewNames_SavedIndexRebuiltOldNameNoLongerFoundTimelineEntry()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Lindita", "Rama"));
        var body = Adult("Lindita", "Mema");
        body["aliases"] = Array.Empty<string>();

        var updated = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/person", body);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var row = await RowAsync(opened.Id);
        Assert.Equal(("Lindita", "Mema", 2), (row.Given, row.Family, row.Index));
        var byOld = await client.PostAsJsonAsync("/api/v1/cases/duplicates", new { givenNames = "X", familyName = "Rama", birthYear = 1998, gender = "Feminine" });
        var byNew = await client.PostAsJsonAsync("/api/v1/cases/duplicates", new { givenNames = "Lindita", familyName = "Mema", birthYear = 1998, gender = "Feminine" });
        Assert.DoesNotContain(opened.Id.ToString(), await byOld.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(opened.Id.ToString(), await byNew.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var timeline = await client.GetFromJsonAsync<Ura.Features.Admin.Paged<TimelineEntry>>($"/api/v1/cases/{opened.Id}/timeline", Json);
        Assert.Equal("person.update", timeline!.Items[0].Action);
    }

    [Fact]
    public async Task EditPage_PrefilledAndSavedInAlbanian()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(client, Adult("Ornela", "Duka"));
        var url = $"/cases/{opened.Id}/person";

        var overview = await (await client.GetAsync($"/cases/{opened.Id}")).HtmlAsync();
        var form = await (await client.GetAsync(url)).HtmlAsync();
        var saved = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.GivenNames"] = "Ornela", ["Input.FamilyName"] = "Duka-Hasa", ["Input.BirthDate"] = "1998-04-12", ["Input.Gender"] = "Feminine",
            ["Input.Citizenships"] = "AL", ["Input.Languages"] = "sq", ["Input.DocumentType"] = "Passport", ["Input.DocumentNumber"] = "BA7654321", ["Input.DocumentCountry"] = "AL",
        });

        Assert.Contains($"href=\"{url}\"", overview, StringComparison.Ordinal);
        Assert.Contains("value=\"Duka\"", form, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Cases.Person.Edit", "sq"), form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Duka-Hasa", (await RowAsync(opened.Id)).Family);
        var documents = await factory.WithDb(db => db.IdentityDocuments.AsNoTracking().Where(d => db.Persons.Any(p => p.Id == d.PersonId && p.CaseId == opened.Id)).ToListAsync());
        Assert.Equal("BA7654321", Assert.Single(documents).Number);
    }

    [Fact]
    public async Task UpdatePerson_BadInput_LocalisedErrorNothingChanged()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");
        var opened = await OpenAsync(client, Adult("Sara", "Leka"));
        var before = await RowAsync(opened.Id);

        var future = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/person", Adult("Sara", "Other", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd")));
        var unknownGender = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/person", new Dictionary<string, object?>(Adult("Sara", "Other")) { ["gender"] = "X" });
        var page = await UraFactory.PostFormAsync(client, $"/cases/{opened.Id}/person", new() { ["Input.GivenNames"] = "Sara", ["Input.FamilyName"] = "Other", ["Input.Gender"] = "Feminine" });

        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains(factory.Text("Cases.Person.BirthDateInFuture", "mk"), await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownGender.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(factory.Text("Cases.Person.BirthRequired", "mk"), await page.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await RowAsync(opened.Id));
    }

    public static TheoryData<string> Outsiders => new()
    {
        Demo.Email("supervisor", "xk"), Demo.SocialWorker, Demo.Email("caseworker", "xk"), Demo.OrgAdmin, Demo.Coordinator, Demo.Police, Demo.SystemAdmin,
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task UpdatePerson_Outsider_NotFoundAndUnchanged(string outsider)
    {
        var worker = await factory.SignInAsync(Demo.CaseWorker);
        var opened = await OpenAsync(worker, Adult("Teuta", "Zeka"));
        var before = await RowAsync(opened.Id);
        var client = await factory.SignInAsync(outsider);

        var api = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/person", Adult("Changed", "Name"));
        var page = await client.GetAsync($"/cases/{opened.Id}/person");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(before, await RowAsync(opened.Id));
    }

    [Fact]
    public async Task UpdatePerson_ClosedCase_RefusedUnchanged()
    {
        var worker = await factory.SignInAsync(Demo.CaseWorker, "en");
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "en");
        var opened = await OpenAsync(worker, Adult("Mira", "Kosta"));
        await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ContactLost" });
        await supervisor.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure/approve", new { });
        var before = await RowAsync(opened.Id);

        var updated = await worker.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/person", Adult("Mira", "Changed"));

        Assert.Equal(HttpStatusCode.BadRequest, updated.StatusCode);
        Assert.Contains(factory.Text("Cases.Closed"), await updated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await RowAsync(opened.Id));
    }
}
