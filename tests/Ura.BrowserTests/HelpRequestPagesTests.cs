using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// A visitor on a phone sends a request for help in Albanian; a helpline case worker finds it in the
/// inbox and opens a screening from it. Every page passes the accessibility check on arrival.
/// </summary>
public sealed class HelpRequestPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [Fact]
    public async Task VisitorSendsRequest_HotlineWorkerOpensScreening()
    {
        var visitor = await NewPageAsync(o => o.ViewportSize = new() { Width = 390, Height = 844 });
        var story = "Më premtuan punë në një restorant, por tani ma mbajnë pasaportën. " + Guid.NewGuid().ToString("N")[..8];
        var response = await GoToAsync(visitor, "/help/al/sq/request");
        Assert.Equal(200, response!.Status);
        await Expect(visitor.Locator("a[href='tel:112']").First).ToBeVisibleAsync();
        await visitor.GetByLabel(await TextAsync(visitor, "HelpRequests.Field.Account")).FillAsync(story);
        await visitor.GetByLabel(await TextAsync(visitor, "DangerNow.Yes"), new() { Exact = true }).CheckAsync();
        // A person takes longer than the form's three-second minimum; so must the test.
        await visitor.WaitForTimeoutAsync(3500);
        await visitor.GetByRole(AriaRole.Button, new() { Name = await TextAsync(visitor, "HelpRequests.Form.Submit") }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = await TextAsync(visitor, "HelpRequests.Sent.Title") })).ToBeVisibleAsync();
        await ArrivedAsync(visitor);
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = await TextAsync(visitor, "HelpRequests.Emergency.Urgent") })).ToBeVisibleAsync();
        Assert.Empty(await visitor.Context.CookiesAsync());

        var worker = await NewPageAsync();
        await SignInAsync(worker, DemoData.EmailOf("hotline", "al"));
        await UseLanguageAsync(worker, "en");
        await GoToAsync(worker, "/help-requests");
        await worker.GetByRole(AriaRole.Main).Locator("a[href^='/help-requests/']").First.ClickAsync();
        await Expect(worker.GetByText(story)).ToBeVisibleAsync();
        await ArrivedAsync(worker);
        await worker.GetByLabel(await TextAsync(worker, "Screening.Start.Age.adult")).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Screening.Start.Exploitation.labour")).CheckAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "HelpRequests.Detail.OpenScreeningSubmit") }).ClickAsync();
        await worker.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/identification/screenings/[0-9a-f-]{36}$"));
        await ArrivedAsync(worker);

        // The handled request shows its link to the screening; the open-case form opens for a new one.
        await GoToAsync(worker, "/help-requests?handled=true");
        await worker.GetByRole(AriaRole.Main).Locator("a[href^='/help-requests/']").First.ClickAsync();
        await Expect(worker.GetByRole(AriaRole.Link, new() { Name = await TextAsync(worker, "HelpRequests.Detail.GoToScreening") })).ToBeVisibleAsync();
        await ArrivedAsync(worker);
        await GoToAsync(worker, "/help-requests");
        await worker.GetByRole(AriaRole.Main).Locator("a[href^='/help-requests/']").First.ClickAsync();
        await ArrivedAsync(worker);
        await worker.GetByRole(AriaRole.Link, new() { Name = await TextAsync(worker, "HelpRequests.Detail.OpenCaseLink") }).ClickAsync();
        await ArrivedAsync(worker);
        await Expect(worker.GetByRole(AriaRole.Main).Locator("form")).ToHaveCountAsync(1);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("mk")]
    public async Task PublicForm_Language_OpensAndAccessible(string language)
    {
        var page = await NewPageAsync();
        var response = await GoToAsync(page, $"/help/mk/{language}/request");
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }
}
