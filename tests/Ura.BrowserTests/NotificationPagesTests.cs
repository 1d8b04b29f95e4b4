using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The home page's referral dashboard, the bell and the notifications list open for case workers and
/// supervisors and pass the accessibility check (which runs on each arrival).
/// </summary>
public sealed class NotificationPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en", "supervisor", "al")]
    [InlineData("sq", "caseworker", "xk")]
    public async Task NotificationPages_OpenAndAccessible(string language, string login, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf(login, country));
        await UseLanguageAsync(page, language);

        foreach (var path in new[] { "/", "/notifications", "/notifications?unread=true" })
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
        await GoToAsync(page, "/");
        await Expect(page.Locator("#referrals-heading")).ToHaveCountAsync(1);

        // The bell leads to the list; marking everything read leaves the bell without a count.
        await page.Locator("header a.bell").ClickAsync();
        await ArrivedAsync(page);
        Assert.Equal("/notifications", PathOf(page));
        var markAll = page.GetByRole(AriaRole.Main).Locator("form button[type=submit]").First;
        if (await page.GetByRole(AriaRole.Main).Locator("form").CountAsync() > 0)
        {
            await markAll.ClickAsync();
            await ArrivedAsync(page);
        }
        await Expect(page.Locator("header a.bell .count")).ToHaveCountAsync(0);
    }
}
