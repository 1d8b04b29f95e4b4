using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ura.Features.Admin;
using Ura.Platform.Crypto;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Tests.Infrastructure;

/// <summary>
/// A whole Ura application over HTTP, with its own data directory, keys and a fresh database
/// (SQLite file or PostgreSQL database), seeded with the demo organisations and users.
/// </summary>
public partial class UraFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// A copy of the test process's seeded template (<see cref="SeededTemplate"/>): the same state a
    /// fresh start in demo mode leaves, without migrating and seeding again for every factory.
    /// </summary>
    public UraFactory()
        : this(freshDatabase: false)
    {
    }

    /// <param name="freshDatabase">
    /// Migrate and seed an empty database of its own on start, with keys of its own: for nodes of a
    /// federation, which must not share the template's identifiers and keys with each other.
    /// </param>
    protected UraFactory(bool freshDatabase)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "ura-tests", Guid.NewGuid().ToString("N"));
        if (freshDatabase)
        {
            ConnectionString = TestDatabase.Create();
            KeyEncryptionKey = Ura.Platform.Crypto.KeyEncryptionKey.Generate();
        }
        else
        {
            (ConnectionString, KeyEncryptionKey) = SeededTemplate.CopyInto(DataDirectory);
        }
    }

    /// <summary>A second application process on the same database, data directory and keys, as in a scaled-out node.</summary>
    public static UraFactory SameNodeAs(UraFactory first) => new(first);

    protected UraFactory(UraFactory sameNode)
    {
        DataDirectory = sameNode.DataDirectory;
        ConnectionString = sameNode.ConnectionString;
        KeyEncryptionKey = sameNode.KeyEncryptionKey;
        sharesNode = true;
    }

    private readonly bool sharesNode;

    /// <summary>Set on the template's own factory: disposing it stops the application and leaves its database and files.</summary>
    private bool keepsDatabase;

    protected virtual int SignInAttemptsPerMinute => 100_000;

    /// <summary>What counts in reports are rounded to; none keeps the node's default (5).</summary>
    protected virtual int? ReportRoundTo => null;

    public string DataDirectory { get; }
    public string? ConnectionString { get; }
    public string KeyEncryptionKey { get; }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ura:DataDirectory"] = DataDirectory,
            ["Ura:Demo"] = "true",
            // Tests open the cases they need; DemoCasesTests seed invented ones.
            ["Ura:DemoCases"] = "0",
            // Background jobs would act on a test's rows behind its back; tests run them directly.
            ["Ura:Jobs:Enabled"] = "false",
            ["Ura:Keys:KeyEncryptionKey"] = KeyEncryptionKey,
            ["Ura:Database:Provider"] = TestDatabase.Provider,
            ["Ura:Database:ConnectionString"] = ConnectionString,
            // Every test client shares one address; RateLimitTests use the real limit.
            ["Ura:SignInAttemptsPerMinute"] = SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (ReportRoundTo is { } roundTo)
            settings["Ura:Reports:RoundTo"] = roundTo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(settings));
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Testing");

    /// <summary>Runs <paramref name="work"/> with a fresh scope's database context.</summary>
    public async Task<T> WithDb<T>(Func<UraDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UraDbContext>());
    }

    public Task WithDb(Func<UraDbContext, Task> work) => WithDb(async db => { await work(db); return 0; });

    /// <summary>As if the user had replaced their one-time password (OneTimePasswordTests cover that step).</summary>
    public Task PasswordChosenAsync(string email) =>
        WithDb(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, false)));

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in as a demo user through the real pages: password, then the authenticator code.</summary>
    /// <param name="language">Chosen on the sign-in page first, as a person would; otherwise the user's saved preference applies.</param>
    public async Task<HttpClient> SignInAsync(string email, string? language = null)
    {
        var client = Anonymous();
        if (language is not null)
        {
            var chosen = await PostFormAsync(client, "/language", new() { ["language"] = language, ["returnUrl"] = "/account/login" }, formPage: "/account/login");
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        }
        var login = await PostFormAsync(client, "/account/login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DemoData.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        if (login.Headers.Location!.OriginalString.StartsWith("/account/login/two-factor", StringComparison.Ordinal))
        {
            var code = await PostFormAsync(client, "/account/login/two-factor", new()
            {
                ["Input.Code"] = Totp.Code(DemoData.TwoFactorKey, DateTimeOffset.UtcNow),
            });
            Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        }
        return client;
    }

    /// <summary>GETs the page for its antiforgery token, then posts the form with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await AntiforgeryTokenAsync(client, formPage ?? url);
        fields["__af"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || sharesNode || keepsDatabase)
            return;
        TestDatabase.Drop(ConnectionString);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background task; the temp directory is cleaned later.
        }
    }
}
