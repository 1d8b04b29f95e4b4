using System.Text.RegularExpressions;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// Issue 4's referral flow through the pages, two organisations in their own browsers: the shelter's case
/// worker records consent, finds a service of the social services in the directory and refers the person;
/// the social worker receives it in the inbox (in Albanian), confirms receipt, accepts, opens their own
/// linked case and completes the referral with its outcome; the case worker sees the outcome on the
/// referral and the case timeline. Every page reached passes the accessibility check.
/// </summary>
public sealed partial class ReferralFlowTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    private const string Country = "al";
    private const string SocialServices = "Shërbimi Social Shtetëror";

    [GeneratedRegex("/directory/services/([0-9a-f-]{36})")]
    private static partial Regex ServiceLink();

    [GeneratedRegex("/cases/[0-9a-f-]{36}/referrals/([0-9a-f-]{36})$")]
    private static partial Regex SentReferral();

    [GeneratedRegex("/referrals/[0-9a-f-]{36}$")]
    private static partial Regex ReceivedReferral();

    [Fact]
    public async Task ReferralFlow_FindReferReceiveAcceptOpenCaseComplete_SenderSeesOutcome()
    {
        var worker = await NewPageAsync();
        await SignInAsync(worker, DemoData.EmailOf("caseworker", Country));
        await UseLanguageAsync(worker, "en");
        var main = worker.GetByRole(AriaRole.Main);

        // A new case, and the person's consent to share with the social services for a referral.
        await GoToAsync(worker, "/cases/new");
        var unique = new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)]);
        var given = "Elira" + unique;
        var family = "Kasa" + unique;
        await worker.FillAsync("#Input_GivenNames", given);
        await worker.FillAsync("#Input_FamilyName", family);
        await worker.FillAsync("#Input_BirthDate", "1996-05-20");
        await worker.SelectOptionAsync("#gender", "Feminine");
        await worker.FillAsync("#Input_Citizenships", "AL");
        await worker.FillAsync("#Input_Languages", "sq");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Cases.New.Submit") }).ClickAsync();
        await worker.WaitForURLAsync(CaseOverview());
        await ArrivedAsync(worker);
        var caseId = CaseOverview().Match(worker.Url).Groups[1].Value;

        await OpenSectionAsync(worker, "consent");
        await worker.GetByLabel(await TextAsync(worker, "ConsentPurpose.CaseManagementAndAssistance"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "ConsentPurpose.ReferralToServices"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.DataUseExplained"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.RightOfAccessExplained"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.WithdrawalExplained"), new() { Exact = true }).CheckAsync();
        await main.Locator("label.check", new() { HasText = SocialServices }).Locator("input").CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.RetentionMonths"), new() { Exact = true }).FillAsync("60");
        await worker.Locator("[name='Input.GivenOn']").FillAsync(Today);
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Consent.Record.Submit") }).ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/consent");
        await ArrivedAsync(worker);
        await Expect(main.Locator("section.notice.good")).ToContainTextAsync(SocialServices);

        // Find a service: from the case's referrals, the directory, social care in Albania.
        await OpenSectionAsync(worker, "referrals");
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Referrals.None"));
        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(worker, "Referrals.FindService") }).ClickAsync();
        await worker.WaitForURLAsync($"**/directory?case={caseId}");
        await ArrivedAsync(worker);
        await worker.SelectOptionAsync("#f-category", "social-care");
        await worker.SelectOptionAsync("#f-country", "AL");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Directory.Search") }).ClickAsync();
        await worker.WaitForURLAsync("**/directory?**category=social-care**");
        await ArrivedAsync(worker);
        // Social care includes child protection, which takes only children: the adult goes to social care itself.
        var result = main.Locator("ul.directory-results > li", new() { HasText = SocialServices, HasNotText = await TextAsync(worker, "ServiceCategory.child-protection") }).First;
        var serviceName = (await result.Locator("h2 a").TextContentAsync())!.Trim();
        var href = await result.Locator("h2 a").GetAttributeAsync("href");
        Assert.Contains($"case={caseId}", href, StringComparison.Ordinal);
        var serviceId = ServiceLink().Match(href!).Groups[1].Value;

        // The service's page, reached with the case, leads to the referral form.
        await result.Locator("h2 a").ClickAsync();
        await worker.WaitForURLAsync($"**/directory/services/{serviceId}**");
        await ArrivedAsync(worker);
        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(worker, "Directory.Service.Refer") }).ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/referrals/new?service={serviceId}");
        await ArrivedAsync(worker);
        await Expect(main).ToContainTextAsync(serviceName);
        await Expect(main.Locator("p.notice.good")).ToContainTextAsync(await TextAsync(worker, "Referrals.New.ConsentCovers"));
        await Expect(worker.GetByLabel(await TextAsync(worker, "SharedField.FirstName"), new() { Exact = true })).ToBeCheckedAsync();
        await Expect(worker.GetByLabel(await TextAsync(worker, "SharedField.FamilyName"), new() { Exact = true })).Not.ToBeCheckedAsync();
        await worker.GetByLabel(await TextAsync(worker, "Referrals.Field.Urgency"), new() { Exact = true }).SelectOptionAsync("Urgent");
        await worker.GetByLabel(await TextAsync(worker, "Referrals.Field.Reason"), new() { Exact = true }).FillAsync("Needs social assistance after leaving the shelter.");
        await worker.GetByLabel(await TextAsync(worker, "Referrals.Field.Message"), new() { Exact = true }).FillAsync("Please call before the first visit.");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Referrals.New.Send") }).ClickAsync();
        await worker.WaitForURLAsync(SentReferral());
        await ArrivedAsync(worker);
        var referralId = SentReferral().Match(worker.Url).Groups[1].Value;
        await Expect(main.Locator("dl").First).ToContainTextAsync(await TextAsync(worker, "ReferralStatus.Sent"));

        // The social worker receives it, in Albanian.
        var receiver = await NewPageAsync();
        await SignInAsync(receiver, DemoData.EmailOf("socialworker", Country));
        await UseLanguageAsync(receiver, "sq");
        var theirs = receiver.GetByRole(AriaRole.Main);
        await receiver.Locator("nav a[href='/referrals/inbox']").First.ClickAsync();
        await receiver.WaitForURLAsync(Server.BaseUrl + "/referrals/inbox");
        await ArrivedAsync(receiver);
        await theirs.Locator($"a[href='/referrals/{referralId}']").ClickAsync();
        await receiver.WaitForURLAsync(ReceivedReferral());
        await ArrivedAsync(receiver);
        await Expect(theirs).ToContainTextAsync(given);
        await Expect(theirs).Not.ToContainTextAsync(family);
        await Expect(theirs).ToContainTextAsync("Please call before the first visit.");

        // Their own case, filled from what was shared; the person is known at the shelter, which the worker confirms.
        var linkedCase = await AcceptAndOpenOwnCaseAsync(receiver, $"/referrals/{referralId}", given, family, "AL");
        Assert.NotEqual(caseId, linkedCase);

        // Complete with the outcome.
        await GoToAsync(receiver, $"/referrals/{referralId}");
        await Expect(theirs.GetByRole(AriaRole.Link, new() { Name = await TextAsync(receiver, "Referrals.Received.OurCase") })).ToHaveAttributeAsync("href", $"/cases/{linkedCase}");
        await receiver.GetByLabel(await TextAsync(receiver, "Referrals.Outcome.Successful"), new() { Exact = true }).CheckAsync();
        await receiver.GetByLabel(await TextAsync(receiver, "ServiceType.InKindAssistance"), new() { Exact = true }).CheckAsync();
        await receiver.GetByLabel(await TextAsync(receiver, "Referrals.Field.OutcomeNote"), new() { Exact = true }).FillAsync("Monthly assistance granted; housing found in Tiranë.");
        await theirs.GetByRole(AriaRole.Button, new() { Name = await TextAsync(receiver, "ReferralAction.Complete"), Exact = true }).ClickAsync();
        await receiver.WaitForURLAsync(ReceivedReferral());
        await ArrivedAsync(receiver);
        await Expect(theirs.Locator("dl").First).ToContainTextAsync(await TextAsync(receiver, "ReferralStatus.Completed"));

        // The sender sees the outcome on the referral, in the case's list and on its timeline.
        await GoToAsync(worker, $"/cases/{caseId}/referrals/{referralId}");
        var details = main.Locator("dl").First;
        await Expect(details).ToContainTextAsync(await TextAsync(worker, "ReferralStatus.Completed"));
        await Expect(details).ToContainTextAsync(await TextAsync(worker, "Referrals.Outcome.Successful"));
        await Expect(details).ToContainTextAsync("housing found in Tiranë");
        await Expect(details).ToContainTextAsync(await TextAsync(worker, "ServiceType.InKindAssistance"));
        await OpenSectionAsync(worker, "referrals");
        await Expect(main.Locator("tbody")).ToContainTextAsync(await TextAsync(worker, "Referrals.Outcome.Successful"));
        await OpenSectionAsync(worker, "timeline");
        await Expect(main.Locator("ol.timeline")).ToContainTextAsync(await TextAsync(worker, "Timeline.referral.complete"));
        await Expect(main.Locator("ol.timeline")).ToContainTextAsync(await TextAsync(worker, "Timeline.referral.accept"));
    }

    [Theory]
    [InlineData("en", "xk")]
    [InlineData("mk", "mk")]
    public async Task ReceivingPages_DemoReferrals_OpenAndAccessible(string language, string country)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, DemoData.EmailOf("socialworker", country));
        await UseLanguageAsync(page, language);
        var main = page.GetByRole(AriaRole.Main);

        var response = await GoToAsync(page, "/referrals/inbox");
        Assert.Equal(200, response!.Status);
        var first = main.Locator("tbody a[href^='/referrals/']").First;
        await Expect(first).ToBeVisibleAsync();
        await first.ClickAsync();
        await page.WaitForURLAsync(ReceivedReferral());
        await ArrivedAsync(page);
        await Expect(main.Locator("dl").First).ToBeVisibleAsync();
        await GoToAsync(page, "/referrals/inbox?status=Sent");
    }

    /// <summary>Follows the case's section link (the row of sections under the case reference).</summary>
    private async Task OpenSectionAsync(IPage page, string section)
    {
        var sections = page.GetByRole(AriaRole.Navigation, new() { Name = await TextAsync(page, "Cases.Sections") });
        await sections.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Cases.Section." + section), Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/cases/[0-9a-f-]{{36}}/{section}$"));
        await ArrivedAsync(page);
    }
}
