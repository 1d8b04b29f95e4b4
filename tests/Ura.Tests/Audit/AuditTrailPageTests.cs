using System.Net;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Audit;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Audit;

public sealed class AuditTrailPageTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Theory]
    [InlineData("supervisor")]
    [InlineData("orgadmin")]
    public async Task AuditTrail_SupervisorOrOrgAdmin_SeesOwnOrganisationOnly(string login)
    {
        // Sign-ins in two organisations leave events in both.
        await factory.SignInAsync(Demo.Email("caseworker", "al"));
        await factory.SignInAsync(Demo.Email("caseworker", "xk"));
        var xkName = await factory.WithDb(db => db.Users.Where(u => u.Email == Demo.Email("caseworker", "xk")).Select(u => u.DisplayName).SingleAsync());

        var client = await factory.SignInAsync(Demo.Email(login, "al"));
        var response = await client.GetAsync("/audit");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Arta Hoxha", html); // the Albanian shelter's case worker signed in
        Assert.DoesNotContain(xkName, html);
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("police")]
    [InlineData("coordinator")]
    [InlineData("analyst")]
    [InlineData("outreach")]
    [InlineData("sheltermanager")]
    public async Task AuditTrail_OtherRoles_Forbidden(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login, "al"));
        var response = await client.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AuditTrail_SystemAdmin_SeesEveryOrganisation()
    {
        await factory.SignInAsync(Demo.Email("caseworker", "ba"));
        var baName = await factory.WithDb(db => db.Users.Where(u => u.Email == Demo.Email("caseworker", "ba")).Select(u => u.DisplayName).SingleAsync());
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        Assert.Contains(baName, await client.GetStringAsync("/audit"));
    }

    [Fact]
    public async Task AuditTrail_MoreThanOnePage_OlderLinkShowsTheRest()
    {
        var client = await factory.SignInAsync(Demo.Email("supervisor", "me"));
        var organisationId = await factory.WithDb(db => db.Users.Where(u => u.Email == Demo.Email("supervisor", "me")).Select(u => u.OrganisationId).SingleAsync());
        await factory.WithDb(async db =>
        {
            for (var i = 0; i < 60; i++)
                db.AuditEvents.Add(new AuditEvent { At = DateTime.UtcNow, OrganisationId = organisationId, Action = "read", EntityType = "Test", EntityId = "row-" + i, PreviousHash = "", Hash = "" });
            await db.SaveChangesAsync();
        });

        var first = await client.GetStringAsync("/audit?action=read");
        Assert.Contains("row-59", first);
        Assert.DoesNotContain("row-5<", first);
        var older = System.Text.RegularExpressions.Regex.Match(first, "href=\"(/audit\\?before=\\d+[^\"]*)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.NotEmpty(older);
        var second = await client.GetStringAsync(older);
        Assert.Contains("row-5<", second);
        Assert.DoesNotContain("row-59", second);
    }
}
