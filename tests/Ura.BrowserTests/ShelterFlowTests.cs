using System.Globalization;
using System.Text.RegularExpressions;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using Ura.Features.Shelters;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// Issue 6's shelter flow through the pages, three people in their own browsers: a social worker finds a
/// free bed for a woman from her case, refers her to the shelter with a bed held; the shelter NGO's case
/// worker accepts; the shelter manager admits her to the held bed, then discharges her to her family.
/// The board counts the bed taken, then free again. Every page reached passes the accessibility check.
/// (Entering costs and reading the cost per bed-night: ShelterFinancePagesTests.)
/// </summary>
public sealed partial class ShelterFlowTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    private const string Country = "al";
    private const string ShelterNgo = "Strehëza Shpresa (OJF)";
    private static readonly Guid Facility = DemoShelters.FacilityId("AL", "emergency");

    [GeneratedRegex("/cases/[0-9a-f-]{36}/referrals/([0-9a-f-]{36})$")]
    private static partial Regex SentReferral();

    [GeneratedRegex("/shelters/[0-9a-f-]{36}/residents/([0-9a-f-]{36})$")]
    private static partial Regex ResidentPage();

    [Fact]
    public async Task ShelterFlow_FindBedReferWithHoldAcceptAdmitDischarge_BedFreeAgain()
    {
        var worker = await NewPageAsync();
        await SignInAsync(worker, DemoData.EmailOf("socialworker", Country));
        await UseLanguageAsync(worker, "en");
        var main = worker.GetByRole(AriaRole.Main);

        // A woman's case at the social services, and her consent to share with the shelter NGO.
        await GoToAsync(worker, "/cases/new");
        var unique = new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)]);
        var given = "Mira" + unique;
        await worker.FillAsync("#Input_GivenNames", given);
        await worker.FillAsync("#Input_FamilyName", "Dervishi" + unique);
        await worker.FillAsync("#Input_BirthDate", "1999-03-14");
        await worker.SelectOptionAsync("#gender", "Feminine");
        await worker.FillAsync("#Input_Citizenships", "AL");
        await worker.FillAsync("#Input_Languages", "sq");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Cases.New.Submit") }).ClickAsync();
        await worker.WaitForURLAsync(CaseOverview());
        await ArrivedAsync(worker);
        var caseId = CaseOverview().Match(worker.Url).Groups[1].Value;

        await GoToAsync(worker, $"/cases/{caseId}/consent");
        await worker.GetByLabel(await TextAsync(worker, "ConsentPurpose.CaseManagementAndAssistance"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "ConsentPurpose.ReferralToServices"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.DataUseExplained"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.RightOfAccessExplained"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.WithdrawalExplained"), new() { Exact = true }).CheckAsync();
        await main.Locator("label.check", new() { HasText = ShelterNgo }).Locator("input").CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.RetentionMonths"), new() { Exact = true }).FillAsync("60");
        await worker.Locator("[name='Input.GivenOn']").FillAsync(Today);
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Consent.Record.Submit") }).ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/consent");
        await ArrivedAsync(worker);

        // Find a free bed from the case: the board already asks for places that take women.
        await GoToAsync(worker, $"/cases/{caseId}/referrals");
        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(worker, "Shelters.Board.FindBed") }).ClickAsync();
        await worker.WaitForURLAsync($"**/shelters/board?case={caseId}**");
        await ArrivedAsync(worker);
        await Expect(worker.GetByLabel(await TextAsync(worker, "Population.Women"), new() { Exact = true })).ToBeCheckedAsync();
        await worker.SelectOptionAsync("#f-country", "AL");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Shelters.Board.Search") }).ClickAsync();
        await worker.WaitForURLAsync("**/shelters/board?**country=AL**");
        await ArrivedAsync(worker);
        var shelter = main.Locator("ul.directory-results > li", new() { HasText = "Strehëza e emergjencës" });
        await Expect(shelter).ToContainTextAsync("Tiranë");
        var freeBefore = await FreeBedsAsync(shelter);
        await shelter.GetByRole(AriaRole.Link, new() { Name = await TextAsync(worker, "Shelters.Board.Refer") }).ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/referrals/new?**facility={Facility}**");
        await ArrivedAsync(worker);

        // Refer with a bed held.
        await Expect(worker.GetByLabel(await TextAsync(worker, "Shelters.Hold.HoldBed"), new() { Exact = true })).ToBeCheckedAsync();
        await worker.GetByLabel(await TextAsync(worker, "Referrals.Field.Urgency"), new() { Exact = true }).SelectOptionAsync("Emergency");
        await worker.GetByLabel(await TextAsync(worker, "Referrals.Field.Reason"), new() { Exact = true }).FillAsync("Needs a safe place tonight.");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Referrals.New.Send") }).ClickAsync();
        await worker.WaitForURLAsync(SentReferral());
        await ArrivedAsync(worker);
        var referralId = SentReferral().Match(worker.Url).Groups[1].Value;
        await Expect(main.Locator("p.notice.good")).ToContainTextAsync("Strehëza e emergjencës");

        // The board counts one bed fewer.
        await GoToAsync(worker, $"/shelters/board?case={caseId}&country=AL");
        Assert.Equal(freeBefore - 1, await FreeBedsAsync(main.Locator("ul.directory-results > li", new() { HasText = "Strehëza e emergjencës" })));

        // The shelter NGO's case worker accepts, in Albanian.
        var receiver = await NewPageAsync();
        await SignInAsync(receiver, DemoData.EmailOf("caseworker", Country));
        await UseLanguageAsync(receiver, "sq");
        var theirs = receiver.GetByRole(AriaRole.Main);
        await GoToAsync(receiver, $"/referrals/{referralId}");
        foreach (var step in new[] { "ReferralAction.Acknowledge", "ReferralAction.Accept" })
        {
            await theirs.GetByRole(AriaRole.Button, new() { Name = await TextAsync(receiver, step), Exact = true }).ClickAsync();
            await receiver.WaitForURLAsync($"**/referrals/{referralId}");
            await ArrivedAsync(receiver);
        }
        await Expect(theirs.Locator("dl").First).ToContainTextAsync(await TextAsync(receiver, "ReferralStatus.Accepted"));

        // The shelter manager admits her to the held bed.
        var manager = await NewPageAsync();
        await SignInAsync(manager, DemoData.EmailOf("sheltermanager", Country));
        await UseLanguageAsync(manager, "en");
        var desk = manager.GetByRole(AriaRole.Main);
        await manager.Locator("nav a[href='/shelters']").First.ClickAsync();
        await manager.WaitForURLAsync(Server.BaseUrl + "/shelters");
        await ArrivedAsync(manager);
        await desk.Locator($"a[href='/shelters/{Facility}']").First.ClickAsync();
        await manager.WaitForURLAsync($"**/shelters/{Facility}");
        await ArrivedAsync(manager);
        await GoToAsync(manager, $"/shelters/{Facility}/admit");
        await desk.Locator("label.check", new() { HasText = given }).Locator("input").CheckAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = await TextAsync(manager, "Shelters.Admit.Submit") }).First.ClickAsync();
        await manager.WaitForURLAsync(ResidentPage());
        await ArrivedAsync(manager);
        await Expect(desk).ToContainTextAsync(given);
        await Expect(desk).Not.ToContainTextAsync("Dervishi" + unique);

        // Discharged to her family today: the bed is free again.
        await manager.Locator("[name='Input.DischargedOn']").FillAsync(Today);
        await manager.SelectOptionAsync("#destination", nameof(DischargeDestination.Family));
        await desk.GetByRole(AriaRole.Button, new() { Name = await TextAsync(manager, "Shelters.Resident.DischargeSubmit") }).ClickAsync();
        await ArrivedAsync(manager);
        await GoToAsync(manager, $"/shelters/{Facility}/residents");
        await Expect(desk).ToContainTextAsync(await TextAsync(manager, "DischargeDestination.Family"));
        await GoToAsync(worker, $"/shelters/board?case={caseId}&country=AL");
        Assert.Equal(freeBefore, await FreeBedsAsync(main.Locator("ul.directory-results > li", new() { HasText = "Strehëza e emergjencës" })));
    }

    /// <summary>The count in a board entry's "N free beds" line.</summary>
    private static async Task<int> FreeBedsAsync(ILocator entry) =>
        int.Parse(FirstNumber().Match((await entry.Locator("strong").First.TextContentAsync())!).Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("[0-9]+")]
    private static partial Regex FirstNumber();
}
