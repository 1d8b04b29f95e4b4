using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// Every page of the admin, identification and case features opens for its role, in every language, and
/// passes the accessibility check (which runs on each arrival).
/// </summary>
public sealed class FeaturePagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en")]
    [InlineData("sq")]
    [InlineData("mk")]
    [InlineData("sr-Latn")]
    public async Task SystemAdminPages_EachLanguage_OpenAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.SystemAdminEmail);
        await UseLanguageAsync(page, language);
        foreach (var path in new[] { "/admin/users", "/admin/users/new", "/admin/organisations", "/admin/countries", "/admin/countries/AL", "/identification/instruments", "/audit" })
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
        // An organisation's own page, reached from the list.
        await GoToAsync(page, "/admin/organisations");
        await page.GetByRole(AriaRole.Main).Locator("a[href^='/admin/organisations/']").First.ClickAsync();
        await ArrivedAsync(page);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("mk")]
    public async Task CaseWorkerNewCasePage_OpensAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("caseworker", language == "mk" ? "me" : "ba"));
        await UseLanguageAsync(page, language);
        var response = await GoToAsync(page, "/cases/new");
        Assert.Equal(200, response!.Status);
        await Expect(page.GetByRole(AriaRole.Main).Locator("form")).ToHaveCountAsync(1);
    }
}
