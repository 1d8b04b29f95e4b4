using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Account;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Admin;

/// <summary>The user pages as the Albanian shelter's organisation admin and the system admin use them.</summary>
public sealed partial class UserAdminTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Create_ValidForm_ShowsOneTimePasswordOnceAndItSignsIn()
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin);
        var shelterId = (await factory.UserAsync(Demo.OrgAdmin)).OrganisationId;

        var response = await PostPageAsync(client, "/admin/users/new", new()
        {
            ["Input.Email"] = "mira.kola@example.org",
            ["Input.Name"] = "Mira Kola",
            ["Input.Roles"] = "Analyst",
        });

        var html = await response.HtmlAsync();
        var password = SecretShown().Match(html).Groups[1].Value;
        Assert.Equal(16, password.Length);
        var user = await factory.UserAsync("mira.kola@example.org");
        Assert.Equal((shelterId, "Mira Kola", true), (user.OrganisationId, user.DisplayName, user.IsActive));
        Assert.Equal([Roles.Analyst], await factory.RolesOfAsync(user.Id));
        Assert.DoesNotContain(password, await (await client.GetAsync($"/admin/users/{user.Id}")).HtmlAsync(), StringComparison.Ordinal);

        var signIn = await UraFactory.PostFormAsync(factory.Anonymous(), "/account/login", new()
        {
            ["Input.Email"] = "mira.kola@example.org",
            ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", RedirectPath(signIn));
    }

    [Fact]
    public async Task Create_DuplicateEmail_ShowsAlbanianMessageAtEmailAndAddsNothing()
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin);
        var count = await UserCount();

        var response = await PostPageAsync(client, "/admin/users/new", new()
        {
            ["Input.Email"] = "CaseWorker.AL@demo.ura",
            ["Input.Name"] = "Someone Else",
            ["Input.Roles"] = "CaseWorker",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Input_Email-error\">Ekziston tashmë një përdorues me këtë adresë e-maili.</p>", await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(count, await UserCount());
    }

    [Theory]
    [InlineData("", "CaseWorker", "Input_Name-error", "Validation.Required")]
    [InlineData("Ana", null, "roles-error", "Admin.Users.RolesRequired")]
    [InlineData("Ana", "Wizard", "roles-error", "Admin.Users.UnknownRole")]
    [InlineData("Ana", "SystemAdmin", "roles-error", "Admin.Users.SystemAdminNotAllowed")]
    public async Task Create_BadInput_ShowsLocalisedErrorNextToFieldAndAddsNothing(string name, string? role, string errorId, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin);
        var count = await UserCount();
        var fields = new Dictionary<string, string> { ["Input.Email"] = $"bad.{Guid.NewGuid():N}@example.org", ["Input.Name"] = name };
        if (role is not null)
            fields["Input.Roles"] = role;

        var response = await PostPageAsync(client, "/admin/users/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"{errorId}\">{factory.Text(messageKey, "sq")}</p>", await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(count, await UserCount());
    }

    [Fact]
    public async Task Create_OrganisationIdInQueryAndForm_OrgAdminStillCreatesInOwnOrganisation()
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin);
        var own = (await factory.UserAsync(Demo.OrgAdmin)).OrganisationId;
        var other = (await factory.UserAsync(Demo.OtherOrgAdmin)).OrganisationId;

        var response = await PostPageAsync(client, $"/admin/users/new?organisationId={other}", new()
        {
            ["Input.Email"] = "tenant.form@example.org",
            ["Input.Name"] = "Tenant Form",
            ["Input.Roles"] = "Analyst",
            ["organisationId"] = other.ToString(),
            ["Input.OrganisationId"] = other.ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(own, (await factory.UserAsync("tenant.form@example.org")).OrganisationId);
    }

    [Fact]
    public async Task ChangeRoles_OrgAdmin_SavesRolesAndAuditsRoleNamesOnly()
    {
        var id = await NewUserAsync("roles.change@example.org", Roles.CaseWorker);
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var response = await client.PostAsync($"/admin/users/{id}?handler=Roles", new FormUrlEncodedContent(
        [
            new("__af", await UraFactory.AntiforgeryTokenAsync(client, $"/admin/users/{id}")),
            new("Input.Roles", "Supervisor"),
            new("Input.Roles", "OutreachOfficer"),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([Roles.OutreachOfficer, Roles.Supervisor], await factory.RolesOfAsync(id));
        var audit = await factory.WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "user.roles.change" && e.EntityId == id.ToString()));
        Assert.Equal("added=Supervisor,OutreachOfficer; removed=CaseWorker", audit.Detail);
        Assert.Equal((await factory.UserAsync(Demo.OrgAdmin)).OrganisationId, audit.OrganisationId);
    }

    [Fact]
    public async Task ChangeRoles_OrgAdminGrantsSystemAdmin_ShowsErrorAndRolesStay()
    {
        var id = await NewUserAsync("no.sysadmin@example.org", Roles.CaseWorker);
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var response = await PostPageAsync(client, $"/admin/users/{id}?handler=Roles", new() { ["Input.Roles"] = "SystemAdmin" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"roles-error\">{factory.Text("Admin.Users.SystemAdminNotAllowed", "sq")}</p>", await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal([Roles.CaseWorker], await factory.RolesOfAsync(id));
    }

    [Fact]
    public async Task ChangeRoles_OrgAdminRemovesOwnAdminRole_ShowsErrorAndRolesStay()
    {
        var self = (await factory.UserAsync(Demo.OrgAdmin)).Id;
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var response = await PostPageAsync(client, $"/admin/users/{self}?handler=Roles", new() { ["Input.Roles"] = "CaseWorker" });

        Assert.Contains($"id=\"roles-error\">{factory.Text("Admin.Users.OwnAdminRole", "sq")}</p>", await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal([Roles.OrganisationAdmin], await factory.RolesOfAsync(self));
    }

    [Fact]
    public async Task Deactivate_Self_ShowsErrorAndStaysActive()
    {
        var self = await factory.UserAsync(Demo.OrgAdmin);
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var response = await PostPageAsync(client, $"/admin/users/{self.Id}?handler=Deactivate", []);

        Assert.Contains(factory.Text("Admin.Users.NotYourself", "sq"), await response.HtmlAsync(), StringComparison.Ordinal);
        var after = await factory.UserAsync(Demo.OrgAdmin);
        Assert.Equal((true, self.SecurityStamp), (after.IsActive, after.SecurityStamp));
    }

    [Fact]
    public async Task Deactivate_User_EndsSignInAndTokensThenReactivateRestoresSignIn()
    {
        const string email = "leaving@example.org";
        var password = UserAccounts.NewPassword();
        var shelterId = (await factory.UserAsync(Demo.OrgAdmin)).OrganisationId;
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, "Leaving", shelterId, [Roles.Analyst], password, CancellationToken.None)).Succeeded);
        await factory.PasswordChosenAsync(email);
        var before = await factory.UserAsync(email);
        string token;
        await using (var scope = factory.Services.CreateAsyncScope())
            token = await scope.ServiceProvider.GetRequiredService<TokenCommands>().CreateAsync(before.Id, "script", 30, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(token).GetAsync("/api/v1/me")).StatusCode);
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var response = await PostPageAsync(client, $"/admin/users/{before.Id}?handler=Deactivate", []);

        Assert.Equal($"/admin/users/{before.Id}", RedirectPath(response));
        var after = await factory.UserAsync(email);
        Assert.False(after.IsActive);
        Assert.True(after.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100));
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInWithPassword(email, password)).StatusCode);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "user.deactivate" && e.EntityId == before.Id.ToString())));

        var reactivate = await PostPageAsync(client, $"/admin/users/{before.Id}?handler=Reactivate", []);

        Assert.Equal(HttpStatusCode.Redirect, reactivate.StatusCode);
        var back = await factory.UserAsync(email);
        Assert.Equal((true, (DateTimeOffset?)null), (back.IsActive, back.LockoutEnd));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithPassword(email, password)).StatusCode);
    }

    [Fact]
    public async Task Unlock_LockedOutUser_ClearsLockoutAndFailedCount()
    {
        var id = await NewUserAsync("locked@example.org", Roles.CaseWorker);
        await factory.WithDb(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15))
            .SetProperty(u => u.AccessFailedCount, 5)));
        var client = await factory.SignInAsync(Demo.OrgAdmin);
        var list = await (await client.GetAsync("/admin/users")).HtmlAsync();
        Assert.Matches($"locked@example.org</td>.*?<td>{factory.Text("Admin.Yes", "sq")}</td>\\s*</tr>", Regex.Replace(list, "\\s+", " "));

        var response = await PostPageAsync(client, $"/admin/users/{id}?handler=Unlock", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var user = await factory.UserAsync("locked@example.org");
        Assert.Equal(((DateTimeOffset?)null, 0), (user.LockoutEnd, user.AccessFailedCount));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "user.unlock" && e.EntityId == id.ToString())));
    }

    [Fact]
    public async Task ResetTwoFactor_EnrolledUser_TurnsItOffRemovesKeyAndEndsSessions()
    {
        var id = await NewUserAsync("new.phone@example.org", Roles.CaseWorker);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByIdAsync(id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        }
        var before = await factory.UserAsync("new.phone@example.org");
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var response = await PostPageAsync(client, $"/admin/users/{id}?handler=ResetTwoFactor", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await factory.UserAsync("new.phone@example.org");
        Assert.False(after.TwoFactorEnabled);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(0, await factory.WithDb(db => db.UserTokens.CountAsync(t => t.UserId == id)));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "user.twofactor.reset" && e.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Unlock_DeactivatedUser_ShowsErrorAndStaysLocked()
    {
        var id = await NewUserAsync("inactive.unlock@example.org", Roles.CaseWorker);
        var client = await factory.SignInAsync(Demo.OrgAdmin);
        await PostPageAsync(client, $"/admin/users/{id}?handler=Deactivate", []);

        var response = await PostPageAsync(client, $"/admin/users/{id}?handler=Unlock", []);

        Assert.Contains(factory.Text("Admin.Users.UnlockInactive", "sq"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.NotNull((await factory.UserAsync("inactive.unlock@example.org")).LockoutEnd);
    }

    [Fact]
    public async Task Edit_SystemAdminOfOwnOrganisation_OrgAdminMayNotChangeIt()
    {
        var id = await NewUserAsync("second.sysadmin@example.org", Roles.SystemAdmin);
        var client = await factory.SignInAsync(Demo.OrgAdmin);

        var page = await (await client.GetAsync($"/admin/users/{id}")).HtmlAsync();
        var response = await PostPageAsync(client, $"/admin/users/{id}?handler=Deactivate", []);

        Assert.Contains(factory.Text("Admin.Users.SystemAdminOnly", "sq"), page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Deactivate", page, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Admin.Users.SystemAdminOnly", "sq"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.True((await factory.UserAsync("second.sysadmin@example.org")).IsActive);
    }

    [Fact]
    public async Task List_SystemAdminChoosesOrganisation_ShowsItsUsersAndCreatesThere()
    {
        var kosovoShelter = (await factory.UserAsync(Demo.OtherOrgAdmin)).OrganisationId;
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        var html = await (await client.GetAsync($"/admin/users?organisationId={kosovoShelter}")).HtmlAsync();
        var created = await PostPageAsync(client, $"/admin/users/new?organisationId={kosovoShelter}", new()
        {
            ["Input.Email"] = "kosovo.new@example.org",
            ["Input.Name"] = "Kosovo New",
            ["Input.Roles"] = "Supervisor",
        }, $"/admin/users/new?organisationId={kosovoShelter}");

        Assert.Contains(Demo.Email("caseworker", "xk"), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Demo.CaseWorker, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(kosovoShelter, (await factory.UserAsync("kosovo.new@example.org")).OrganisationId);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/users?organisationId={Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/users/new?organisationId={Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task List_MoreThanFiftyUsers_PagesByEmail()
    {
        var organisationId = await factory.WithDb(async db =>
        {
            var organisation = new Organisation { Name = "Paging Test", CountryCode = "AL", CreatedAt = DateTime.UtcNow };
            db.Organisations.Add(organisation);
            for (var i = 0; i < 53; i++)
            {
                var email = $"page{i:D2}@example.org";
                db.Users.Add(new User
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    DisplayName = $"Person {i:D2}", OrganisationId = organisation.Id, SecurityStamp = Guid.NewGuid().ToString("N"),
                });
            }
            await db.SaveChangesAsync();
            return organisation.Id;
        });
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        var second = await (await client.GetAsync($"/admin/users?organisationId={organisationId}&page=2")).HtmlAsync();

        Assert.Equal(["page50@example.org", "page51@example.org", "page52@example.org"], EmailCells().Matches(second).Select(m => m.Groups[1].Value));
        Assert.Contains($"href=\"/admin/users?organisationId={organisationId}&page=1\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditTrail_AfterUserChanges_HoldsNoPersonalDataAndChainIsIntact()
    {
        var id = await NewUserAsync("audit.person@example.org", Roles.CaseWorker);
        var client = await factory.SignInAsync(Demo.OrgAdmin);
        await PostPageAsync(client, $"/admin/users/{id}?handler=Roles", new() { ["Input.Roles"] = "Analyst" });
        await PostPageAsync(client, $"/admin/users/{id}?handler=Deactivate", []);
        await PostPageAsync(client, $"/admin/users/{id}?handler=Reactivate", []);

        var details = await factory.WithDb(db => db.AuditEvents.Where(e => e.Action.StartsWith("user.") && e.Detail != null).Select(e => e.Detail!).ToListAsync());
        var verification = await factory.WithDb(db => AuditChain.VerifyAsync(db, CancellationToken.None));

        Assert.NotEmpty(details);
        Assert.All(details, d =>
        {
            Assert.DoesNotContain("@", d, StringComparison.Ordinal);
            Assert.DoesNotContain("Test Person", d, StringComparison.Ordinal);
        });
        Assert.Null(verification.Problem);
    }

    private Task<int> UserCount() => factory.WithDb(db => db.Users.CountAsync());

    private async Task<Guid> NewUserAsync(string email, string role) =>
        await factory.CreateUserAsync(email, (await factory.UserAsync(Demo.OrgAdmin)).OrganisationId, role);

    private HttpClient Bearer(string token)
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Task<HttpResponseMessage> SignInWithPassword(string email, string password) =>
        UraFactory.PostFormAsync(factory.Anonymous(), "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [GeneratedRegex("<p class=\"secret\">([^<]+)</p>")]
    private static partial Regex SecretShown();

    [GeneratedRegex("<td>([^<]+@example\\.org)</td>")]
    private static partial Regex EmailCells();
}
