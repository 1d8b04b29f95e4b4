using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The system admin's federation pages open and pass the accessibility check (which runs on each
/// arrival). The shared test server has no node identity, so the overview shows the form that creates it;
/// nothing is submitted, so other tests see the server unchanged.
/// </summary>
public sealed class FederationPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en")]
    [InlineData("sq")]
    public async Task FederationPages_SystemAdmin_OpenAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.SystemAdminEmail);
        await UseLanguageAsync(page, language);
        foreach (var path in new[] { "/admin/federation", "/admin/federation/peers/add", "/admin/federation/dead-letters" })
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
        await GoToAsync(page, "/admin/federation");
        await Expect(page.GetByRole(AriaRole.Main).Locator("form select[name='Input.Country']")).ToHaveCountAsync(1);
    }
}
