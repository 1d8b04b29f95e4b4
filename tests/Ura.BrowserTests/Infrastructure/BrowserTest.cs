using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Ura.Features.Admin;
using Ura.Platform.Identity;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests.Infrastructure;

/// <summary>
/// A test that uses Ura in the browser. Each test opens its own browser contexts (own cookies); every page a
/// test reaches goes through <see cref="ArrivedAsync"/>, which runs the accessibility check, and the test
/// fails if it reached a page without one. Requests anywhere but the Ura server are refused and fail the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract partial class BrowserTest(UraServer server, BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Desktop pages are tested in British English unless a test chooses otherwise.</summary>
    protected const string DefaultLocale = "en-GB";

    private readonly List<IBrowserContext> contexts = [];
    private readonly ConcurrentQueue<string> external = new();
    private readonly ConcurrentDictionary<IPage, string> notChecked = new();
    private readonly HashSet<IPage> withoutScript = [];

    protected UraServer Server => server;
    protected ITestOutputHelper Output => output;

    /// <summary>Every server the test uses: each is started again if it had stopped, and must still run at the end.</summary>
    protected virtual IReadOnlyList<UraServer> Servers => [server];

    static BrowserTest() => SetDefaultExpectTimeout(15_000);

    protected static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A case's overview page; group 1 is the case id.</summary>
    [GeneratedRegex("/cases/([0-9a-f-]{36})$")]
    protected static partial Regex CaseOverview();

    public async Task InitializeAsync()
    {
        foreach (var each in Servers)
        {
            if (await each.EnsureRunningAsync())
                output.WriteLine($"The Ura server at {each.BaseUrl} had stopped during an earlier test (see that test); it was started again.");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
            await context.CloseAsync();
        foreach (var each in Servers)
            Assert.False(each.HasExited, $"The Ura server at {each.BaseUrl} stopped during the test.\n--- server output ---\n" + each.Output);
        Assert.True(external.IsEmpty, "The pages requested something outside Ura (nothing may be fetched from the network):\n" + string.Join('\n', external));
        Assert.True(notChecked.IsEmpty, "The test reached a page without checking its accessibility: " + string.Join(", ", notChecked.Values));
    }

    /// <summary>A new page in a new context (fresh cookies), on the Ura server.</summary>
    protected Task<IPage> NewPageAsync(Action<BrowserNewContextOptions>? configure = null) => NewPageAsync(Server, configure);

    /// <summary>A new page in a new context (fresh cookies), on one of the test's <see cref="Servers"/>.</summary>
    protected async Task<IPage> NewPageAsync(UraServer on, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = on.BaseUrl, Locale = DefaultLocale };
        configure?.Invoke(options);
        var context = await browser.Browser.NewContextAsync(options);
        contexts.Add(context);
        await Accessibility.PrepareAsync(context);
        await context.RouteAsync(url => !url.StartsWith(on.BaseUrl + "/", StringComparison.Ordinal), route =>
        {
            external.Enqueue(route.Request.Url);
            return route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        if (options.JavaScriptEnabled == false)
            withoutScript.Add(page);
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
                notChecked[page] = frame.Url;
        };
        return page;
    }

    /// <summary>Opens a path as if typed into the address bar, then checks the page.</summary>
    protected async Task<IResponse?> GoToAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        await ArrivedAsync(page);
        return response;
    }

    /// <summary>
    /// Call after every navigation (link, form, redirect), once the test knows the new page is there: waits for
    /// it to load, then runs axe on it. Without JavaScript axe cannot run in the page; those pages are the same
    /// HTML the script-enabled tests check.
    /// </summary>
    protected async Task ArrivedAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Accessibility.AssertTitledAsync(page);
        if (!withoutScript.Contains(page))
            await Accessibility.AssertNoSeriousViolationsAsync(page, output);
        notChecked.TryRemove(page, out _);
    }

    /// <summary>The language the page says it is in, from <c>&lt;html lang&gt;</c>.</summary>
    protected static async Task<string> LanguageOfAsync(IPage page) =>
        await page.Locator("html").GetAttributeAsync("lang") ?? throw new InvalidOperationException("<html> has no lang.");

    /// <summary>One of Ura's strings in the language the page is showing.</summary>
    protected static async Task<string> TextAsync(IPage page, string key) => UraText.Get(key, await LanguageOfAsync(page));

    /// <summary>Types an e-mail address and password into the sign-in form and presses the sign-in button.</summary>
    protected async Task SubmitCredentialsAsync(IPage page, string email, string password)
    {
        await page.GetByLabel(await TextAsync(page, "Login.Email"), new() { Exact = true }).FillAsync(email);
        await page.GetByLabel(await TextAsync(page, "Login.Password"), new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Login.Submit") }).ClickAsync();
    }

    /// <summary>Types a code into the two-factor sign-in form and presses its button.</summary>
    protected async Task SubmitTwoFactorCodeAsync(IPage page, string code)
    {
        await page.GetByLabel(await TextAsync(page, "LoginTwoFactor.Code"), new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "LoginTwoFactor.Submit") }).ClickAsync();
    }

    /// <summary>The current code from the authenticator app every demo user shares.</summary>
    protected static string CurrentTwoFactorCode() => Totp.Code(DemoData.TwoFactorKey, DateTimeOffset.UtcNow);

    /// <summary>
    /// Signs a demo user in as a person does: the sign-in page, e-mail and password, then the code from the
    /// authenticator app. Ends on the home page.
    /// </summary>
    protected async Task SignInAsync(IPage page, string email)
    {
        await GoToAsync(page, "/account/login");
        var home = new Uri(new Uri(page.Url), "/").ToString();
        await SubmitCredentialsAsync(page, email, DemoData.Password);
        await page.WaitForURLAsync("**/account/login/two-factor**");
        await ArrivedAsync(page);
        await SubmitTwoFactorCodeAsync(page, CurrentTwoFactorCode());
        await page.WaitForURLAsync(home);
        await ArrivedAsync(page);
    }

    /// <summary>Chooses a language in the header's selector and presses its button; the same page comes back in that language.</summary>
    protected async Task ChooseLanguageAsync(IPage page, string code)
    {
        // The wait below recognises the new page by its language, so it must be a change.
        Assert.NotEqual(code, await LanguageOfAsync(page));
        var header = page.GetByRole(AriaRole.Banner);
        await header.GetByRole(AriaRole.Combobox, new() { Name = await TextAsync(page, "Layout.Language") }).SelectOptionAsync(code);
        await header.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Layout.Change") }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
        await ArrivedAsync(page);
    }

    /// <summary>Shows the page in <paramref name="language"/>; another test may already have saved it as the user's preference.</summary>
    protected async Task UseLanguageAsync(IPage page, string language)
    {
        if (await LanguageOfAsync(page) != language)
            await ChooseLanguageAsync(page, language);
    }

    /// <summary>Presses the sign-out button in the header; ends on the sign-in page.</summary>
    protected async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Layout.SignOut") }).ClickAsync();
        await page.WaitForURLAsync("**/account/login**");
        await ArrivedAsync(page);
    }

    /// <summary>The path and query of the page's address, e.g. <c>/account/login?ReturnUrl=%2Faccount</c>.</summary>
    protected static string PathOf(IPage page) => new Uri(page.Url).PathAndQuery;

    /// <summary>
    /// On a received referral at <paramref name="referralPath"/>: acknowledges and accepts it, then opens the
    /// receiving organisation's own case from what was shared (confirming it when the person may already be known).
    /// Returns the new case's id.
    /// </summary>
    protected async Task<string> AcceptAndOpenOwnCaseAsync(IPage receiver, string referralPath, string given, string family, string citizenship)
    {
        var theirs = receiver.GetByRole(AriaRole.Main);
        foreach (var step in new[] { "ReferralAction.Acknowledge", "ReferralAction.Accept" })
        {
            await theirs.GetByRole(AriaRole.Button, new() { Name = await TextAsync(receiver, step), Exact = true }).ClickAsync();
            await receiver.WaitForURLAsync("**" + referralPath);
            await ArrivedAsync(receiver);
        }
        await Expect(theirs.Locator("dl").First).ToContainTextAsync(await TextAsync(receiver, "ReferralStatus.Accepted"));

        await theirs.GetByRole(AriaRole.Link, new() { Name = await TextAsync(receiver, "Referrals.Received.OpenCase") }).ClickAsync();
        await receiver.WaitForURLAsync("**" + referralPath + "/case");
        await ArrivedAsync(receiver);
        await Expect(receiver.Locator("#Input_GivenNames")).ToHaveValueAsync(given);
        await receiver.FillAsync("#Input_FamilyName", family);
        await receiver.FillAsync("#Input_Citizenships", citizenship);
        var openCase = theirs.GetByRole(AriaRole.Button, new() { Name = await TextAsync(receiver, "Referrals.Received.OpenCase") });
        await openCase.ClickAsync();
        var confirm = receiver.Locator("#confirm");
        await Expect(confirm.Or(theirs.Locator(".case-ref"))).ToBeVisibleAsync();
        if (await confirm.IsVisibleAsync())
        {
            await ArrivedAsync(receiver);
            await confirm.CheckAsync();
            await openCase.ClickAsync();
        }
        await receiver.WaitForURLAsync(CaseOverview());
        await ArrivedAsync(receiver);
        return CaseOverview().Match(receiver.Url).Groups[1].Value;
    }
}
