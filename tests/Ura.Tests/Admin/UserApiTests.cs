using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Admin;

public sealed class UserApiTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task List_OrgAdmin_OwnOrganisationWithRoleNamesAndStates()
    {
        var shelterId = (await factory.UserAsync(Demo.OrgAdmin)).OrganisationId;
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var page = await client.GetFromJsonAsync<Paged<UserSummary>>("/api/v1/users");

        Assert.All(page!.Items, u => Assert.Equal(shelterId, u.OrganisationId));
        var caseWorker = Assert.Single(page.Items, u => u.Email == Demo.CaseWorker);
        Assert.Equal([Roles.CaseWorker], caseWorker.Roles);
        Assert.Equal((true, true, false), (caseWorker.IsActive, caseWorker.TwoFactorEnabled, caseWorker.IsLockedOut));
        Assert.Equal((1, UserCommands.PageSize), (page.Page, page.PageSize));
    }

    [Fact]
    public async Task Create_ValidBody_Returns201WithOneTimePasswordAndSavesRoles()
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var response = await client.PostAsJsonAsync("/api/v1/users", new { email = " api.user@example.org ", name = "Api User", roles = new[] { "Supervisor", "CaseWorker" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedUser>())!;
        Assert.Equal(16, created.OneTimePassword.Length);
        Assert.Equal(("api.user@example.org", "Api User"), (created.User.Email, created.User.Name));
        Assert.Equal([Roles.CaseWorker, Roles.Supervisor], created.User.Roles);
        Assert.Equal($"/api/v1/users/{created.User.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal([Roles.CaseWorker, Roles.Supervisor], await factory.RolesOfAsync(created.User.Id));
        var audit = await factory.WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "user.create" && e.EntityId == created.User.Id.ToString()));
        Assert.Equal("roles=Supervisor,CaseWorker", audit.Detail);
    }

    [Theory]
    [InlineData("caseworker.al@demo.ura", "Ana", "CaseWorker", "email", "Identity.DuplicateEmail")]
    [InlineData("not-an-email", "Ana", "CaseWorker", "email", "Validation.Email")]
    [InlineData("ana@example.org", "", "CaseWorker", "name", "Validation.Required")]
    [InlineData("ana@example.org", "Ana", "Wizard", "roles", "Admin.Users.UnknownRole")]
    [InlineData("ana@example.org", "Ana", "SystemAdmin", "roles", "Admin.Users.SystemAdminNotAllowed")]
    public async Task Create_BadInput_Returns400WithLocalisedMessageAndAddsNothing(string email, string name, string role, string field, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin);
        var (users, events) = await Counts();

        var response = await client.PostAsJsonAsync("/api/v1/users", new { email, name, roles = new[] { role } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(messageKey, "sq")], await ProblemErrorsAsync(response, field));
        Assert.Equal((users, events), await Counts());
    }

    [Fact]
    public async Task CreateAndChangeRoles_NullRoles_Returns400AndChangesNothing()
    {
        var caseWorker = (await factory.UserAsync(Demo.CaseWorker)).Id;
        var client = await factory.SignInAsync(Demo.OrgAdmin);
        var (users, events) = await Counts();

        var create = await client.PostAsJsonAsync("/api/v1/users", new { email = "null.roles@example.org", name = "Null Roles", roles = (string[]?)null });
        var change = await client.PutAsJsonAsync($"/api/v1/users/{caseWorker}/roles", new { roles = (string[]?)null });

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal([factory.Text("Validation.Required", "sq")], await ProblemErrorsAsync(create, "roles"));
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Equal((users, events), await Counts());
        Assert.Equal([Roles.CaseWorker], await factory.RolesOfAsync(caseWorker));
    }

    [Fact]
    public async Task Create_SystemAdminGrantsSystemAdmin_Returns201()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        var response = await client.PostAsJsonAsync("/api/v1/users", new { email = "second.admin@example.org", name = "Second Admin", roles = new[] { "SystemAdmin" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([Roles.SystemAdmin], await factory.RolesOfAsync((await factory.UserAsync("second.admin@example.org")).Id));
    }

    [Fact]
    public async Task ChangeRoles_ValidRoles_Returns200AndSaves()
    {
        var id = await factory.CreateUserAsync("api.roles@example.org", (await factory.UserAsync(Demo.OrgAdmin)).OrganisationId, Roles.CaseWorker);
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var response = await client.PutAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { "ShelterManager", "CaseWorker", "ShelterManager" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Roles.CaseWorker, Roles.ShelterManager], (await response.Content.ReadFromJsonAsync<UserSummary>())!.Roles);
        Assert.Equal([Roles.CaseWorker, Roles.ShelterManager], await factory.RolesOfAsync(id));
    }

    [Fact]
    public async Task ChangeRoles_OwnAdminRoleRemoved_Returns400AndRolesStay()
    {
        var self = (await factory.UserAsync(Demo.OrgAdmin)).Id;
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var response = await client.PutAsJsonAsync($"/api/v1/users/{self}/roles", new { roles = new[] { "CaseWorker" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Admin.Users.OwnAdminRole", "sq")], await ProblemErrorsAsync(response, "roles"));
        Assert.Equal([Roles.OrganisationAdmin], await factory.RolesOfAsync(self));
    }

    [Fact]
    public async Task ChangeRoles_EmptyList_Returns400AndRolesStay()
    {
        var caseWorker = (await factory.UserAsync(Demo.CaseWorker)).Id;
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var response = await client.PutAsJsonAsync($"/api/v1/users/{caseWorker}/roles", new { roles = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Admin.Users.RolesRequired", "sq")], await ProblemErrorsAsync(response, "roles"));
        Assert.Equal([Roles.CaseWorker], await factory.RolesOfAsync(caseWorker));
    }

    [Fact]
    public async Task List_SystemAdminUnknownOrganisation_Returns404()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/users?organisationId={Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/users?organisationId={Guid.NewGuid()}",
            new { email = "nowhere@example.org", name = "Nowhere", roles = new[] { "Analyst" } })).StatusCode);
        Assert.False(await factory.WithDb(db => db.Users.AnyAsync(u => u.NormalizedEmail == "NOWHERE@EXAMPLE.ORG")));
    }

    private Task<(int Users, int Events)> Counts() =>
        factory.WithDb(async db => (await db.Users.CountAsync(), await db.AuditEvents.CountAsync(e => e.Action.StartsWith("user."))));
}
