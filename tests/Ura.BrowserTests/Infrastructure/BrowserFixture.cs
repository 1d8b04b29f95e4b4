// The collections (one server; two federated nodes) run one after another: side by side on two cores, their
// servers and browsers would slow each other's pages past the waits.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Ura.BrowserTests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the whole collection; every test opens its own context (cookies, storage)
/// in it. Playwright never downloads a browser here: it drives the one apt installed.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing. Install Debian's Chromium: apt-get install chromium");

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Offline: everything but the Ura server on 127.0.0.1 goes to a proxy that is not there and fails, in
            // every context, including the throwaway one Deque's RunAxe opens.
            Proxy = new() { Server = "http://127.0.0.1:9", Bypass = "127.0.0.1" },
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        playwright?.Dispose();
    }
}

/// <summary>All browser tests share one Ura process and one browser; xunit runs a collection's tests one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<UraServer>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
