using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The pages of referrals to and from other countries open for their users and pass the accessibility
/// check. This server is one node without peers, so they show their empty states; the whole flow across
/// two real nodes is <see cref="TransnationalFlowTests"/>.
/// </summary>
public sealed class TransnationalPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{

    [Theory]
    [InlineData("en")]
    [InlineData("sq")]
    public async Task CaseWorkerPages_OpenAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("caseworker", "al"));
        await UseLanguageAsync(page, language);
        var main = page.GetByRole(AriaRole.Main);

        await GoToAsync(page, "/cases/new");
        var unique = new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)]);
        await page.FillAsync("#Input_GivenNames", "Arta" + unique);
        await page.FillAsync("#Input_FamilyName", "Gashi" + unique);
        await page.FillAsync("#Input_BirthDate", "1995-03-14");
        await page.SelectOptionAsync("#gender", "Feminine");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Cases.New.Submit") }).ClickAsync();
        await page.WaitForURLAsync(CaseOverview());
        await ArrivedAsync(page);
        var caseId = CaseOverview().Match(page.Url).Groups[1].Value;

        // From the case's referrals to the referrals abroad.
        await GoToAsync(page, $"/cases/{caseId}/referrals");
        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Transnational.Title") }).ClickAsync();
        await page.WaitForURLAsync($"**/cases/{caseId}/transnational");
        await ArrivedAsync(page);
        await Expect(main).ToContainTextAsync(await TextAsync(page, "Transnational.None"));
        await Expect(main).ToContainTextAsync(await TextAsync(page, "Transnational.Search.NoDirectory"));

        var response = await GoToAsync(page, $"/cases/{caseId}/transnational/new");
        Assert.Equal(200, response!.Status);
        await Expect(main).ToContainTextAsync(await TextAsync(page, "Transnational.New.ChooseService"));

        response = await GoToAsync(page, "/referrals/transnational");
        Assert.Equal(200, response!.Status);
        await Expect(main).ToContainTextAsync(await TextAsync(page, "Transnational.Inbox.Empty"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("mk")]
    public async Task CoordinatorInbox_FromNavigation_OpensAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("coordinator", language == "mk" ? "mk" : "xk"));
        await UseLanguageAsync(page, language);
        await page.Locator("nav a[href='/referrals/transnational']").First.ClickAsync();
        await page.WaitForURLAsync("**/referrals/transnational");
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(await TextAsync(page, "Transnational.Inbox.Empty"));
    }
}
