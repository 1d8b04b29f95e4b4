using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using Ura.Features.Training.Assessments;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The capacity assessment pages (programmes, new programme, programme figures, new assessment form,
/// provider history with its chart, correction form and removal confirmation) open for an outreach officer and a coordinator, in English and
/// other languages, and pass the accessibility check, which runs on each arrival.
/// </summary>
public sealed class CapacityAssessmentPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Theory]
    [InlineData("en", "al")]
    [InlineData("sq", "xk")]
    public async Task OutreachOfficerPages_OpenAndAccessible(string language, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("outreach", country));
        await UseLanguageAsync(page, language);
        var programme = DemoAssessments.ProgrammeId(country.ToUpperInvariant());
        var provider = DemoAssessments.ProviderId(country.ToUpperInvariant(), "legal-aid");

        foreach (var path in new[] { "/training/assessments", "/training/assessments/new", $"/training/assessments/{programme}", $"/training/assessments/{programme}/assess" })
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
        await Expect(page.GetByRole(AriaRole.Main).Locator("fieldset")).ToHaveCountAsync(CapacityFramework.Current.Criteria.Count());

        // From the programme's figures to a provider's history: the chart and the table of its numbers.
        await GoToAsync(page, $"/training/assessments/{programme}");
        await page.GetByRole(AriaRole.Main).Locator($"a[href='/training/assessments/{programme}/providers/{provider}']").ClickAsync();
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = string.Format(System.Globalization.CultureInfo.InvariantCulture, await TextAsync(page, "Assessments.History.ChartTitle"), await page.Locator("h1").InnerTextAsync()) })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).Locator("table").First.Locator("tbody tr")).ToHaveCountAsync(CapacityFramework.Current.Dimensions.Count + 1);

        // The correction form, filled with the recorded scores, and the removal confirmation (left without removing).
        var history = page.Url;
        await page.GetByRole(AriaRole.Main).Locator("details").First.Locator("summary").ClickAsync();
        await page.GetByRole(AriaRole.Main).Locator("a[href$='/edit']").First.ClickAsync();
        await page.WaitForURLAsync("**/edit");
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Main).Locator("input[type='radio']:checked")).ToHaveCountAsync(CapacityFramework.Current.Criteria.Count());
        await GoToAsync(page, history);
        await page.GetByRole(AriaRole.Main).Locator("details").First.Locator("summary").ClickAsync();
        await page.GetByRole(AriaRole.Main).Locator("a[href$='/remove']").First.ClickAsync();
        await page.WaitForURLAsync("**/remove");
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Assessments.Remove.Confirm") })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("mk", "mk")]
    [InlineData("sr-Latn", "rs")]
    public async Task CoordinatorProviderHistory_OpensWithChartAndAccessible(string language, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("coordinator", country));
        await UseLanguageAsync(page, language);
        var programme = DemoAssessments.ProgrammeId(country.ToUpperInvariant());
        var provider = DemoAssessments.ProviderId(country.ToUpperInvariant(), "mental-health");

        foreach (var path in new[] { "/training/assessments", $"/training/assessments/{programme}", $"/training/assessments/{programme}/providers/{provider}" })
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
        await Expect(page.GetByRole(AriaRole.Main).Locator("svg[role='img'] title")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Main).Locator("details")).ToHaveCountAsync(2);
    }
}
