using System.Diagnostics;

namespace Ura.Tests.Infrastructure;

/// <summary>
/// Runs the built <c>Ura.dll</c> as a separate process (<c>dotnet Ura.dll ...</c>), configured only
/// through environment variables, the way an operator runs the command line.
/// </summary>
public static class UraProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The application assembly next to the tests, with its runtimeconfig and deps files.</summary>
    public static string AssemblyPath => typeof(Program).Assembly.Location;

    /// <summary>The environment that points a process at the factory's data directory, key and database.</summary>
    public static Dictionary<string, string?> EnvironmentOf(UraFactory factory) => new()
    {
        ["Ura__DataDirectory"] = factory.DataDirectory,
        ["Ura__Keys__KeyEncryptionKey"] = factory.KeyEncryptionKey,
        ["Ura__Database__Provider"] = TestDatabase.Provider,
        ["Ura__Database__ConnectionString"] = factory.ConnectionString,
        ["Ura__DemoCases"] = "0",
    };

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Only what the test sets configures the child: nothing inherited from the developer's shell.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Ura__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment)
        {
            if (value is not null)
                start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A guard against a hung child, not a timing assertion.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ura {string.Join(' ', args)} did not exit. Output so far: {await output}{await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
