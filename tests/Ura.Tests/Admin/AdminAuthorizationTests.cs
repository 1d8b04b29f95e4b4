using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Admin;

/// <summary>Every admin page and API endpoint, for every demo role: who gets in, who gets 403.</summary>
public sealed class AdminAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private const string SystemAdminLogin = "sysadmin";

    public static TheoryData<string> Logins => [.. DemoData.Logins.Select(l => l.Login), SystemAdminLogin];

    [Theory]
    [MemberData(nameof(Logins))]
    public async Task AdminPagesAndApi_DemoRole_AllowedRolesGetSuccessOthers403(string login)
    {
        var systemAdmin = login == SystemAdminLogin;
        var userAdmin = systemAdmin || login == "orgadmin";
        var client = await factory.SignInAsync(systemAdmin ? Demo.SystemAdmin : Demo.Email(login));
        var caseWorker = await factory.UserAsync(Demo.CaseWorker);
        var shelterId = caseWorker.OrganisationId;
        var shelter = await factory.WithDb(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == shelterId));
        var unchangedShelter = new
        {
            shelter.Name, shelter.CountryCode, Type = shelter.Type.ToString(), shelter.IsIdentificationAuthority,
            shelter.IsNationalCoordinatorOffice, shelter.IsShelterOperator, shelter.IsActive,
        };

        // (request, allowed?, status when allowed). Page posts carry invalid input, so an allowed role
        // sees the form again (200) and nothing changes.
        var checks = new List<(Func<HttpRequestMessage> Request, bool Allowed, HttpStatusCode Success)>
        {
            (() => new(HttpMethod.Get, "/admin/countries"), systemAdmin, HttpStatusCode.OK),
            (() => new(HttpMethod.Get, "/admin/countries/AL"), systemAdmin, HttpStatusCode.OK),
            (() => new(HttpMethod.Get, "/admin/organisations"), systemAdmin, HttpStatusCode.OK),
            (() => new(HttpMethod.Get, "/admin/organisations?country=AL&page=1"), systemAdmin, HttpStatusCode.OK),
            (() => new(HttpMethod.Get, "/admin/organisations/new"), systemAdmin, HttpStatusCode.OK),
            (() => new(HttpMethod.Get, $"/admin/organisations/{shelterId}"), systemAdmin, HttpStatusCode.OK),
            (() => new(HttpMethod.Get, "/admin/users"), userAdmin, HttpStatusCode.OK),
            (() => new(HttpMethod.Get, "/admin/users/new"), userAdmin, HttpStatusCode.OK),
            (() => new(HttpMethod.Get, $"/admin/users/{caseWorker.Id}"), userAdmin, HttpStatusCode.OK),
            (() => Json(HttpMethod.Get, "/api/v1/organisations", null), true, HttpStatusCode.OK),
            (() => Json(HttpMethod.Get, $"/api/v1/organisations/{shelterId}", null), true, HttpStatusCode.OK),
            (() => Json(HttpMethod.Post, "/api/v1/organisations", new { name = "Matrix " + login, countryCode = "AL", type = "NGO" }), systemAdmin, HttpStatusCode.Created),
            (() => Json(HttpMethod.Put, $"/api/v1/organisations/{shelterId}", unchangedShelter), systemAdmin, HttpStatusCode.OK),
            (() => Json(HttpMethod.Get, "/api/v1/users", null), userAdmin, HttpStatusCode.OK),
            (() => Json(HttpMethod.Get, $"/api/v1/users/{caseWorker.Id}", null), userAdmin, HttpStatusCode.OK),
            (() => Json(HttpMethod.Post, "/api/v1/users", new { email = $"matrix.{login}@example.org", name = "Matrix", roles = new[] { "Analyst" } }), userAdmin, HttpStatusCode.Created),
            (() => Json(HttpMethod.Put, $"/api/v1/users/{caseWorker.Id}/roles", new { roles = new[] { "CaseWorker" } }), userAdmin, HttpStatusCode.OK),
        };

        var wrong = new List<string>();
        foreach (var (request, allowed, success) in checks)
        {
            using var message = request();
            var expected = allowed ? success : HttpStatusCode.Forbidden;
            var actual = await FinalStatusAsync(client, message);
            if (actual != expected)
                wrong.Add($"{message.Method} {message.RequestUri}: {(int)actual}, expected {(int)expected}");
        }

        var posts = new List<(string Url, Dictionary<string, string> Fields, bool Allowed)>
        {
            ("/admin/countries", new() { ["Input.Code"] = "", ["Input.Name"] = "", ["Input.ReflectionPeriodDays"] = "30" }, systemAdmin),
            ("/admin/countries/AL", new() { ["Input.Name"] = "", ["Input.ReflectionPeriodDays"] = "30" }, systemAdmin),
            ("/admin/organisations/new", new() { ["Input.Name"] = "", ["Input.CountryCode"] = "AL", ["Input.Type"] = "NGO" }, systemAdmin),
            ($"/admin/organisations/{shelterId}", new() { ["Input.Name"] = "", ["Input.CountryCode"] = "AL", ["Input.Type"] = "NGO" }, systemAdmin),
            ("/admin/users/new", new() { ["Input.Email"] = "", ["Input.Name"] = "" }, userAdmin),
            ($"/admin/users/{caseWorker.Id}?handler=Roles", new(), userAdmin),
        };
        foreach (var (url, fields, allowed) in posts)
        {
            var response = await FollowAccessDeniedAsync(client, await PostPageAsync(client, url, fields));
            var expected = allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            if (response.StatusCode != expected)
                wrong.Add($"POST {url}: {(int)response.StatusCode}, expected {(int)expected}");
        }

        Assert.True(wrong.Count == 0, $"{login}:\n" + string.Join("\n", wrong));
        Assert.Equal([Ura.Platform.Identity.Roles.CaseWorker], await factory.RolesOfAsync(caseWorker.Id));
    }

    [Theory]
    [InlineData("/admin/countries")]
    [InlineData("/admin/organisations")]
    [InlineData("/admin/users")]
    public async Task AdminPage_Anonymous_RedirectsToSignIn(string url)
    {
        var response = await factory.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", RedirectPath(response));
    }

    [Theory]
    [InlineData("/api/v1/organisations")]
    [InlineData("/api/v1/users")]
    public async Task AdminApi_Anonymous_Returns401(string url)
    {
        var response = await factory.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_AdminEndpoints_AreDescribedWithNamesAndTags()
    {
        var response = await factory.Anonymous().GetAsync("/openapi/v1.json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = json.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Where(o => o.Value.TryGetProperty("operationId", out _))
            .ToDictionary(o => o.Value.GetProperty("operationId").GetString()!, o => o.Value.GetProperty("tags")[0].GetString());

        foreach (var name in new[] { "ListOrganisations", "GetOrganisation", "CreateOrganisation", "ChangeOrganisation" })
            Assert.Equal("Organisations", operations.GetValueOrDefault(name));
        foreach (var name in new[] { "ListUsers", "GetUser", "CreateUser", "ChangeUserRoles" })
            Assert.Equal("Users", operations.GetValueOrDefault(name));
    }
}
