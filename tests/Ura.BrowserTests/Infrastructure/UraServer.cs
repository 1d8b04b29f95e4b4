using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;

namespace Ura.BrowserTests.Infrastructure;

/// <summary>
/// Ura as people meet it: the built app started as its own process (<c>dotnet Ura.dll serve --demo</c>) on
/// a loopback port, with a fresh data directory and a generated key-encryption key. Killed, with anything it
/// started, when the test collection ends. A federation node (<see cref="FederatedServers"/>) gives it a fixed
/// port and settings of its own, and is set up with <see cref="CliAsync"/> before it starts.
/// </summary>
public sealed class UraServer : IAsyncLifetime
{
    // Startup on two busy cores includes migrating and seeding the demo database; a minute is generous.
    private const int ReadyAttempts = 600;
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(100);
    private const int StartAttempts = 3;

    private readonly ConcurrentQueue<string> output = new();
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "ura-browser-" + Guid.NewGuid().ToString("N"));
    private readonly string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly SemaphoreSlim starting = new(1, 1);
    private Process? process;

    /// <summary>
    /// The port to serve on, when it must be known before the server starts (a node's address goes into its
    /// card); otherwise a free one is picked at each start.
    /// </summary>
    public int? Port
    {
        get;
        init
        {
            field = value;
            BaseUrl = $"http://127.0.0.1:{value}";
        }
    }

    /// <summary>Settings (environment variables, <c>Ura__...</c>) of this server only, on top of the ones every test server gets.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the server answers, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The server's own data directory (its SQLite database, keys, files).</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>True when the server process has ended (it should run until the collection ends).</summary>
    public bool HasExited => process is null || process.HasExited;

    /// <summary>The last lines the server wrote to stdout and stderr: for failure messages.</summary>
    public string Output => string.Join('\n', output.TakeLast(60));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        await StartAsync();
    }

    /// <summary>
    /// Starts the server again, on the same data, if it has stopped: the test during which it stopped has already
    /// failed with its output, and the tests after it should not all fail too.
    /// </summary>
    public async Task<bool> EnsureRunningAsync()
    {
        await starting.WaitAsync();
        try
        {
            if (!HasExited)
                return false;
            Stop();
            output.Clear();
            await StartAsync();
            return true;
        }
        finally
        {
            starting.Release();
        }
    }

    private async Task StartAsync()
    {
        var (projectDirectory, appDll) = LocateApp();

        // A free port can be taken between asking and binding; then the process exits and we try another
        // (or, on a fixed port, the same one again).
        for (var attempt = 1; ; attempt++)
        {
            BaseUrl = $"http://127.0.0.1:{Port ?? FreePort()}";
            process = Start(projectDirectory, appDll);
            if (await WaitUntilReadyAsync(process))
                return;
            Stop();
            if (attempt == StartAttempts)
                throw new InvalidOperationException(
                    $"Ura did not become ready at {BaseUrl}/health/ready after {attempt} start(s).\n--- server output ---\n{Output}");
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        starting.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is cleaned by the OS eventually.
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs a command of Ura's command line (<c>ura node init ...</c>) on this server's data, key and settings,
    /// as an operator would; returns what it printed on standard output. Fails when the command fails.
    /// </summary>
    public async Task<string> CliAsync(params string[] args)
    {
        Directory.CreateDirectory(dataDirectory);
        var (projectDirectory, appDll) = LocateApp();
        var start = StartInfo(projectDirectory, [appDll, .. args]);
        using var cli = Process.Start(start)!;
        var stdout = cli.StandardOutput.ReadToEndAsync();
        var stderr = cli.StandardError.ReadToEndAsync();
        // A guard against a command that hangs, not a timing assertion.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await cli.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            cli.Kill(entireProcessTree: true);
            throw new TimeoutException($"ura {string.Join(' ', args)} did not end.\n{await stdout}{await stderr}");
        }
        if (cli.ExitCode != 0)
            throw new InvalidOperationException($"ura {string.Join(' ', args)} exited with {cli.ExitCode}.\n{await stdout}{await stderr}");
        return await stdout;
    }

    private ProcessStartInfo StartInfo(string projectDirectory, IEnumerable<string> args)
    {
        // The dotnet host running these tests (the SDK says which), so the app gets the same runtime.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            // The content root is the project folder, so wwwroot and appsettings.json are found as with `dotnet run`.
            WorkingDirectory = projectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Only this server's settings: none inherited from the shell (a Postgres connection string, say).
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Ura__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(inherited);
        start.Environment["Ura__DataDirectory"] = dataDirectory;
        start.Environment["Ura__Keys__KeyEncryptionKey"] = key;
        // Every browser test signs in from 127.0.0.1; the per-address sign-in limit is tested in Ura.Tests.
        start.Environment["Ura__SignInAttemptsPerMinute"] = "100000";
        // Enough invented cases for lists with several pages, few enough to start quickly.
        start.Environment["Ura__DemoCases"] = "120";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("URLS");
        foreach (var (name, value) in Settings)
            start.Environment[name] = value;
        return start;
    }

    private Process Start(string projectDirectory, string appDll)
    {
        var start = StartInfo(projectDirectory, [appDll, "serve", "--demo", "--urls", BaseUrl]);
        var started = new Process { StartInfo = start, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) => Keep(e.Data);
        started.ErrorDataReceived += (_, e) => Keep(e.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        output.Enqueue(line);
        while (output.Count > 2000 && output.TryDequeue(out _))
        {
        }
    }

    private async Task<bool> WaitUntilReadyAsync(Process started)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < ReadyAttempts; i++)
        {
            if (started.HasExited)
                return false;
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                    return true;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting up.
            }
            await Task.Delay(ReadyPollInterval);
        }
        return false;
    }

    private void Stop()
    {
        if (process is null)
            return;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
        process = null;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// src/Ura and its built Ura.dll, in the configuration this test assembly was built with (test.sh builds
    /// Release; an IDE usually Debug).
    /// </summary>
    private static (string ProjectDirectory, string AppDll) LocateApp()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ura.slnx")))
            root = root.Parent;
        if (root is null)
            throw new InvalidOperationException($"No Ura.slnx above {AppContext.BaseDirectory}: cannot find src/Ura.");

        var configuration = typeof(UraServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var project = Path.Combine(root.FullName, "src", "Ura");
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "Ura.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} does not exist. Build it first: dotnet build src/Ura -c {configuration}");
        return (project, dll);
    }
}
