using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using Ura.Features.Directory;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The directory's pages open for their users, in English and one other language, and pass the
/// accessibility check (which runs on each arrival): search, a service page, the maintenance list and
/// the service, place and profile forms.
/// </summary>
public sealed class DirectoryPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en")]
    [InlineData("mk")]
    public async Task SearchAndServicePages_CaseWorker_OpenAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("caseworker", "mk"));
        await UseLanguageAsync(page, language);

        var search = await GoToAsync(page, "/directory?category=legal-counselling&language=sq&minors=true");
        Assert.Equal(200, search!.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await page.GetByRole(AriaRole.Main).Locator($"a[href^='/directory/services/{DemoDirectory.ServiceId("MK", "legal")}']").ClickAsync();
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Правно советување и застапување");

        // The confidential shelter of another organisation in the same country: city only.
        var shelter = await GoToAsync(page, $"/directory/services/{DemoDirectory.ServiceId("MK", "shelter")}");
        Assert.Equal(200, shelter!.Status);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("sq")]
    public async Task MaintenancePages_OrganisationAdmin_OpenAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("orgadmin", "al"));
        await UseLanguageAsync(page, language);

        Assert.Equal(200, (await GoToAsync(page, "/directory/manage"))!.Status);
        Assert.Equal(200, (await GoToAsync(page, $"/directory/manage/services/{DemoDirectory.ServiceId("AL", "shelter")}"))!.Status);
        await Expect(page.GetByRole(AriaRole.Main).Locator("form")).ToHaveCountAsync(1);
        Assert.Equal(200, (await GoToAsync(page, $"/directory/manage/locations/{DemoDirectory.LocationId("AL", DemoData.OrgKind.Shelter, "shelter")}"))!.Status);

        // The profile and the new-service and new-place forms, reached from the list.
        await GoToAsync(page, "/directory/manage");
        await page.GetByRole(AriaRole.Main).Locator("a[href$='/services/new']").First.ClickAsync();
        await ArrivedAsync(page);
        await GoToAsync(page, "/directory/manage");
        await page.GetByRole(AriaRole.Main).Locator("a[href$='/locations/new']").First.ClickAsync();
        await ArrivedAsync(page);
        await GoToAsync(page, "/directory/manage");
        await page.GetByRole(AriaRole.Main).Locator("a[href^='/directory/manage/organisations/']").First.ClickAsync();
        await ArrivedAsync(page);
    }

    [Fact]
    public async Task ServiceForm_BadInput_ShowsErrorsAccessibly()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("coordinator", "al"));
        await UseLanguageAsync(page, "en");
        await GoToAsync(page, $"/directory/manage/services/{DemoDirectory.ServiceId("AL", "social-care")}");

        await page.Locator("#Input_MinimumAge").FillAsync("40");
        await page.Locator("#Input_MaximumAge").FillAsync("20");
        await page.GetByRole(AriaRole.Main).Locator("form button[type=submit]").ClickAsync();
        await ArrivedAsync(page);

        await Expect(page.GetByText("The youngest age cannot be above the oldest age.")).ToBeVisibleAsync();
    }
}
