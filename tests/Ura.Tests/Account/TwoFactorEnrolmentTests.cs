using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Admin;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Account;

public sealed partial class TwoFactorEnrolmentTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private const string Password = "a long enough passphrase";

    /// <summary>A new case worker (two-factor not yet set up), signed in with password only.</summary>
    private async Task<(HttpClient Client, string Email)> NewCaseWorkerAsync(string role = Roles.CaseWorker)
    {
        var email = $"new.{Guid.NewGuid():N}@example.org";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Ura.Platform.Data.UraDbContext>();
            var org = await db.Organisations.Where(o => o.CountryCode == "AL" && o.IsShelterOperator).Select(o => o.Id).SingleAsync();
            var result = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, "Test Person", org, [role], Password, default);
            Assert.True(result.Succeeded);
        }
        await factory.PasswordChosenAsync(email);
        var client = factory.Anonymous();
        var login = await UraFactory.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return (client, email);
    }

    [Fact]
    public async Task CaseContentRole_WithoutTwoFactor_SentToEnrolment()
    {
        var (client, _) = await NewCaseWorkerAsync();
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/two-factor?required=true", home.Headers.Location!.OriginalString);
        var page = await (await client.GetAsync(home.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains("you must set up two-factor sign-in", page);
        Assert.Contains("data:image/png;base64,", page);
    }

    [Fact]
    public async Task RoleWithoutCaseContent_WithoutTwoFactor_ReachesHome()
    {
        var (client, _) = await NewCaseWorkerAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Enrol_WithCodeFromKey_EnablesTwoFactorShowsRecoveryCodesAndUnlocksPages()
    {
        var (client, email) = await NewCaseWorkerAsync();
        var page = await client.GetStringAsync("/account/two-factor");
        var key = ManualKey().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.NotEmpty(key);

        var response = await UraFactory.PostFormAsync(client, "/account/two-factor?handler=Enable",
            new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, formPage: "/account/two-factor");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Two-factor sign-in is now on.", html);
        Assert.Equal(10, RecoveryCode().Matches(html).Count);

        Assert.True(await factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Enrol_WrongCode_StaysOffWithError()
    {
        var (client, email) = await NewCaseWorkerAsync();
        var response = await UraFactory.PostFormAsync(client, "/account/two-factor?handler=Enable",
            new() { ["Input.Code"] = "000000" }, formPage: "/account/two-factor");
        Assert.Contains("That code is not correct.", await response.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_UsedOnce_SignsInThenRejected()
    {
        var (client, email) = await NewCaseWorkerAsync();
        var page = await client.GetStringAsync("/account/two-factor");
        var key = ManualKey().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var enabled = await UraFactory.PostFormAsync(client, "/account/two-factor?handler=Enable",
            new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, formPage: "/account/two-factor");
        var code = RecoveryCode().Match(await enabled.Content.ReadAsStringAsync()).Groups[1].Value;

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var other = factory.Anonymous();
            await UraFactory.PostFormAsync(other, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
            var response = await UraFactory.PostFormAsync(other, "/account/login/two-factor?handler=Recovery", new() { ["Input.RecoveryCode"] = code }, formPage: "/account/login/two-factor?recovery=true");
            if (attempt == 0)
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            else
                Assert.Contains("That recovery code is not correct or was already used.", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AuthenticatorKey_StoredEncrypted()
    {
        var (client, email) = await NewCaseWorkerAsync();
        var page = await client.GetStringAsync("/account/two-factor");
        var key = ManualKey().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var stored = await factory.WithDb(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Value\" FROM \"AspNetUserTokens\" WHERE \"Name\" = 'AuthenticatorKey'";
            var values = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                values.Add(reader.GetString(0));
            return values;
        });
        Assert.NotEmpty(stored);
        Assert.All(stored, value => Assert.DoesNotContain(key, value, StringComparison.OrdinalIgnoreCase));
        Assert.All(stored, value => Assert.DoesNotContain(DemoData.TwoFactorKey, value, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("<span class=\"secret\">([a-z2-7 ]+)</span>")]
    private static partial Regex ManualKey();

    [GeneratedRegex("<li>([0-9A-Z]{5}-[0-9A-Z]{5})</li>")]
    private static partial Regex RecoveryCode();
}
