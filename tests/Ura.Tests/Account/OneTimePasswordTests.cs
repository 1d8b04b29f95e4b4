using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Account;
using Ura.Features.Admin;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Account;

/// <summary>A user created by an administrator must replace the one-time password before anything else.</summary>
public sealed class OneTimePasswordTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private const string OneTime = "one-time-Pw-1234";

    private async Task<(HttpClient Client, Guid Id)> NewUserSignedInAsync(string role)
    {
        var email = $"new.{Guid.NewGuid():N}@example.org";
        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Ura.Platform.Data.UraDbContext>();
            var org = await db.Organisations.Where(o => o.CountryCode == "XK" && o.IsShelterOperator).Select(o => o.Id).SingleAsync();
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, "New Person", org, [role], OneTime, default)).Succeeded);
            id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        }
        var client = factory.Anonymous();
        var login = await UraFactory.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = OneTime });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return (client, id);
    }

    [Fact]
    public async Task NewUser_AnyPage_SentToChooseOwnPassword()
    {
        var (client, _) = await NewUserSignedInAsync(Roles.Analyst);
        foreach (var page in new[] { "/", "/account", "/account/tokens", "/account/two-factor" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/password?required=true", response.Headers.Location!.OriginalString);
        }
        var form = await client.GetStringAsync("/account/password?required=true");
        Assert.Contains("Choose your own password to continue.", form);
    }

    [Fact]
    public async Task NewUser_ApiWithToken_403UntilPasswordChosen()
    {
        var (_, id) = await NewUserSignedInAsync(Roles.Analyst);
        string secret;
        await using (var scope = factory.Services.CreateAsyncScope())
            secret = await scope.ServiceProvider.GetRequiredService<TokenCommands>().CreateAsync(id, "early", 30, default);
        var api = factory.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var response = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task NewCaseWorker_ChoosesPassword_ThenTwoFactorEnrolmentThenFlagCleared()
    {
        var (client, id) = await NewUserSignedInAsync(Roles.CaseWorker);
        var changed = await UraFactory.PostFormAsync(client, "/account/password", new()
        {
            ["Input.Current"] = OneTime,
            ["Input.New"] = "my own long passphrase",
            ["Input.Confirm"] = "my own long passphrase",
        }, formPage: "/account/password?required=true");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.False(await factory.WithDb(db => db.Users.Where(u => u.Id == id).Select(u => u.MustChangePassword).SingleAsync()));

        var home = await client.GetAsync("/");
        Assert.Equal("/account/two-factor?required=true", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task DemoUsers_NoOneTimePassword()
    {
        Assert.False(await factory.WithDb(db => db.Users.AnyAsync(u => u.Email!.EndsWith("@demo.ura") && u.MustChangePassword)));
    }
}
