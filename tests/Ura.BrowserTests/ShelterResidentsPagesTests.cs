using System.Text.Json;
using System.Text.RegularExpressions;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using Ura.Features.Directory;
using Ura.Features.Shelters;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// A place in a shelter through the pages: the social worker refers a person to the shelter NGO's
/// service holding a bed (the form the availability board links to), the NGO's case worker accepts,
/// the shelter manager admits the person to the held bed, moves nothing, records the leaving; the
/// residents list shows the stay in the history. The accessibility check runs on every page reached.
/// </summary>
public sealed partial class ShelterResidentsPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    [GeneratedRegex("/cases/[0-9a-f-]{36}/referrals/([0-9a-f-]{36})$")]
    private static partial Regex SentReferral();

    [GeneratedRegex("/shelters/[0-9a-f-]{36}/residents/([0-9a-f-]{36})$")]
    private static partial Regex ResidentPage();

    [Theory]
    [InlineData("en", "xk")]
    [InlineData("sq", "al")]
    public async Task ShelterPlacement_ReferWithHoldAcceptAdmitDischarge_StayInHistory(string language, string country)
    {
        var code = country.ToUpperInvariant();
        var serviceId = DemoDirectory.ServiceId(code, "shelter");
        var facilityId = DemoShelters.FacilityId(code, "emergency");

        // The referring side: a case of the social services, with consent to share with the shelter NGO (set up through the API).
        var worker = await NewPageAsync();
        await SignInAsync(worker, DemoData.EmailOf("socialworker", country));
        await UseLanguageAsync(worker, language);
        var api = worker.Context.APIRequest;
        var hsds = JsonDocument.Parse(await (await api.GetAsync($"{Server.BaseUrl}/hsds/services/{serviceId}")).TextAsync()).RootElement;
        var shelterOrganisation = hsds.GetProperty("organization_id").GetString();
        var given = "Shpresa" + new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6)]);
        var opened = await api.PostAsync(Server.BaseUrl + "/api/v1/cases", new()
        {
            DataObject = new
            {
                givenNames = given, familyName = "Dervishi", birthDate = "1995-03-14", gender = "Feminine",
                citizenships = new[] { code }, languages = new[] { "sq" }, confirmedDifferentPerson = true,
            },
        });
        Assert.Equal(201, opened.Status);
        var caseId = JsonDocument.Parse(await opened.TextAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(201, (await api.PostAsync($"{Server.BaseUrl}/api/v1/cases/{caseId}/consents", new()
        {
            DataObject = new
            {
                purposes = new[] { "CaseManagementAndAssistance", "ReferralToServices" }, sharedWithOrganisations = new[] { shelterOrganisation },
                sharedWithOrganisationTypes = Array.Empty<string>(), crossBorderCountries = Array.Empty<string>(), retentionMonths = 60,
                dataUseExplained = true, rightOfAccessExplained = true, withdrawalExplained = true, givenBy = "Person", givenOn = Today,
            },
        })).Status);

        // The referral form as the board opens it: the facility preselected, "Hold a bed" ticked.
        var main = worker.GetByRole(AriaRole.Main);
        await GoToAsync(worker, $"/cases/{caseId}/referrals/new?service={serviceId}&facility={facilityId}");
        await Expect(worker.GetByLabel(await TextAsync(worker, "Shelters.Hold.HoldBed"), new() { Exact = true })).ToBeCheckedAsync();
        await Expect(worker.Locator("#facility")).ToHaveValueAsync(facilityId.ToString());
        await worker.GetByLabel(await TextAsync(worker, "Referrals.Field.Reason"), new() { Exact = true }).FillAsync("Needs a safe place tonight.");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Referrals.New.Send") }).ClickAsync();
        await worker.WaitForURLAsync(SentReferral());
        await ArrivedAsync(worker);
        var referralId = SentReferral().Match(worker.Url).Groups[1].Value;
        await Expect(main).ToContainTextAsync((await TextAsync(worker, "Shelters.Hold.HeldUntil")).Split("{0}")[0].Trim());

        // The shelter NGO's case worker accepts.
        var receiver = await NewPageAsync();
        await SignInAsync(receiver, DemoData.EmailOf("caseworker", country));
        await UseLanguageAsync(receiver, language);
        var theirs = receiver.GetByRole(AriaRole.Main);
        await GoToAsync(receiver, $"/referrals/{referralId}");
        foreach (var step in new[] { "ReferralAction.Acknowledge", "ReferralAction.Accept" })
        {
            await theirs.GetByRole(AriaRole.Button, new() { Name = await TextAsync(receiver, step), Exact = true }).ClickAsync();
            await receiver.WaitForURLAsync($"**/referrals/{referralId}");
            await ArrivedAsync(receiver);
        }
        await Expect(theirs).ToContainTextAsync((await TextAsync(receiver, "Shelters.Hold.HeldUntil")).Split("{0}")[0].Trim());

        // The shelter manager admits her to the held bed, then records her leaving.
        var manager = await NewPageAsync();
        await SignInAsync(manager, DemoData.EmailOf("sheltermanager", country));
        await UseLanguageAsync(manager, language);
        var shelter = manager.GetByRole(AriaRole.Main);
        await GoToAsync(manager, $"/shelters/{facilityId}/residents");
        await shelter.GetByRole(AriaRole.Link, new() { Name = await TextAsync(manager, "Shelters.Admit.Title"), Exact = true }).ClickAsync();
        await manager.WaitForURLAsync($"**/shelters/{facilityId}/admit");
        await ArrivedAsync(manager);
        await shelter.Locator("label.check", new() { HasText = given }).Locator("input").CheckAsync();
        await shelter.GetByRole(AriaRole.Button, new() { Name = await TextAsync(manager, "Shelters.Admit.Submit") }).First.ClickAsync();
        await manager.WaitForURLAsync(ResidentPage());
        await ArrivedAsync(manager);
        await Expect(shelter.Locator("dl")).ToContainTextAsync(given);
        await Expect(shelter).Not.ToContainTextAsync("Dervishi");

        await manager.Locator("[name='Input.DischargedOn']").FillAsync(Today);
        await manager.Locator("#destination").SelectOptionAsync("IndependentLiving");
        await manager.Locator("#note").FillAsync("Moved to a flat with support.");
        await shelter.GetByRole(AriaRole.Button, new() { Name = await TextAsync(manager, "Shelters.Resident.DischargeSubmit") }).ClickAsync();
        await manager.WaitForURLAsync(ResidentPage());
        await ArrivedAsync(manager);
        await Expect(shelter.Locator("dl")).ToContainTextAsync(await TextAsync(manager, "DischargeDestination.IndependentLiving"));

        await GoToAsync(manager, $"/shelters/{facilityId}/residents");
        await Expect(shelter.Locator("table").Last).ToContainTextAsync(given);
    }
}
