using Ura.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

public sealed class LanguageTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("sq", "Hyni", "Zgjidhni gjuhën tuaj")]
    [InlineData("mk", "Најава", "Изберете јазик")]
    [InlineData("sr-Latn", "Prijava", "Izaberite jezik")]
    public async Task ChooseLanguage_HeaderSelector_TranslatesPageAndRemembersChoice(string code, string signInHeading, string languagePageHeading)
    {
        var page = await NewPageAsync();
        await GoToAsync(page, "/account/login");
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToHaveTextAsync("Sign in");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await ChooseLanguageAsync(page, code);

        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        await Expect(heading).ToHaveTextAsync(signInHeading);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
        await Expect(page.Locator("#language-choice")).ToHaveValueAsync(code);

        // Remembered: the next page load, and another page, come in the chosen language.
        await GoToAsync(page, "/account/login");
        await Expect(heading).ToHaveTextAsync(signInHeading);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
        await GoToAsync(page, "/language");
        await Expect(heading).ToHaveTextAsync(languagePageHeading);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
    }

    [Fact]
    public async Task ChooseLanguage_LanguagePage_SwitchesBackToEnglish()
    {
        var page = await NewPageAsync(o => o.Locale = "sq-AL");
        await GoToAsync(page, "/language?returnUrl=%2Faccount%2Flogin");
        // The browser asks for Albanian, so the page starts in Albanian.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sq");

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Radio, new() { Name = "English" }).CheckAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Ndrysho" }).ClickAsync();

        await page.WaitForURLAsync("**/account/login");
        await ArrivedAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
    }
}
