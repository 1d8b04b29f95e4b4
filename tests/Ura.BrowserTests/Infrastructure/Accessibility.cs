using System.Text;
using Deque.AxeCore.Commons;
using Newtonsoft.Json.Linq;

namespace Ura.BrowserTests.Infrastructure;

/// <summary>
/// axe-core as bundled in the Deque.AxeCore packages (nothing is fetched at run time), run against the page as it
/// is now. Serious and critical violations fail the test; lesser ones are written to the test output.
/// </summary>
/// <remarks>
/// Deque's <c>page.RunAxe()</c> sends the 650 KB axe script into the page and again into a throwaway browser
/// context on every call: 3 to 5 seconds a page on two cores, minutes for this suite. Here the same bundled
/// script is added once per context as an init script and <c>axe.run</c> is called directly, with results read
/// into Deque's own <see cref="AxeResult"/>. <c>AccessibilityTests</c> checks that both find the same.
/// </remarks>
public static class Accessibility
{
    private static readonly string[] Failing = ["serious", "critical"];
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>Makes axe available in every page the context opens: the browser adds it, nothing is fetched.</summary>
    public static Task PrepareAsync(IBrowserContext context) => context.AddInitScriptAsync(AxeSource.Value);

    /// <summary>axe with its default rules on the whole page; passes and inapplicable rules without node detail.</summary>
    public static async Task<AxeResult> RunAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify(await window.axe.run(document, { resultTypes: ['violations'] }))");
        return new AxeResult(JObject.Parse(json));
    }

    public static async Task AssertNoSeriousViolationsAsync(IPage page, ITestOutputHelper output)
    {
        var result = await RunAsync(page);
        var where = $"{await page.TitleAsync()} <{page.Url}>";

        // axe that ran nothing would pass everything: a real page always passes some rules.
        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {where}.");

        var serious = result.Violations.Where(v => Failing.Contains(v.Impact)).ToList();
        var minor = result.Violations.Except(serious).ToList();
        if (minor.Count > 0)
            output.WriteLine($"axe (not failing) on {where}:\n{Describe(minor)}");
        Assert.True(serious.Count == 0, $"axe found serious or critical accessibility problems on {where}:\n{Describe(serious)}");
    }

    /// <summary>
    /// The window title names the page (WCAG 2.4.2): it is what a screen reader announces first and what a tab or
    /// the history list shows. axe only checks that there is one.
    /// </summary>
    public static async Task AssertTitledAsync(IPage page)
    {
        var title = await page.TitleAsync();
        var heading = (await page.Locator("h1").First.TextContentAsync())?.Trim();
        Assert.False(string.IsNullOrEmpty(heading), $"{page.Url} has no <h1>.");
        Assert.True(title.StartsWith(heading, StringComparison.Ordinal),
            $"The title of {page.Url} is \"{title}\"; it should name the page, starting with its heading \"{heading}\".");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"  [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                text.AppendLine($"      {node.Target}: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                    text.AppendLine($"        - {check.Message}");
            }
        }
        return text.ToString();
    }
}
