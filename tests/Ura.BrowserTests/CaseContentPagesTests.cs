using System.Text.Json;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// The consent, notes, tasks and documents pages of a case, and "My tasks", open for a case worker with
/// content on them, in English and one other language, and pass the accessibility check.
/// </summary>
public sealed class CaseContentPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    /// <summary>Opens a case through the API with the page's own sign-in, and puts one of each kind of content on it.</summary>
    private async Task<string> CaseWithContentAsync(IPage page)
    {
        var api = page.Context.APIRequest;
        var opened = await api.PostAsync(Server.BaseUrl + "/api/v1/cases", new()
        {
            DataObject = new
            {
                givenNames = "Drita", familyName = "Berisha", birthDate = "1996-05-04", gender = "Feminine",
                citizenships = new[] { "AL" }, languages = new[] { "sq" }, confirmedDifferentPerson = true,
            },
        });
        Assert.Equal(201, opened.Status);
        var id = JsonDocument.Parse(await opened.TextAsync()).RootElement.GetProperty("id").GetString()!;
        var me = JsonDocument.Parse(await (await api.GetAsync(Server.BaseUrl + "/api/v1/me")).TextAsync()).RootElement.GetProperty("id").GetString();
        Assert.Equal(201, (await api.PostAsync($"{Server.BaseUrl}/api/v1/cases/{id}/consents", new()
        {
            DataObject = new
            {
                purposes = new[] { "CaseManagementAndAssistance" }, sharedWithOrganisationTypes = new[] { "HealthServiceOrganisation" },
                crossBorderCountries = new[] { "XK" }, retentionMonths = 60, dataUseExplained = true, rightOfAccessExplained = true,
                withdrawalExplained = true, givenBy = "Person", givenOn = Today,
            },
        })).Status);
        Assert.Equal(201, (await api.PostAsync($"{Server.BaseUrl}/api/v1/cases/{id}/notes", new() { DataObject = new { text = "First meeting at the shelter." } })).Status);
        Assert.Equal(201, (await api.PostAsync($"{Server.BaseUrl}/api/v1/cases/{id}/tasks", new()
        {
            DataObject = new { title = "Call the health centre", kind = "FollowUp", dueOn = Today, assigneeId = me },
        })).Status);
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("type", "MedicalReport");
        form.Set("file", new FilePayload { Name = "report.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        Assert.Equal(201, (await api.PostAsync($"{Server.BaseUrl}/api/v1/cases/{id}/documents", new() { Multipart = form })).Status);
        return id;
    }

    [Theory]
    [InlineData("en", "rs")]
    [InlineData("sq", "xk")]
    public async Task CaseContentPages_CaseWorker_OpenAndAccessible(string language, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("caseworker", country));
        await UseLanguageAsync(page, language);
        var id = await CaseWithContentAsync(page);

        foreach (var section in new[] { "consent", "notes", "tasks", "documents" })
        {
            var response = await GoToAsync(page, $"/cases/{id}/{section}");
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Expect(page.GetByRole(AriaRole.Main).Locator("form[method='post']:visible").First).ToBeVisibleAsync();
        }
        var tasks = await GoToAsync(page, "/tasks");
        Assert.Equal(200, tasks!.Status);
        await Expect(page.GetByRole(AriaRole.Main).Locator($"a[href='/cases/{id}/tasks']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task TasksPage_Supervisor_ChoosesAWorkerAndStaysAccessible()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("supervisor", "rs"));
        await UseLanguageAsync(page, "sr-Latn");
        await GoToAsync(page, "/tasks");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Combobox).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button).ClickAsync();
        await page.WaitForURLAsync("**/tasks?workerId=**");
        await ArrivedAsync(page);
    }
}
