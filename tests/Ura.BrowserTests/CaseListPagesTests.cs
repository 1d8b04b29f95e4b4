using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The case list, a case's overview controls and exploitation section, and the supervisor's caseload
/// open for their roles and pass the accessibility check (which runs on each arrival).
/// </summary>
public sealed class CaseListPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en", "me")]
    [InlineData("sq", "xk")]
    public async Task CaseWorkerCasePages_OpenAndAccessible(string language, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("caseworker", country));
        await UseLanguageAsync(page, language);

        // A case of their own, opened through the form as a worker would.
        await GoToAsync(page, "/cases/new");
        await page.Locator("#Input_GivenNames").FillAsync("Lista" + Guid.NewGuid().ToString("N")[..6]);
        await page.Locator("#Input_FamilyName").FillAsync("Provë");
        await page.Locator("#Input_BirthDate").FillAsync("1990-05-06");
        await page.Locator("#gender").SelectOptionAsync("Feminine");
        await page.GetByRole(AriaRole.Main).Locator("form button[type=submit]").Last.ClickAsync();
        await ArrivedAsync(page);
        var casePath = new Uri(page.Url).AbsolutePath;
        Assert.Matches("^/cases/[0-9a-f-]{36}$", casePath);

        foreach (var path in new[] { casePath, casePath + "/exploitation", "/cases", "/cases?status=Active&sort=reference" })
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
        await Expect(page.GetByRole(AriaRole.Main).Locator($"a[href='{casePath}']")).ToHaveCountAsync(1);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("mk")]
    public async Task SupervisorListPages_OpenAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("supervisor", "mk"));
        await UseLanguageAsync(page, language);
        foreach (var path in new[] { "/cases", "/cases?scope=organisation&overdue=true", "/cases/caseload" })
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
    }
}
