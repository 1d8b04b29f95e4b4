using System.Text.RegularExpressions;
using Ura.Platform.Crypto;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Platform;

/// <summary>Setting up a real (non-demo) node from nothing with the command line, each command a separate process.</summary>
public sealed partial class CommandLineTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "ura-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly string? connectionString = TestDatabase.Create();

    private Dictionary<string, string?> Environment(bool withKey = true) => new()
    {
        ["Ura__DataDirectory"] = data,
        ["Ura__Keys__KeyEncryptionKey"] = withKey ? Key : null,
        ["Ura__Database__Provider"] = TestDatabase.Provider,
        ["Ura__Database__ConnectionString"] = connectionString,
    };

    private static readonly string Key = KeyEncryptionKey.Generate();

    private Task<UraProcess.Result> Ura(params string[] args) => UraProcess.RunAsync(Environment(), args);

    [Fact]
    public async Task NewNode_MigrateAddCountryOrganisationUserToken_AllWorkAndAudited()
    {
        var migrate = await Ura("migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("Applied", migrate.Output);
        Assert.Contains("up to date", (await Ura("migrate")).Output);

        Assert.Equal(0, (await Ura("countries", "add", "AL", "Albania", "--reflection-days", "30")).ExitCode);
        var organisation = await Ura("organisations", "add", "Qendra Test", "--country", "AL", "--type", "NGO", "--shelter-operator");
        Assert.Equal(0, organisation.ExitCode);

        var user = await Ura("users", "add", "admin@qendra.test", "--org", "Qendra Test", "--role", "OrganisationAdmin", "--name", "Test Admin");
        Assert.Equal(0, user.ExitCode);
        Assert.Matches("One-time password: [A-Za-z0-9]{16}", user.Output);

        var token = await Ura("users", "token", "admin@qendra.test", "--name", "setup");
        Assert.Equal(0, token.ExitCode);
        Assert.Matches(TokenPattern(), token.Output.Trim());

        var verify = await Ura("audit", "verify");
        Assert.Equal(0, verify.ExitCode);
        Assert.Matches("intact: [1-9][0-9]* events verified. Head: [0-9]+:[0-9a-f]{64}", verify.Output);
    }

    [Fact]
    public async Task BadInput_ClearMessageNonZeroExitNothingAdded()
    {
        Assert.Equal(0, (await Ura("migrate")).ExitCode);

        var country = await Ura("countries", "add", "ALB", "Albania");
        Assert.Equal(1, country.ExitCode);
        Assert.NotEmpty(country.Error.Trim());

        var organisation = await Ura("organisations", "add", "Nowhere", "--country", "ZZ");
        Assert.Equal(1, organisation.ExitCode);
        Assert.NotEmpty(organisation.Error.Trim());

        var role = await Ura("users", "add", "x@y.test", "--org", "Nowhere", "--role", "Wizard");
        Assert.Equal(2, role.ExitCode);
        Assert.Contains("Unknown role 'Wizard'", role.Error);

        var missing = await Ura("users", "token", "nobody@y.test");
        Assert.Equal(1, missing.ExitCode);

        var unknown = await Ura("frobnicate");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Usage: ura <command>", unknown.Error);

        // Nothing was added: the only events are the ones migration and start-up write (none).
        var verify = await Ura("audit", "verify");
        Assert.Contains("intact: 0 events verified", verify.Output);
    }

    [Fact]
    public async Task NoKeyEncryptionKey_OutsideDemo_RefusesToStartWithExplanation()
    {
        var result = await UraProcess.RunAsync(Environment(withKey: false), "migrate");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No key-encryption key", result.Output + result.Error);
        Assert.False(File.Exists(Path.Combine(data, "demo-key-encryption-key.txt")));
    }

    [GeneratedRegex("^ura_pat_[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenPattern();

    public void Dispose()
    {
        TestDatabase.Drop(connectionString);
        if (Directory.Exists(data))
            Directory.Delete(data, recursive: true);
    }
}
