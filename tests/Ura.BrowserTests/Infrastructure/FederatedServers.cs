using System.Text.Json;

namespace Ura.BrowserTests.Infrastructure;

/// <summary>
/// Two Ura nodes, Albania (<c>al</c>) and Kosovo (<c>xk</c>), each its own <c>dotnet Ura.dll serve --demo</c> process
/// with its own data directory, database and keys, that trust each other. Set up as tools/federation-demo.sh does,
/// through the command line before they start: demo data, <c>ura node init</c> with the node's address,
/// <c>ura node card</c>, and <c>ura peers add CARD --fingerprint FP</c> of the other node. Messages between them
/// travel over loopback.
/// </summary>
public sealed class FederatedServers : IAsyncLifetime
{
    /// <summary>
    /// Each step reaches the other node within seconds instead of minutes: the directory goes out at the
    /// directory job's first look a second after start, a message to a node still starting is tried again
    /// soon (and never given up while the test runs), and a message that arrived before an earlier one is
    /// applied at the next second.
    /// </summary>
    private static readonly Dictionary<string, string> Quick = new()
    {
        ["Ura__Federation__DirectoryLookInterval"] = "00:00:01",
        ["Ura__Federation__DispatchInterval"] = "00:00:00.500",
        ["Ura__Federation__FirstBackoff"] = "00:00:00.500",
        ["Ura__Federation__MaxBackoff"] = "00:00:02",
        ["Ura__Federation__MaxAttempts"] = "100000",
        ["Ura__Jobs__FederationApplyInterval"] = "00:00:01",
    };

    // Invented cases are not needed here: each test opens its own.
    private const string DemoCases = "5";

    public FederatedServers()
    {
        // The address goes into the node's card before the node starts, so each port is chosen now.
        var albania = UraServer.FreePort();
        var kosovo = UraServer.FreePort();
        while (kosovo == albania)
            kosovo = UraServer.FreePort();
        Albania = new UraServer { Port = albania, Settings = Quick };
        Kosovo = new UraServer { Port = kosovo, Settings = Quick };
    }

    public UraServer Albania { get; }
    public UraServer Kosovo { get; }

    public async Task InitializeAsync()
    {
        // Each node's commands run one after another; the two nodes side by side.
        var cards = await Task.WhenAll(CreateAsync(Albania, "al", "AL"), CreateAsync(Kosovo, "xk", "XK"));
        await Task.WhenAll(PinAsync(Albania, cards[1]), PinAsync(Kosovo, cards[0]));
        await Task.WhenAll(Albania.InitializeAsync(), Kosovo.InitializeAsync());
    }

    /// <summary>Demo data (which has the node's country), the node's identity at its address; returns its card.</summary>
    private static async Task<string> CreateAsync(UraServer node, string id, string country)
    {
        await node.CliAsync("demo", "seed", "--cases", DemoCases);
        await node.CliAsync("node", "init", "--id", id, "--country", country, "--url", node.BaseUrl);
        return await node.CliAsync("node", "card");
    }

    /// <summary>Pins the other node's card, giving the fingerprint its operator read out (here: from the card).</summary>
    private static async Task PinAsync(UraServer node, string card)
    {
        var file = Path.Combine(node.DataDirectory, $"peer-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, card);
        using var json = JsonDocument.Parse(card);
        await node.CliAsync("peers", "add", file, "--fingerprint", json.RootElement.GetProperty("fingerprint").GetString()!);
    }

    public async Task DisposeAsync()
    {
        await Albania.DisposeAsync();
        await Kosovo.DisposeAsync();
    }
}

/// <summary>Tests across two nodes share them and one browser, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class FederatedCollection : ICollectionFixture<FederatedServers>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser, two nodes";
}
