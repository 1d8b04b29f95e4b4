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
/// started, when the test collection ends.
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

    /// <summary>Where the server answers, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

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

        // A free port can be taken between asking and binding; then the process exits and we try another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}";
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

    private Process Start(string projectDirectory, string appDll)
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
        foreach (var arg in new[] { appDll, "serve", "--demo", "--urls", BaseUrl })
            start.ArgumentList.Add(arg);
        // Only this server's settings: none inherited from the shell (a Postgres connection string, say).
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Ura__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(inherited);
        start.Environment["Ura__DataDirectory"] = dataDirectory;
        start.Environment["Ura__Keys__KeyEncryptionKey"] = key;
        // Every browser test signs in from 127.0.0.1; the per-address sign-in limit is tested in Ura.Tests.
        start.Environment["Ura__SignInAttemptsPerMinute"] = "100000";
        // Enough invented cases for lists with several pages, few enough to start quickly.
        start.Environment["Ura__DemoCases"] = "60";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("URLS");

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

    private static int FreePort()
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
