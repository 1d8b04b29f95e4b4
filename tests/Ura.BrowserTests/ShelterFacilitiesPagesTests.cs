using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using Ura.Features.Shelters;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The shelter manager's facility pages (list, new, overview, details, rooms and beds, standards) open
/// in English and another language and pass the accessibility check, which runs on each arrival.
/// </summary>
public sealed class ShelterFacilitiesPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en", "al")]
    [InlineData("sq", "al")]
    [InlineData("mk", "mk")]
    public async Task ShelterManagerFacilityPages_OpenAndAccessible(string language, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("sheltermanager", country));
        await UseLanguageAsync(page, language);
        var facility = DemoShelters.FacilityId(country.ToUpperInvariant(), "emergency");

        foreach (var path in new[] { "/shelters", "/shelters/new", $"/shelters/{facility}", $"/shelters/{facility}/edit", $"/shelters/{facility}/beds", $"/shelters/{facility}/standards" })
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
        // The facility's tabs lead to each other; the beds page has a change form per bed behind a summary.
        await GoToAsync(page, $"/shelters/{facility}/beds");
        await page.GetByRole(AriaRole.Main).Locator("details summary").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).Locator("details[open] input[name='label']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = await TextAsync(page, "Shelters.Sections") })
            .GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Shelters.Section.standards") }).ClickAsync();
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Main).Locator("fieldset")).ToHaveCountAsync(MinimumStandards.Codes.Count);
    }
}
