using System.Globalization;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The risk, plan and services pages of a case, used as a case worker does: record a risk assessment,
/// add a plan goal and open it, record a service and open it. The accessibility check runs on each arrival.
/// </summary>
public sealed class PlanPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{

    [Theory]
    [InlineData("en", "rs")]
    [InlineData("sq", "xk")]
    public async Task CaseWorkerRiskPlanAndServicePages_OpenWorkAndAccessible(string language, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("caseworker", country));
        await UseLanguageAsync(page, language);
        var opened = await page.APIRequest.PostAsync("/api/v1/cases", new()
        {
            DataObject = new
            {
                givenNames = "Elira", familyName = "Gashi", birthDate = "1996-03-08", gender = "Feminine",
                citizenships = new[] { "XK" }, languages = new[] { "sq" }, confirmedDifferentPerson = true,
            },
        });
        Assert.Equal(201, opened.Status);
        var caseId = (await opened.JsonAsync())!.Value.GetProperty("id").GetString();
        var main = page.GetByRole(AriaRole.Main);

        await GoToAsync(page, $"/cases/{caseId}/risk");
        await page.Locator("[name='Input.AssessedOn']").FillAsync(Today);
        await page.Locator("[name='Input.IndividualRisk']").SelectOptionAsync("High");
        await page.Locator("[name='Input.HouseholdRisk']").SelectOptionAsync("Medium");
        await page.Locator("[name='Input.CommunityRisk']").SelectOptionAsync("Low");
        await page.Locator("[name='Input.SafetyPlan']").FillAsync("Stays in the shelter; calls the duty worker if contacted");
        await page.Locator("[name='Input.NextReviewOn']").FillAsync(DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Risk.Save") }).ClickAsync();
        await ArrivedAsync(page);
        await Expect(main).ToContainTextAsync("Stays in the shelter");

        await GoToAsync(page, $"/cases/{caseId}/plan");
        await page.Locator("[name='Goal.Type']").SelectOptionAsync("Legal");
        await page.Locator("[name='Goal.Objective']").FillAsync("Legal aid during the proceedings");
        await main.Locator("form[action*='handler=Goal'] button[type=submit]").ClickAsync();
        await ArrivedAsync(page);
        await main.Locator($"a[href^='/cases/{caseId}/plan/goals/']").First.ClickAsync();
        await ArrivedAsync(page);
        await Expect(page.Locator("[name='Input.Objective']")).ToHaveValueAsync("Legal aid during the proceedings");

        await GoToAsync(page, $"/cases/{caseId}/services");
        await page.Locator("[name='Input.Type']").SelectOptionAsync("Interpretation");
        await page.Locator("[name='Input.DeliveredOn']").FillAsync(Today);
        await page.Locator("[name='Input.Quantity']").FillAsync("2");
        await page.Locator("[name='Input.Unit']").SelectOptionAsync("Hours");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Services.Save") }).ClickAsync();
        await ArrivedAsync(page);
        await main.Locator($"a[href^='/cases/{caseId}/services/']").First.ClickAsync();
        await ArrivedAsync(page);
        await Expect(page.Locator("[name='Input.Type']")).ToHaveValueAsync("Interpretation");
    }
}
