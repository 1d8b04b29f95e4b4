using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Admin;

public sealed partial class OrganisationAdminTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Create_ValidForm_SavesTypeFlagsAndAuditEvent()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        // What a browser sends: a ticked box sends "true" before its hidden "false"; an unticked one only "false".
        var response = await client.PostAsync("/admin/organisations/new", new FormUrlEncodedContent(
        [
            new("__af", await UraFactory.AntiforgeryTokenAsync(client, "/admin/organisations/new")),
            new("Input.Name", "Qendra e Ndihmës Ligjore"),
            new("Input.CountryCode", "AL"),
            new("Input.Type", "LegalService"),
            new("Input.IsIdentificationAuthority", "false"),
            new("Input.IsNationalCoordinatorOffice", "false"),
            new("Input.IsShelterOperator", "true"),
            new("Input.IsShelterOperator", "false"),
            new("Input.IsActive", "true"),
            new("Input.IsActive", "false"),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await factory.WithDb(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "Qendra e Ndihmës Ligjore"));
        Assert.Equal((OrganisationType.LegalService, "AL", false, false, true, true),
            (created.Type, created.CountryCode, created.IsIdentificationAuthority, created.IsNationalCoordinatorOffice, created.IsShelterOperator, created.IsActive));
        var audit = await factory.WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "organisation.create" && e.EntityId == created.Id.ToString()));
        Assert.Equal("country=AL; type=LegalService", audit.Detail);
    }

    [Fact]
    public async Task Edit_UntickActive_DeactivatesAndRecordsWhichFieldChanged()
    {
        var id = await AddOrganisationAsync("Linja e Testit", "AL");
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        var response = await PostPageAsync(client, $"/admin/organisations/{id}", new()
        {
            ["Input.Name"] = "Linja e Testit",
            ["Input.CountryCode"] = "AL",
            ["Input.Type"] = "NGO",
            ["Input.IsActive"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await factory.WithDb(db => db.Organisations.Where(o => o.Id == id).Select(o => o.IsActive).SingleAsync()));
        var audit = await factory.WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.EntityId == id.ToString() && e.Action != "organisation.create"));
        Assert.Equal(("organisation.deactivate", "fields=active"), (audit.Action, audit.Detail));
    }

    [Fact]
    public async Task List_FilterByCountry_ShowsThatCountryOnlyWithTypesInPlainWords()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        var html = await (await client.GetAsync("/admin/organisations?country=mk")).HtmlAsync();

        Assert.Contains("Засолниште Отворена порта (НВО)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Strehëza Shpresa (OJF)", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{factory.Text("OrganisationType.NGO", "sq")}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{factory.Text("Admin.Organisations.ShelterOperator", "sq")}</td>", html, StringComparison.Ordinal);
        foreach (var name in Enum.GetNames<OrganisationType>())
            Assert.DoesNotContain($"<td>{name}</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_MoreThanFiftyInCountry_PagesFiftyThenTheRestInNameOrder()
    {
        await factory.WithDb(async db =>
        {
            db.Countries.Add(new Country { Code = "YY", Name = "Zzland" });
            for (var i = 54; i >= 0; i--)
                db.Organisations.Add(new Organisation { Name = $"Org {i:D2}", CountryCode = "YY", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        var first = RowNames(await (await client.GetAsync("/admin/organisations?country=YY")).HtmlAsync());
        var secondHtml = await (await client.GetAsync("/admin/organisations?country=YY&page=2")).HtmlAsync();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"Org {i:D2}"), first);
        Assert.Equal(Enumerable.Range(50, 5).Select(i => $"Org {i:D2}"), RowNames(secondHtml));
        Assert.Contains("href=\"/admin/organisations?country=YY&page=1\"", secondHtml, StringComparison.Ordinal);

        var all = await client.GetFromJsonAsync<Paged<OrganisationSummary>>("/api/v1/organisations");
        Assert.Equal(50, all!.Items.Count);
        Assert.Equal(await factory.WithDb(db => db.Organisations.CountAsync()), all.TotalCount);
        var countries = all.Items.Select(o => o.CountryName).ToList();
        Assert.Equal(countries.Order(StringComparer.Ordinal), countries);
    }

    [Fact]
    public async Task Create_DuplicateNameInSameCountry_ShowsErrorAtNameAndAddsNothing()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        var count = await OrganisationCount();

        var response = await PostPageAsync(client, "/admin/organisations/new", new()
        {
            ["Input.Name"] = "Strehëza Shpresa (OJF)",
            ["Input.CountryCode"] = "AL",
            ["Input.Type"] = "NGO",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"Input_Name-error\">{factory.Text("Admin.Organisations.Duplicate", "sq")}</p>", await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(count, await OrganisationCount());
    }

    [Fact]
    public async Task Create_EmptyNameAndUnknownCountry_ShowsBothErrorsAndAddsNothing()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        var count = await OrganisationCount();

        var response = await PostPageAsync(client, "/admin/organisations/new", new()
        {
            ["Input.Name"] = "",
            ["Input.CountryCode"] = "QQ",
            ["Input.Type"] = "NGO",
        });

        var html = await response.HtmlAsync();
        Assert.Contains($"id=\"Input_Name-error\">{factory.Text("Validation.Required", "sq")}</p>", html, StringComparison.Ordinal);
        Assert.Equal(count, await OrganisationCount());

        // The name is fixed; the unknown country is the business rule's turn.
        response = await PostPageAsync(client, "/admin/organisations/new", new()
        {
            ["Input.Name"] = "Diku",
            ["Input.CountryCode"] = "QQ",
            ["Input.Type"] = "NGO",
        });
        Assert.Contains($"id=\"country-error\">{factory.Text("Admin.Organisations.UnknownCountry", "sq")}</p>", await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(count, await OrganisationCount());
    }

    [Fact]
    public async Task Edit_UnknownId_Returns404()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/organisations/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/organisations/not-an-id")).StatusCode);
    }

    [Fact]
    public async Task ApiCreateThenChange_SystemAdmin_SavesAndAnswersTheOrganisation()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        var created = await client.PostAsJsonAsync("/api/v1/organisations", new
        {
            name = "Centar za pravnu pomoć", countryCode = "rs", type = "LegalService", isShelterOperator = false,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organisation = (await created.Content.ReadFromJsonAsync<OrganisationSummary>())!;
        Assert.Equal(("RS", "Serbia", "LegalService", true), (organisation.CountryCode, organisation.CountryName, organisation.Type, organisation.IsActive));
        Assert.Equal($"/api/v1/organisations/{organisation.Id}", created.Headers.Location!.OriginalString);

        var changed = await client.PutAsJsonAsync($"/api/v1/organisations/{organisation.Id}", new
        {
            name = "Centar za pravnu pomoć Beograd", countryCode = "RS", type = "NGO", isIdentificationAuthority = true, isActive = true,
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var row = await factory.WithDb(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id));
        Assert.Equal(("Centar za pravnu pomoć Beograd", OrganisationType.NGO, true), (row.Name, row.Type, row.IsIdentificationAuthority));
        var audit = await factory.WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "organisation.update" && e.EntityId == organisation.Id.ToString()));
        Assert.Equal("fields=name,type,identificationAuthority", audit.Detail);
    }

    [Theory]
    [InlineData("Shelter")]
    [InlineData("3")]
    [InlineData("ngo")]
    public async Task ApiCreate_UnknownType_Returns400WithLocalisedErrorAndAddsNothing(string type)
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        var count = await OrganisationCount();

        var response = await client.PostAsJsonAsync("/api/v1/organisations", new { name = "Strehëz e re", countryCode = "AL", type });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Admin.Organisations.UnknownType", "sq")], await ProblemErrorsAsync(response, "type"));
        Assert.Equal(count, await OrganisationCount());
    }

    [Fact]
    public async Task ApiChange_EmptyNameOrUnknownCountry_Returns400AndLeavesRowUnchanged()
    {
        var id = await AddOrganisationAsync("Qendra Pa Ndryshim", "AL");
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        var empty = await client.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name = "", countryCode = "AL", type = "NGO" });
        var unknown = await client.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name = "Qendra", countryCode = "QQ", type = "NGO" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal([factory.Text("Validation.Required", "sq")], await ProblemErrorsAsync(empty, "name"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal([factory.Text("Admin.Organisations.UnknownCountry", "sq")], await ProblemErrorsAsync(unknown, "countryCode"));
        var row = await factory.WithDb(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(("Qendra Pa Ndryshim", "AL"), (row.Name, row.CountryCode));
    }

    [Fact]
    public async Task ApiChange_UnknownId_Returns404()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        var response = await client.PutAsJsonAsync($"/api/v1/organisations/{Guid.NewGuid()}", new { name = "X", countryCode = "AL", type = "NGO" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ApiGet_CaseWorker_ReadsDirectoryEntryWithTypeAndFlags()
    {
        var shelterId = (await factory.UserAsync(Demo.CaseWorker)).OrganisationId;
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var shelter = await client.GetFromJsonAsync<OrganisationSummary>($"/api/v1/organisations/{shelterId}");

        Assert.Equal(("Strehëza Shpresa (OJF)", "AL", "NGO", true, false), (shelter!.Name, shelter.CountryCode, shelter.Type, shelter.IsShelterOperator, shelter.IsIdentificationAuthority));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/organisations/{Guid.NewGuid()}")).StatusCode);
    }

    private Task<int> OrganisationCount() => factory.WithDb(db => db.Organisations.CountAsync());

    private Task<Guid> AddOrganisationAsync(string name, string country) => factory.WithDb(async db =>
    {
        var organisation = new Organisation { Name = name, CountryCode = country, CreatedAt = DateTime.UtcNow };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    });

    private static List<string> RowNames(string html) => [.. RowName().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<th scope=\"row\"><a href=\"/admin/organisations/[0-9a-f-]+\">([^<]+)</a></th>")]
    private static partial Regex RowName();
}
