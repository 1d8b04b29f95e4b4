using Deque.AxeCore.Playwright;
using Ura.BrowserTests.Infrastructure;

namespace Ura.BrowserTests;

/// <summary>
/// The suite's fast axe runner (<see cref="Accessibility"/>) must judge pages as Deque's <c>page.RunAxe()</c> does,
/// and both must work with no network: the base class refuses and reports any request that leaves the Ura server.
/// </summary>
public sealed class AccessibilityTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Fact]
    public async Task RunAxe_SignInPageOffline_FindsTheSameAsTheSuitesRunner()
    {
        var page = await NewPageAsync();
        await GoToAsync(page, "/account/login");

        var deque = await page.RunAxe();
        var ours = await Accessibility.RunAsync(page);

        Assert.NotEmpty(deque.Passes);
        Assert.Equal(deque.TestEngine.Version, ours.TestEngine.Version);
        Assert.Equal(Ids(deque.Violations), Ids(ours.Violations));
        Assert.Equal(Ids(deque.Passes), Ids(ours.Passes));
        Assert.Equal(Ids(deque.Incomplete), Ids(ours.Incomplete));
        Output.WriteLine($"axe-core {deque.TestEngine.Version}: {deque.Passes.Length} rules pass, violations: {string.Join(", ", Ids(deque.Violations))}");
    }

    private static string[] Ids(IEnumerable<Deque.AxeCore.Commons.AxeResultItem> items) =>
        items.Select(i => i.Id).Order(StringComparer.Ordinal).ToArray();
}
