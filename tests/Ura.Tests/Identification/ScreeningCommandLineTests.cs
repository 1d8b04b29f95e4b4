using Ura.Platform.Crypto;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Identification;

/// <summary><c>ura screening import FILE</c> as a separate process against a fresh node.</summary>
public sealed class ScreeningCommandLineTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "ura-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly string? connectionString = TestDatabase.Create();
    private static readonly string Key = KeyEncryptionKey.Generate();

    private Task<UraProcess.Result> Ura(params string[] args) => UraProcess.RunAsync(new Dictionary<string, string?>
    {
        ["Ura__DataDirectory"] = data,
        ["Ura__Keys__KeyEncryptionKey"] = Key,
        ["Ura__Database__Provider"] = TestDatabase.Provider,
        ["Ura__Database__ConnectionString"] = connectionString,
    }, args);

    private string Write(string name, string json)
    {
        Directory.CreateDirectory(data);
        var path = Path.Combine(data, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task ScreeningImport_ValidThenSameVersionThenMalformed_ImportsOnceAndExplainsRefusals()
    {
        var valid = Write("sop.json", TestInstruments.Verified("cli-sop", "3").ToJsonString());
        var broken = TestInstruments.Verified("cli-sop", "4");
        broken["lists"]!["adult_labour"]!["dimensions"]!["coercive_recruitment"]![2]!["strength"] = "huge";
        var malformed = Write("broken.json", broken.ToJsonString());

        var imported = await Ura("screening", "import", valid);
        var again = await Ura("screening", "import", valid);
        var refused = await Ura("screening", "import", malformed);
        var missing = await Ura("screening", "import", Path.Combine(data, "nowhere.json"));

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("Imported cli-sop version 3 (verified)", imported.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("version: cli-sop version 3 is already imported.", again.Error, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("lists.adult_labour.dimensions.coercive_recruitment[2].strength: \"huge\" is not a strength; use strong, medium or weak.", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        // One import event, nothing for the refusals.
        Assert.Contains("intact: 1 events verified", (await Ura("audit", "verify")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Usage_ListsScreeningImport()
    {
        var help = await Ura("help");

        Assert.Contains("screening import FILE", help.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        TestDatabase.Drop(connectionString);
        if (Directory.Exists(data))
            Directory.Delete(data, recursive: true);
    }
}
