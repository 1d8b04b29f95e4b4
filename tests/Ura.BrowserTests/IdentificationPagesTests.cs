using System.Text.RegularExpressions;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The identification pages as people use them: a case worker screens a person, concludes, opens a
/// case from the screening and submits it for identification; the police identification officer
/// decides from the inbox. The accessibility check runs on every page reached.
/// </summary>
public sealed partial class IdentificationPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [GeneratedRegex("/cases/[0-9a-f-]{36}$")]
    private static partial Regex CasePage();

    [Theory]
    [InlineData("en", "al")]
    [InlineData("sq", "xk")]
    public async Task ScreenOpenCaseSubmitAndDecide_EachPageOpensAndIsAccessible(string language, string country)
    {
        var worker = await NewPageAsync();
        await SignInAsync(worker, DemoData.EmailOf("caseworker", country));
        await UseLanguageAsync(worker, language);
        var main = worker.GetByRole(AriaRole.Main);

        // Screen a person met at first contact.
        Assert.Equal(200, (await GoToAsync(worker, "/identification/screenings"))!.Status);
        await worker.CheckAsync("#age-adult");
        await worker.CheckAsync("#exploitation-labour");
        await main.Locator("form button[type=submit]").ClickAsync();
        await worker.WaitForURLAsync(new Regex("/identification/screenings/[0-9a-f-]{36}$"));
        await ArrivedAsync(worker);
        await main.Locator("input[type=radio][value=Yes]").First.CheckAsync();
        await main.Locator("form button[type=submit]").ClickAsync();
        await worker.WaitForURLAsync("**/result");
        await ArrivedAsync(worker);
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Screening.Result.NotALegalFinding"));

        // The worker's own conclusion, then a case opened from the screening.
        await worker.CheckAsync("#conclusion-PresumedVictim");
        await worker.FillAsync("#reason", "Recruited with a false job offer; documents kept by the employer.");
        await main.Locator("form button[type=submit]").ClickAsync();
        await worker.WaitForURLAsync("**/result");
        await ArrivedAsync(worker);
        await main.Locator("a[href^='/cases/new?screening=']").ClickAsync();
        await worker.WaitForURLAsync("**/cases/new?screening=**");
        await ArrivedAsync(worker);
        var unique = new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)]);
        await worker.FillAsync("#Input_GivenNames", "Teuta" + unique);
        await worker.FillAsync("#Input_FamilyName", "Krasniqi" + unique);
        await worker.FillAsync("#Input_BirthDate", "1994-05-06");
        await worker.SelectOptionAsync("#gender", "Feminine");
        await worker.FillAsync("#Input_Citizenships", country.ToUpperInvariant());
        await worker.FillAsync("#Input_Languages", "sq");
        await main.Locator("form button[type=submit]").ClickAsync();
        await worker.WaitForURLAsync(CasePage());
        await ArrivedAsync(worker);
        var caseId = worker.Url[^36..];

        // The case's identification section: submit it to the country's identification authority.
        Assert.Equal(200, (await GoToAsync(worker, $"/cases/{caseId}/identification"))!.Status);
        await worker.SelectOptionAsync("#authority", new SelectOptionValue { Index = 1 });
        await worker.FillAsync("#statement", "She describes deception and debt bondage; screening attached.");
        await main.Locator("form[action*='handler=Submit'] button[type=submit]").ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/identification");
        await ArrivedAsync(worker);
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Identification.State.Waiting"));

        // The identification officer decides from the inbox.
        var officer = await NewPageAsync();
        await SignInAsync(officer, DemoData.EmailOf("police", country));
        await UseLanguageAsync(officer, language);
        Assert.Equal(200, (await GoToAsync(officer, "/identification/submissions"))!.Status);
        await officer.GetByRole(AriaRole.Main).Locator("a[href^='/identification/submissions/']").First.ClickAsync();
        await officer.WaitForURLAsync(new Regex("/identification/submissions/[0-9a-f-]{36}$"));
        await ArrivedAsync(officer);
        await officer.CheckAsync("#decision-ActualVictimOfTrafficking");
        await officer.FillAsync("#decided-on", DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await officer.FillAsync("#basis", "Interview with the person and the screening results.");
        await officer.GetByRole(AriaRole.Main).Locator("form button[type=submit]").ClickAsync();
        await ArrivedAsync(officer);

        // The case team sees the decision and the reflection period.
        await GoToAsync(worker, $"/cases/{caseId}/identification");
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Identification.Reflection.Title"));
    }
}
