using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Ura.Features.Admin;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Platform;

public sealed class LoggingTests(LoggedUraFactory factory) : IClassFixture<LoggedUraFactory>
{
    [Fact]
    public async Task Browsing_SignInPagesFormsAndSignOut_NoWarningsAndNoPersonalDataLogged()
    {
        var email = Demo.Supervisor;
        var name = await factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.DisplayName).SingleAsync());
        Assert.Contains(factory.Logs.Entries, e => e.Category == "Microsoft.Hosting.Lifetime"); // the sink hears the application
        factory.Logs.Entries.Clear();

        var failed = await UraFactory.PostFormAsync(factory.Anonymous(), "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong password!" });
        var client = await factory.SignInAsync(email);
        foreach (var page in new[] { "/", "/account", "/account/tokens", "/account/password", "/account/two-factor", "/language", "/no-such-page" })
            await client.GetAsync(page);
        await UraFactory.PostFormAsync(client, "/account/tokens?handler=Create", new() { ["Input.Name"] = "logging", ["Input.Days"] = "30" }, "/account/tokens");
        var signedOut = await UraFactory.PostFormAsync(client, "/account/logout", [], "/");

        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var entries = factory.Logs.Entries.ToList();
        var warnings = entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}").ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        var personal = new[] { email, name, DemoData.Password, DemoData.TwoFactorKey };
        var leaks = entries.Where(e => personal.Any(p => (e.Message + e.Exception).Contains(p, StringComparison.OrdinalIgnoreCase)))
            .Select(e => $"{e.Category}: {e.Message}").ToList();
        Assert.True(leaks.Count == 0, "Personal data or secrets in the log:\n" + string.Join("\n", leaks));
    }
}
