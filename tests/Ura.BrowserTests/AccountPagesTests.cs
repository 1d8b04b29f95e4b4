using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>The signed-in person's own pages, reached by the links a person follows; every one is checked with axe.</summary>
public sealed class AccountPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Fact]
    public async Task AccountPages_SupervisorFollowsLinks_EachPageWorksAndIsAccessible()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("supervisor", "al"));
        await UseLanguageAsync(page, "en");
        var main = page.GetByRole(AriaRole.Main);
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();
        await page.WaitForURLAsync("**/account");
        await ArrivedAsync(page);
        await Expect(heading).ToHaveTextAsync("My account");
        await Expect(main).ToContainTextAsync(DemoData.EmailOf("supervisor", "al"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "My account" })).ToHaveAttributeAsync("aria-current", "page");

        await main.GetByRole(AriaRole.Link, new() { Name = "Two-factor sign-in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/two-factor");
        await ArrivedAsync(page);
        await Expect(main).ToContainTextAsync("Two-factor sign-in is on for your account.");

        await GoToAsync(page, "/account");
        await main.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await page.WaitForURLAsync("**/account/password");
        await ArrivedAsync(page);
        await Expect(heading).ToHaveTextAsync("Change password");
        // A mistyped confirmation is refused with the error next to its field (and nothing changes).
        await page.GetByLabel("Current password", new() { Exact = true }).FillAsync(DemoData.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a long new passphrase for Ura");
        await page.GetByLabel("New password again", new() { Exact = true }).FillAsync("a different passphrase");
        await main.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        var confirm = page.GetByLabel("New password again", new() { Exact = true });
        await Expect(confirm).ToHaveAttributeAsync("aria-invalid", "true");
        await ArrivedAsync(page);
        await Expect(confirm).ToHaveAccessibleDescriptionAsync("The two new passwords are not the same.");

        await GoToAsync(page, "/account");
        await main.GetByRole(AriaRole.Link, new() { Name = "API access tokens" }).ClickAsync();
        await page.WaitForURLAsync("**/account/tokens");
        await ArrivedAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Browser test token");
        await page.GetByLabel("Valid for", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await main.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status)).ToContainTextAsync("Copy this token now. It will not be shown again.");
        await ArrivedAsync(page);
        // The new token is listed in the table, with a revoke button that names it.
        await Expect(main.GetByRole(AriaRole.Row).Filter(new() { HasText = "Browser test token" })).ToHaveCountAsync(1);
        await Expect(main.GetByRole(AriaRole.Button, new() { Name = "Revoke token Browser test token" })).ToBeVisibleAsync();

        await GoToAsync(page, "/language");
        await Expect(heading).ToHaveTextAsync("Choose your language");
        await Expect(main.GetByRole(AriaRole.Radio)).ToHaveCountAsync(4);
    }
}
