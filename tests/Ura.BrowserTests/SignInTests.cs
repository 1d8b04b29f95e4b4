using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using Ura.Platform.Identity;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

public sealed class SignInTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Fact]
    public async Task SignIn_CaseWorkerWithPasswordAndCode_SeesOwnNavigationThenSignsOut()
    {
        var page = await NewPageAsync();

        await SignInAsync(page, DemoData.EmailOf("caseworker", "al"));

        // The case worker's organisation is named in the header.
        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync("Strehëza Shpresa (OJF)");
        await UseLanguageAsync(page, "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome to Ura");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Home", "Cases", "New case", "Screenings", "My tasks", "Referral inbox", "Returns from abroad", "Free beds", "Service directory", "My account"]);
        foreach (var adminOnly in new[] { "Users", "Organisations", "Countries", "Audit trail" })
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = adminOnly })).ToHaveCountAsync(0);
        await Expect(page.Locator("a[href^='/admin'], a[href^='/audit']")).ToHaveCountAsync(0);

        await SignOutAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);

        // Signed out, a protected page sends the person to sign in, and back there afterwards.
        await GoToAsync(page, "/account");
        Assert.StartsWith("/account/login?", PathOf(page), StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Faccount", PathOf(page), StringComparison.Ordinal);
        await Expect(page.GetByLabel("E-mail address", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("en", "outreach.al", "The e-mail address or password is not correct.")]
    [InlineData("sq", "outreach.xk", "Adresa e e-mailit ose fjalëkalimi nuk është i saktë.")]
    [InlineData("mk", "outreach.mk", "Е-адресата или лозинката не е точна.")]
    [InlineData("sr-Latn", "outreach.rs", "E-adresa ili lozinka nije tačna.")]
    public async Task SignIn_WrongPassword_ShowsLocalisedErrorAndStaysOnSignIn(string language, string login, string error)
    {
        var page = await NewPageAsync();
        await GoToAsync(page, "/account/login");
        if (language != "en")
            await ChooseLanguageAsync(page, language);
        var email = login + "@" + DemoData.EmailDomain;

        await SubmitCredentialsAsync(page, email, "not-the-password-2026");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(error);
        await ArrivedAsync(page);
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        // The address stays filled in for another try; the password never comes back.
        await Expect(page.Locator("#Input_Email")).ToHaveValueAsync(email);
        await Expect(page.Locator("#Input_Password")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task SignIn_WrongTwoFactorCode_ShowsErrorThenCorrectCodeSignsIn()
    {
        var page = await NewPageAsync();
        await GoToAsync(page, "/account/login");
        await SubmitCredentialsAsync(page, DemoData.EmailOf("analyst", "al"), DemoData.Password);
        await page.WaitForURLAsync("**/account/login/two-factor**");
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Two-factor sign-in");

        // A code the server cannot accept now, whatever clock drift it allows.
        var valid = Enumerable.Range(-4, 9).Select(step => Totp.Code(DemoData.TwoFactorKey, DateTimeOffset.UtcNow.AddSeconds(30 * step))).ToHashSet();
        var wrong = Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(code => !valid.Contains(code));
        await SubmitTwoFactorCodeAsync(page, wrong);

        await Expect(page.GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("That code is not correct. Check the time on your phone and try the newest code.");
        await ArrivedAsync(page);
        Assert.Equal("/account/login/two-factor", new Uri(page.Url).AbsolutePath);

        await SubmitTwoFactorCodeAsync(page, CurrentTwoFactorCode());
        await page.WaitForURLAsync(Server.BaseUrl + "/");
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync("Zyra e Koordinatorit Kombëtar kundër Trafikimit");
    }

    [Fact]
    public async Task SignIn_SystemAdmin_SeesAdminNavigation()
    {
        var page = await NewPageAsync();

        await SignInAsync(page, DemoData.SystemAdminEmail);
        await UseLanguageAsync(page, "en");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToHaveAttributeAsync("href", "/admin/users");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Organisations", Exact = true })).ToHaveAttributeAsync("href", "/admin/organisations");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Countries", Exact = true })).ToHaveAttributeAsync("href", "/admin/countries");
    }
}
