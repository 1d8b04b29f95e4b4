using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using Ura.Features.Training.Trainings;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// An outreach officer records a training with pre/post scores and sees the change, and corrects an
/// exchange visit; the training and exchange visit pages open for an outreach officer and a coordinator,
/// in English and another language, and pass the accessibility check, which runs on each arrival.
/// </summary>
public sealed class TrainingPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Fact]
    public async Task OutreachOfficer_RecordsTrainingWithScores_SeesChange()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("outreach", "al"));
        await UseLanguageAsync(page, "en");
        await GoToAsync(page, "/training");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a training" }).ClickAsync();
        await ArrivedAsync(page);

        await page.Locator("#Input_Title").FillAsync("Identifying victims at the border");
        await page.Locator("#i-topic").SelectOptionAsync("IdentificationAndSops");
        await page.Locator("#i-Input-StartsOn").FillAsync("2026-03-10");
        await page.Locator("#i-Input-EndsOn").FillAsync("2026-03-11");
        await page.Locator("#i-p-Police-Female").FillAsync("4");
        await page.Locator("#i-p-Police-Male").FillAsync("9");
        await page.Locator("#Input_TestedCount").FillAsync("13");
        await page.Locator("#i-before").FillAsync("48.5");
        await page.Locator("#i-after").FillAsync("76");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/training/[0-9a-f-]{36}$"));
        await ArrivedAsync(page);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Identifying victims at the border");
        await Expect(page.Locator("#score-change")).ToHaveTextAsync("+27.5");
    }

    [Theory]
    [InlineData("en", "outreach", "al")]
    [InlineData("sq", "outreach", "xk")]
    [InlineData("mk", "coordinator", "mk")]
    public async Task TrainingPages_OpenAndAccessible(string language, string login, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf(login, country));
        await UseLanguageAsync(page, language);
        var cc = country.ToUpperInvariant();
        var visit = cc switch { "AL" => DemoTrainings.VisitId("AL", "XK"), "XK" => DemoTrainings.VisitId("AL", "XK"), _ => DemoTrainings.VisitId("MK", "RS") };
        var paths = new List<string> { "/training", $"/training/{DemoTrainings.TrainingId(cc, 1)}", "/training/visits" };
        if (login == "outreach")
            paths.AddRange([$"/training/{DemoTrainings.TrainingId(cc, 2)}/edit", "/training/new", "/training/visits/new"]);
        // The recording organisation's outreach officer and both countries' coordinators read a visit.
        if (cc != "XK")
            paths.Add($"/training/visits/{visit}");

        foreach (var path in paths)
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
    }

    [Fact]
    public async Task OutreachOfficer_CorrectsExchangeVisit_RefusedDatesShownThenSaved()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("outreach", "mk"));
        await UseLanguageAsync(page, "mk");
        var visit = DemoTrainings.VisitId("MK", "RS");
        await GoToAsync(page, $"/training/visits/{visit}");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Training.Visit.Correct") }).ClickAsync();
        await page.WaitForURLAsync($"**/training/visits/{visit}/edit");
        await ArrivedAsync(page);

        // The form comes filled with what was recorded.
        await Expect(page.Locator("#i-purpose")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Студиска посета"));
        await Expect(page.Locator("#Input_Female")).ToHaveValueAsync("5");
        await Expect(page.Locator("#Input_Male")).ToHaveValueAsync("2");
        var startsOn = DateOnly.ParseExact(await page.Locator("#i-Input-StartsOn").InputValueAsync(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("#i-host")).Not.ToHaveValueAsync("");
        Assert.True(await page.Locator("input[name='Input.VisitingOrganisationIds']:checked").CountAsync() > 0);

        // A last day before the first is refused beside the field, in the reader's language, and the page stays accessible.
        await page.Locator("#i-Input-EndsOn").FillAsync(startsOn.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var save = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Training.Save") });
        await save.ClickAsync();
        await Expect(page.Locator("#i-Input-EndsOn-error")).ToHaveTextAsync(await TextAsync(page, "Training.EndsBeforeStarts"));
        await ArrivedAsync(page);

        await page.Locator("#i-Input-EndsOn").FillAsync(startsOn.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#i-outcomes").FillAsync("Заеднички работилници за идентификација, две годишно.");
        await page.Locator("#Input_Male").FillAsync("4");
        await save.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/training/visits/{visit}$"));
        await ArrivedAsync(page);

        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Заеднички работилници за идентификација, две годишно.");
        await Expect(page.GetByRole(AriaRole.Main).Locator("tbody tr td").Last).ToHaveTextAsync("9");
    }
}
