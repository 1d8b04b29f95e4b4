using System.Net;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Account;

public sealed class SignInTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Login_CorrectPasswordForTwoFactorUser_AsksForCode()
    {
        var client = factory.Anonymous();
        var response = await UraFactory.PostFormAsync(client, "/account/login", new()
        {
            ["Input.Email"] = Demo.Supervisor,
            ["Input.Password"] = DemoData.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login/two-factor", response.Headers.Location!.OriginalString);
        // Password alone is not a session: the home page still sends to sign-in.
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/login", home.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsLocalisedErrorAndAudits()
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", "ura.lang=c%3Dsq%7Cuic%3Dsq");
        var before = await AuditCount("auth.signin.failed");
        var response = await UraFactory.PostFormAsync(client, "/account/login", new()
        {
            ["Input.Email"] = Demo.Analyst,
            ["Input.Password"] = "not the password",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Adresa e e-mailit ose fjalëkalimi nuk është i saktë.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await AuditCount("auth.signin.failed"));
    }

    [Fact]
    public async Task Login_UnknownEmail_SameMessageAsWrongPassword()
    {
        var response = await UraFactory.PostFormAsync(factory.Anonymous(), "/account/login", new()
        {
            ["Input.Email"] = "nobody@example.org",
            ["Input.Password"] = DemoData.Password,
        });
        Assert.Contains("The e-mail address or password is not correct.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_EmptyFields_ShowsFieldErrors()
    {
        var response = await UraFactory.PostFormAsync(factory.Anonymous(), "/account/login", new()
        {
            ["Input.Email"] = "",
            ["Input.Password"] = "",
        });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Input_Email-error\"", html);
        Assert.Contains("This field is required.", html);
        Assert.Contains("aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksAccountEvenForRightPassword()
    {
        var email = Demo.Email("outreach", "me");
        for (var i = 0; i < 5; i++)
            await UraFactory.PostFormAsync(factory.Anonymous(), "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong password " + i });

        var response = await UraFactory.PostFormAsync(factory.Anonymous(), "/account/login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DemoData.Password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("this account is locked for 15 minutes", await response.Content.ReadAsStringAsync());
        var locked = await factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync());
        Assert.True(locked > DateTimeOffset.UtcNow);
        Assert.True(await AuditCount("auth.lockout") >= 1);
    }

    [Fact]
    public async Task TwoFactor_WrongCode_RejectedAndAudited()
    {
        var client = factory.Anonymous();
        await UraFactory.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = Demo.Police, ["Input.Password"] = DemoData.Password });
        var before = await AuditCount("auth.twofactor.failed");
        var wrong = Totp.Code(DemoData.TwoFactorKey, DateTimeOffset.UtcNow.AddHours(1));
        var response = await UraFactory.PostFormAsync(client, "/account/login/two-factor", new() { ["Input.Code"] = wrong });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That code is not correct.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await AuditCount("auth.twofactor.failed"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_RightCode_SignsInAndAudits()
    {
        var client = await factory.SignInAsync(Demo.Email("caseworker", "rs"));
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Sklonište Atina kuća (NVO)", await home.Content.ReadAsStringAsync());
        var userId = await factory.WithDb(db => db.Users.Where(u => u.Email == Demo.Email("caseworker", "rs")).Select(u => u.Id).SingleAsync());
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "auth.signin" && e.UserId == userId)));
    }

    [Fact]
    public async Task Login_ReturnUrlToAnotherSite_IgnoredForHome()
    {
        var client = factory.Anonymous();
        var response = await UraFactory.PostFormAsync(client, "/account/login?returnUrl=https%3A%2F%2Fevil.example%2F", new()
        {
            ["Input.Email"] = Demo.Analyst,
            ["Input.Password"] = DemoData.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("evil.example", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_Post_EndsSession()
    {
        var client = await factory.SignInAsync(Demo.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var response = await UraFactory.PostFormAsync(client, "/account/logout", [], formPage: "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_RejectedAndStillSignedIn()
    {
        var client = await factory.SignInAsync(Demo.Email("coordinator", "ba"));
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    private Task<int> AuditCount(string action) => factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == action));
}
