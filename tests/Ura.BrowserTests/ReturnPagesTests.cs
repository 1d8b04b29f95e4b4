using System.Text.Json;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The voluntary return pages a single node can show without a peer: a case's Return section and the
/// receiving organisation's "Returns from abroad" list, in English and one other language, with the
/// accessibility check. The plan form and a received plan need a transnational referral between two
/// nodes; the two-node browser flow (<see cref="TransnationalFlowTests"/>) opens them.
/// </summary>
public sealed class ReturnPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en", "al")]
    [InlineData("sq", "xk")]
    public async Task CaseReturnSection_CaseWorker_OpensAndAccessible(string language, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("caseworker", country));
        await UseLanguageAsync(page, language);
        var opened = await page.Context.APIRequest.PostAsync(Server.BaseUrl + "/api/v1/cases", new()
        {
            DataObject = new
            {
                givenNames = "Mimoza", familyName = "Hoxha", birthDate = "1995-03-14", gender = "Feminine",
                citizenships = new[] { "AL" }, languages = new[] { "sq" }, confirmedDifferentPerson = true,
            },
        });
        Assert.Equal(201, opened.Status);
        var id = JsonDocument.Parse(await opened.TextAsync()).RootElement.GetProperty("id").GetString()!;

        var response = await GoToAsync(page, $"/cases/{id}/return");

        Assert.Equal(200, response!.Status);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(await TextAsync(page, "Return.NoReferrals"));
        await Expect(page.Locator("nav.case-nav a[aria-current='page']")).ToHaveTextAsync(await TextAsync(page, "Cases.Section.return"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("mk")]
    public async Task ReturnsFromAbroad_ReceivingSupervisor_OpensFromNavigationAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("supervisor", "mk"));
        await UseLanguageAsync(page, language);
        await GoToAsync(page, "/");

        await page.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Nav.Returns") }).First.ClickAsync();
        await page.WaitForURLAsync("**/transnational/returns");
        await ArrivedAsync(page);

        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(await TextAsync(page, "Return.Received.Empty"));
    }
}
