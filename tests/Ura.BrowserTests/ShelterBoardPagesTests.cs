using System.Text.Json;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The free-beds board (from a case, with its "Refer" buttons) and the shelter figures open for their
/// users, in English and one other language, and pass the accessibility check (which runs on each arrival).
/// </summary>
public sealed class ShelterBoardPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en")]
    [InlineData("sq")]
    public async Task BoardFromCase_CaseWorker_OpensWithReferLinksAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("caseworker", "al"));
        await UseLanguageAsync(page, language);
        var opened = await page.Context.APIRequest.PostAsync(Server.BaseUrl + "/api/v1/cases", new()
        {
            DataObject = new
            {
                givenNames = "Elira", familyName = "Gashi", birthDate = "1995-02-11", gender = "Feminine",
                citizenships = new[] { "AL" }, languages = new[] { "sq" }, confirmedDifferentPerson = true,
            },
        });
        Assert.Equal(201, opened.Status);
        var id = JsonDocument.Parse(await opened.TextAsync()).RootElement.GetProperty("id").GetString()!;

        Assert.Equal(200, (await GoToAsync(page, $"/cases/{id}/referrals"))!.Status);
        await page.GetByRole(AriaRole.Main).Locator($"a[href='/shelters/board?case={id}']").ClickAsync();
        await ArrivedAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.GetByRole(AriaRole.Main).Locator($"a[href^='/cases/{id}/referrals/new?service=']").First).ToBeVisibleAsync();

        // Every country, a bed type and accessibility: the form as a worker fills it.
        Assert.Equal(200, (await GoToAsync(page, "/shelters/board?country=&bedType=Adult&accessible=true&population=Women"))!.Status);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("mk")]
    public async Task Statistics_CoordinatorAndShelterManager_OpenAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("coordinator", "mk"));
        await UseLanguageAsync(page, language);
        Assert.Equal(200, (await GoToAsync(page, "/shelters/statistics"))!.Status);
        await Expect(page.GetByRole(AriaRole.Main).Locator("table").First).ToBeVisibleAsync();
        Assert.Equal(200, (await GoToAsync(page, "/shelters/board"))!.Status);

        var manager = await NewPageAsync();
        await SignInAsync(manager, DemoData.EmailOf("sheltermanager", "mk"));
        await UseLanguageAsync(manager, language);
        Assert.Equal(200, (await GoToAsync(manager, "/shelters/statistics?from=2026-01-01"))!.Status);
    }
}
