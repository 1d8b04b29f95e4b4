using System.Runtime.CompilerServices;

namespace Ura.Tests.Infrastructure;

internal static class TestEnvironment
{
    /// <summary>
    /// Neither the applications this process hosts nor the node processes it starts (which inherit its environment)
    /// watch their settings files for changes. Each watch takes one of the user's inotify instances, 128 by default on
    /// Linux; with the dozens of applications a full run hosts at once they ran out, and a node process failed to start.
    /// </summary>
#pragma warning disable CA2255 // A test assembly is not a library others load: this runs before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void DoNotWatchSettingsFiles() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
