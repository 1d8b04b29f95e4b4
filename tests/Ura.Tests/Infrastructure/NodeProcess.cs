using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Admin;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Platform.Web;

namespace Ura.Tests.Infrastructure;

/// <summary>
/// One Ura node run the way an operator runs it: <c>dotnet Ura.dll serve</c> as a separate process on
/// a free loopback port, with its own data directory, key and database (SQLite file, or a fresh
/// PostgreSQL database when <c>URA_TEST_POSTGRES</c> is set), set up through the command line.
/// <see cref="Kill"/> is <c>kill -9</c>; <see cref="StartAsync"/> brings it back on the same port.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string?> settings;
    private readonly List<Process> running = [];
    private readonly bool ownsDatabase;
    private WebApplication? inspector;

    public NodeProcess(string nodeId, string countryCode, IReadOnlyDictionary<string, string?>? extraSettings = null)
        : this(nodeId, countryCode, extraSettings, null)
    {
    }

    private NodeProcess(string nodeId, string countryCode, IReadOnlyDictionary<string, string?>? extraSettings, NodeProcess? sameNode)
    {
        NodeId = nodeId;
        CountryCode = countryCode;
        Port = FreePort();
        ownsDatabase = sameNode is null;
        DataDirectory = sameNode?.DataDirectory ?? Path.Combine(Path.GetTempPath(), "ura-tests", Guid.NewGuid().ToString("N"));
        KeyEncryptionKey = sameNode?.KeyEncryptionKey ?? Ura.Platform.Crypto.KeyEncryptionKey.Generate();
        ConnectionString = sameNode is null ? TestDatabase.Create() : sameNode.ConnectionString;
        Directory.CreateDirectory(DataDirectory);
        settings = new Dictionary<string, string?>
        {
            ["Ura__DataDirectory"] = DataDirectory,
            ["Ura__Keys__KeyEncryptionKey"] = KeyEncryptionKey,
            ["Ura__Database__Provider"] = TestDatabase.Provider,
            ["Ura__Database__ConnectionString"] = ConnectionString,
            ["Ura__DemoCases"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
            settings[key] = value;
    }

    /// <summary>A second <c>serve</c> process of this node: same database, data directory and key, its own port.</summary>
    public NodeProcess SecondProcess(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var merged = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
            merged[key] = value;
        return new NodeProcess(NodeId, CountryCode, merged, this);
    }

    public string NodeId { get; }
    public string CountryCode { get; }
    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public string DataDirectory { get; }
    public string KeyEncryptionKey { get; }
    public string? ConnectionString { get; }

    /// <summary>What the running (or last) <c>serve</c> process wrote: JSON log lines on standard output, and standard error.</summary>
    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    private readonly StringBuilder output = new();

    public bool IsRunning => running.Any(p => !p.HasExited);

    /// <summary>Runs a command of the node's command line (<c>ura ...</c>) and fails the test if it fails.</summary>
    public async Task<string> CliAsync(params string[] args)
    {
        var result = await UraProcess.RunAsync(settings, args);
        Assert.True(result.ExitCode == 0, $"ura {string.Join(' ', args)} on {NodeId} exited {result.ExitCode}: {result.Output}{result.Error}");
        return result.Output;
    }

    /// <summary>
    /// Creates the database and the node's country (in the test, as any admin would), then the node's
    /// identity with <c>ura node init</c>; returns the node card that <c>ura node card</c> prints.
    /// </summary>
    public async Task<string> InitAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<UraDbContext>(), CancellationToken.None);
            var added = await scope.ServiceProvider.GetRequiredService<CountryCommands>()
                .AddAsync(new NewCountry { Code = CountryCode, Name = "Country " + CountryCode, ReflectionPeriodDays = 30 }, CancellationToken.None);
            Assert.True(added.Succeeded);
        }
        await CliAsync("node", "init", "--id", NodeId, "--country", CountryCode, "--url", Url);
        return (await Services.GetRequiredService<NodeIdentity>().LoadAsync())!.Card().ToJson();
    }

    /// <summary>Pins a peer's card after checking its fingerprint, as <c>ura peers add CARD --fingerprint FP</c>.</summary>
    public async Task PinAsync(string card)
    {
        var file = Path.Combine(DataDirectory, $"card-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, card);
        using var json = JsonDocument.Parse(card);
        await CliAsync("peers", "add", file, "--fingerprint", json.RootElement.GetProperty("fingerprint").GetString()!);
    }

    /// <summary>Starts <c>serve</c> and waits until it answers <c>/health/ready</c>.</summary>
    public async Task StartAsync()
    {
        Assert.False(IsRunning, $"{NodeId} is already running.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(UraProcess.AssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { UraProcess.AssemblyPath, "serve", "--urls", Url })
            start.ArgumentList.Add(arg);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Ura__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in settings)
        {
            if (value is not null)
                start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        running.Add(process);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        // A guard against a process that never comes up, not a timing assertion.
        var guard = Stopwatch.StartNew();
        while (guard.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(process.HasExited, $"{NodeId} exited with {(process.HasExited ? process.ExitCode : 0)} while starting: {Output}");
            try
            {
                using var ready = await http.GetAsync(new Uri($"{Url}/health/ready"));
                if (ready.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{NodeId} did not become ready: {Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (output)
        {
            // Enough to explain a failure; a long run must not grow without bound.
            if (output.Length < 4_000_000)
                output.AppendLine(line);
        }
    }

    /// <summary>Kills the <c>serve</c> process at once (SIGKILL, as <c>kill -9</c>): no shutdown, no flushing.</summary>
    public void Kill()
    {
        foreach (var process in running.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>The node's own services over its database and keys, built in the test but never started (no hosted services run).</summary>
    public IServiceProvider Services => (inspector ??= UraApp.CreateBuilder([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Ura:DataDirectory"] = DataDirectory,
        ["Ura:Keys:KeyEncryptionKey"] = KeyEncryptionKey,
        ["Ura:Database:Provider"] = TestDatabase.Provider,
        ["Ura:Database:ConnectionString"] = ConnectionString,
        ["Ura:Jobs:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    })).Build()).Services;

    /// <summary>Reads the node's database from the test, through the application's own model.</summary>
    public async Task<T> WithDb<T>(Func<UraDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UraDbContext>());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        foreach (var process in running)
            process.Dispose();
        if (inspector is not null)
            await inspector.DisposeAsync();
        if (!ownsDatabase)
            return;
        TestDatabase.Drop(ConnectionString);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp directory's own cleaning.
        }
    }
}

/// <summary>Several <see cref="NodeProcess"/> nodes that have created their identities and pinned one another through the command line.</summary>
public sealed class ProcessFederation : IAsyncDisposable
{
    /// <summary>
    /// Short pauses so that retries after a kill happen within seconds, as they would within minutes
    /// in production; and no giving up: with pauses this short the default 20 attempts last only as
    /// long as a restart on a busy machine, and the dead letters would stop their conversations.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> QuickRetries = new Dictionary<string, string?>
    {
        ["Ura__Federation__MaxAttempts"] = "100000",
        ["Ura__Federation__FirstBackoff"] = "00:00:00.200",
        ["Ura__Federation__MaxBackoff"] = "00:00:01",
        ["Ura__Federation__DispatchInterval"] = "00:00:00.200",
        ["Ura__Jobs__FederationApplyInterval"] = "00:00:01",
    };

    public List<NodeProcess> Nodes { get; } = [];

    public NodeProcess this[string nodeId] => Nodes.Single(n => n.NodeId == nodeId);

    /// <summary>Creates the nodes, lets every node pin every other one, and starts the ones in <paramref name="serve"/> (all when null).</summary>
    public static async Task<ProcessFederation> CreateAsync((string Id, string Country)[] nodes, string[]? serve = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var federation = new ProcessFederation();
        foreach (var (id, country) in nodes)
            federation.Nodes.Add(new NodeProcess(id, country, settings ?? QuickRetries));
        // Each node's commands run one after another; the nodes are set up side by side.
        var cards = new Dictionary<string, string>();
        await Task.WhenAll(federation.Nodes.Select(async n => { var card = await n.InitAsync(); lock (cards) cards[n.NodeId] = card; }));
        await Task.WhenAll(federation.Nodes.Select(async node =>
        {
            foreach (var (_, card) in cards.Where(c => c.Key != node.NodeId))
                await node.PinAsync(card);
        }));
        await Task.WhenAll(federation.Nodes.Where(n => serve is null || serve.Contains(n.NodeId)).Select(n => n.StartAsync()));
        return federation;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();
    }
}
