using System.Runtime.CompilerServices;

namespace Ura.Tests.Infrastructure;

internal static class TestEnvironment
{
    /// <summary>
    /// The applications this process hosts, and the node processes it starts (which inherit its environment), watch
    /// files by polling, not with inotify, and do not watch their settings files at all. A page with a versioned
    /// stylesheet link watches the web root, and ASP.NET Core does not dispose that watcher when the application stops:
    /// with hundreds of applications in one run the watchers outlived them, used up the user's 128 inotify instances
    /// (the Linux default), and a federation node process then failed to start.
    /// </summary>
#pragma warning disable CA2255 // A test assembly is not a library others load: this runs before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void WatchFilesWithoutInotify()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }
}
