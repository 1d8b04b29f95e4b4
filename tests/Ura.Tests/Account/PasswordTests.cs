using System.Net;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Account;

public sealed class PasswordTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private Task<string?> HashOf(string email) =>
        factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync());

    [Fact]
    public async Task ChangePassword_Valid_NewPasswordWorksOldDoesNot()
    {
        var email = Demo.Email("analyst", "rs");
        var client = await factory.SignInAsync(email);
        var response = await UraFactory.PostFormAsync(client, "/account/password", new()
        {
            ["Input.Current"] = DemoData.Password,
            ["Input.New"] = "correct horse battery staple",
            ["Input.Confirm"] = "correct horse battery staple",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The analyst in Serbia works in Serbian (Latin).
        Assert.Contains("Vaša lozinka je promenjena.", await response.Content.ReadAsStringAsync());

        var old = await UraFactory.PostFormAsync(factory.Anonymous(), "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await UraFactory.PostFormAsync(factory.Anonymous(), "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = "correct horse battery staple" });
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "auth.password.changed")));
    }

    [Theory]
    [InlineData("wrong current password", "a long new passphrase", "a long new passphrase", "The current password is not correct.")]
    [InlineData(DemoData.Password, "short", "short", "The password must have at least 12 characters.")]
    [InlineData(DemoData.Password, "abababababababab", "abababababababab", "The password must use at least 5 different characters.")]
    [InlineData(DemoData.Password, "a long new passphrase", "a different passphrase", "The two new passwords are not the same.")]
    [InlineData(DemoData.Password, "", "", "This field is required.")]
    public async Task ChangePassword_BadInput_ExplainsAndKeepsPassword(string current, string next, string confirm, string message)
    {
        var email = Demo.Email("outreach", "xk");
        var client = await factory.SignInAsync(email, language: "en");
        var hash = await HashOf(email);
        var response = await UraFactory.PostFormAsync(client, "/account/password", new()
        {
            ["Input.Current"] = current,
            ["Input.New"] = next,
            ["Input.Confirm"] = confirm,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.Contains("class=\"field-error\"", html);
        Assert.Equal(hash, await HashOf(email));
    }
}
