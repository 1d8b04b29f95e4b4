using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Admin;

/// <summary>Kosovo's shelter admin against a user of Albania's shelter: not found, and nothing changes.</summary>
public sealed class UserScopingTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Theory]
    [InlineData("Roles")]
    [InlineData("Deactivate")]
    [InlineData("Reactivate")]
    [InlineData("Unlock")]
    [InlineData("ResetTwoFactor")]
    public async Task UserPage_OtherOrganisationsAdmin_Returns404AndRowUnchanged(string handler)
    {
        var target = await factory.UserAsync(Demo.CaseWorker);
        var before = await Snapshot(target.Id);
        var client = await factory.SignInAsync(Demo.OtherOrgAdmin);

        var page = await client.GetAsync($"/admin/users/{target.Id}");
        var post = await PostPageAsync(client, $"/admin/users/{target.Id}?handler={handler}", new() { ["Input.Roles"] = "OrganisationAdmin" });

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(before, await Snapshot(target.Id));
    }

    [Fact]
    public async Task UserApi_OtherOrganisationsAdmin_Returns404AndRowUnchanged()
    {
        var target = await factory.UserAsync(Demo.CaseWorker);
        var before = await Snapshot(target.Id);
        var client = await factory.SignInAsync(Demo.OtherOrgAdmin);

        var get = await client.GetAsync($"/api/v1/users/{target.Id}");
        var put = await client.PutAsJsonAsync($"/api/v1/users/{target.Id}/roles", new { roles = new[] { "OrganisationAdmin" } });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(before, await Snapshot(target.Id));
    }

    [Fact]
    public async Task UserList_OtherOrganisationsAdminAsksForAlbania_SeesOwnOrganisationOnly()
    {
        var albania = (await factory.UserAsync(Demo.CaseWorker)).OrganisationId;
        var kosovo = (await factory.UserAsync(Demo.OtherOrgAdmin)).OrganisationId;
        var client = await factory.SignInAsync(Demo.OtherOrgAdmin);

        var html = await (await client.GetAsync($"/admin/users?organisationId={albania}")).HtmlAsync();
        var api = await client.GetFromJsonAsync<Paged<UserSummary>>($"/api/v1/users?organisationId={albania}");

        Assert.DoesNotContain(Demo.CaseWorker, html, StringComparison.Ordinal);
        Assert.Contains(Demo.Email("caseworker", "xk"), html, StringComparison.Ordinal);
        Assert.NotEmpty(api!.Items);
        Assert.All(api.Items, u => Assert.Equal(kosovo, u.OrganisationId));
    }

    [Fact]
    public async Task UserApiCreate_OrganisationIdInQueryAndBody_CreatesInOwnOrganisation()
    {
        var albania = (await factory.UserAsync(Demo.CaseWorker)).OrganisationId;
        var kosovo = (await factory.UserAsync(Demo.OtherOrgAdmin)).OrganisationId;
        var client = await factory.SignInAsync(Demo.OtherOrgAdmin);

        var response = await client.PostAsJsonAsync($"/api/v1/users?organisationId={albania}", new
        {
            email = "tenant.body@example.org", name = "Tenant Body", roles = new[] { "Analyst" }, organisationId = albania,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(kosovo, (await factory.UserAsync("tenant.body@example.org")).OrganisationId);
        Assert.Equal(kosovo, (await response.Content.ReadFromJsonAsync<CreatedUser>())!.User.OrganisationId);
    }

    /// <summary>Everything an admin action could change on a user, and the audit events about them.</summary>
    private Task<string> Snapshot(Guid id) => factory.WithDb(async db =>
    {
        var u = await db.Users.AsNoTracking().SingleAsync(x => x.Id == id);
        var roles = await db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).OrderBy(n => n).ToListAsync();
        var tokens = await db.UserTokens.CountAsync(t => t.UserId == id);
        var events = await db.AuditEvents.CountAsync(e => e.EntityId == id.ToString());
        return $"{u.IsActive}|{u.LockoutEnd}|{u.AccessFailedCount}|{u.TwoFactorEnabled}|{u.SecurityStamp}|{u.ConcurrencyStamp}|{string.Join(",", roles)}|{tokens}|{events}";
    });
}
