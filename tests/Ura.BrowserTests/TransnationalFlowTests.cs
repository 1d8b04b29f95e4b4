using System.Diagnostics;
using System.Text.RegularExpressions;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// Issue 5, point 12, through the pages of two real nodes (<see cref="FederatedServers"/>): the Albanian shelter's case
/// worker records cross-border consent for Kosovo and refers the person to the Kosovo shelter, picked from Kosovo's
/// directory; the Kosovo case worker (in Albanian) acknowledges, accepts and opens their own linked case; the sender
/// sees the acceptance, writes a return plan with its assistance package and proposes it; Kosovo confirms it and
/// records the arrival and handover; the sending case moves to follow-up; Kosovo files the three-month follow-up
/// report, which the sender sees on the case. Each step's message travels between the processes over loopback: the
/// other side reloads its page until it shows. Every page reached on either node passes the accessibility check.
/// </summary>
[Collection(FederatedCollection.Name)]
public sealed partial class TransnationalFlowTests(FederatedServers nodes, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(nodes.Albania, browser, output)
{
    /// <summary>A guard against a message that never arrives (it takes seconds), not a timing assertion.</summary>
    private static readonly TimeSpan MessageWait = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ReloadPause = TimeSpan.FromMilliseconds(500);

    /// <summary>The receiving organisation on the Kosovo node, as the demo data names it.</summary>
    private const string KosovoShelter = "Strehimore";

    protected override IReadOnlyList<UraServer> Servers => [nodes.Albania, nodes.Kosovo];

    [GeneratedRegex("/cases/[0-9a-f-]{36}/transnational/([0-9a-f-]{36})$")]
    private static partial Regex SentReferral();

    [Fact]
    public async Task ReturnAcrossNodes_ReferAcceptPlanConfirmHandOverFollowUp_SenderSeesEachStep()
    {
        // Albania: a new case and the person's consent to share with organisations in Kosovo.
        var sender = await NewPageAsync(nodes.Albania);
        await SignInAsync(sender, DemoData.EmailOf("caseworker", "al"));
        await UseLanguageAsync(sender, "en");
        var ours = sender.GetByRole(AriaRole.Main);

        await GoToAsync(sender, "/cases/new");
        var unique = new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)]);
        var given = "Vjosa" + unique;
        var family = "Berisha" + unique;
        await sender.FillAsync("#Input_GivenNames", given);
        await sender.FillAsync("#Input_FamilyName", family);
        await sender.FillAsync("#Input_BirthDate", "1998-04-12");
        await sender.SelectOptionAsync("#gender", "Feminine");
        await sender.FillAsync("#Input_Citizenships", "XK");
        await sender.FillAsync("#Input_Languages", "sq");
        await ours.GetByRole(AriaRole.Button, new() { Name = await TextAsync(sender, "Cases.New.Submit") }).ClickAsync();
        await sender.WaitForURLAsync(CaseOverview());
        await ArrivedAsync(sender);
        var caseId = CaseOverview().Match(sender.Url).Groups[1].Value;

        await RecordCrossBorderConsentAsync(sender, "XK");

        // From the case's referrals to the referrals abroad; Kosovo's directory arrives from the Kosovo node.
        await OpenSectionAsync(sender, "referrals");
        await ours.GetByRole(AriaRole.Link, new() { Name = await TextAsync(sender, "Transnational.Title") }).ClickAsync();
        await sender.WaitForURLAsync($"**/cases/{caseId}/transnational");
        await ArrivedAsync(sender);
        await ReloadUntilAsync(sender, ours.Locator("select#country option[value='XK']"));
        await sender.GetByLabel(await TextAsync(sender, "Transnational.Field.Country"), new() { Exact = true }).SelectOptionAsync("XK");
        await sender.GetByLabel(await TextAsync(sender, "Referrals.Field.Category"), new() { Exact = true }).SelectOptionAsync("emergency-shelter");
        await ours.GetByRole(AriaRole.Button, new() { Name = await TextAsync(sender, "Transnational.Search.Submit") }).ClickAsync();
        await sender.WaitForURLAsync("**/transnational?**category=emergency-shelter**");
        await ArrivedAsync(sender);
        var found = ours.Locator("ul.directory-results > li", new() { HasText = KosovoShelter }).First.Locator("h3 a");
        var serviceName = (await found.TextContentAsync())!.Trim();
        await found.ClickAsync();
        await sender.WaitForURLAsync($"**/cases/{caseId}/transnational/new?service=**");
        await ArrivedAsync(sender);
        await Expect(ours).ToContainTextAsync(serviceName);
        await Expect(ours.Locator("p.notice.good")).ToContainTextAsync(await TextAsync(sender, "Transnational.New.ConsentCovers"));
        await sender.GetByLabel(await TextAsync(sender, "Referrals.Field.Urgency"), new() { Exact = true }).SelectOptionAsync("Urgent");
        await sender.GetByLabel(await TextAsync(sender, "Referrals.Field.Reason"), new() { Exact = true }).FillAsync("Wants to go home to Prishtina; needs a safe place on arrival.");
        await sender.GetByLabel(await TextAsync(sender, "Referrals.Field.Message"), new() { Exact = true }).FillAsync("She speaks Albanian; please call before visiting.");
        await ours.GetByRole(AriaRole.Button, new() { Name = await TextAsync(sender, "Transnational.New.Send") }).ClickAsync();
        await sender.WaitForURLAsync(SentReferral());
        await ArrivedAsync(sender);
        var referralId = SentReferral().Match(sender.Url).Groups[1].Value;
        await Expect(ours.Locator("dl").First).ToContainTextAsync(await TextAsync(sender, "ReferralStatus.Sent"));

        // Kosovo, in Albanian: the referral arrives in the shelter's inbox of referrals from abroad.
        var receiver = await NewPageAsync(nodes.Kosovo);
        await SignInAsync(receiver, DemoData.EmailOf("caseworker", "xk"));
        await UseLanguageAsync(receiver, "sq");
        var theirs = receiver.GetByRole(AriaRole.Main);
        await receiver.Locator("nav a[href='/referrals/inbox']").First.ClickAsync();
        await receiver.WaitForURLAsync("**/referrals/inbox");
        await ArrivedAsync(receiver);
        await theirs.GetByRole(AriaRole.Link, new() { Name = await TextAsync(receiver, "Transnational.Inbox.Title"), Exact = true }).ClickAsync();
        await receiver.WaitForURLAsync("**/referrals/transnational");
        await ArrivedAsync(receiver);
        var inboxRow = theirs.Locator($"a[href='/referrals/transnational/{referralId}']");
        await ReloadUntilAsync(receiver, inboxRow);
        await inboxRow.ClickAsync();
        await receiver.WaitForURLAsync($"**/referrals/transnational/{referralId}");
        await ArrivedAsync(receiver);
        await Expect(theirs).ToContainTextAsync(given);
        await Expect(theirs).Not.ToContainTextAsync(family);
        await Expect(theirs).ToContainTextAsync("please call before visiting");

        // Their own case, filled from what was shared; the family name was not shared and is asked there.
        var linkedCase = await AcceptAndOpenOwnCaseAsync(receiver, $"/referrals/transnational/{referralId}", given, family, "XK");
        // Follow-up reports go back only while the person's consent on this case covers Albania.
        await RecordCrossBorderConsentAsync(receiver, "AL");

        // Albania sees the acceptance on the referral.
        await GoToAsync(sender, $"/cases/{caseId}/transnational/{referralId}");
        await ReloadUntilAsync(sender, ours.Locator("dl").First.Filter(new() { HasText = await TextAsync(sender, "ReferralStatus.Accepted") }));

        // The return plan with its assistance package, proposed to Kosovo.
        await OpenSectionAsync(sender, "return");
        await ours.GetByRole(AriaRole.Link, new() { Name = await TextAsync(sender, "Return.Write"), Exact = true }).ClickAsync();
        await sender.WaitForURLAsync($"**/cases/{caseId}/return/{referralId}");
        await ArrivedAsync(sender);
        const string route = "Tirana airport to Prishtina by air, then by car to Prizren";
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.InformedDecisionCheck"), new() { Exact = true }).CheckAsync();
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.DecisionOn"), new() { Exact = true }).FillAsync(Today);
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.SafetyRisk"), new() { Exact = true }).SelectOptionAsync("Medium");
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.FamilySituation"), new() { Exact = true }).FillAsync("Mother and younger brother, supportive");
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.Route"), new() { Exact = true }).FillAsync(route);
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.TravelMode"), new() { Exact = true }).SelectOptionAsync("Air");
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.DepartureOn"), new() { Exact = true }).FillAsync(Today);
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.ArrivalOn"), new() { Exact = true }).FillAsync(Today);
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.Escort"), new() { Exact = true }).SelectOptionAsync("SocialWorker");
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.TravelDocuments"), new() { Exact = true }).SelectOptionAsync("Issued");
        foreach (var assistance in new[] { "AirTransport", "ReintegrationGrant", "VocationalTraining" })
            await sender.GetByLabel(await TextAsync(sender, "ReturnAssistanceType." + assistance), new() { Exact = true }).CheckAsync();
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.GrantAmount"), new() { Exact = true }).FillAsync("1500");
        await sender.GetByLabel(await TextAsync(sender, "Return.Field.GrantCurrency"), new() { Exact = true }).SelectOptionAsync("EUR");
        await ours.GetByRole(AriaRole.Button, new() { Name = await TextAsync(sender, "Return.Save"), Exact = true }).ClickAsync();
        await sender.WaitForURLAsync($"**/cases/{caseId}/return");
        await ArrivedAsync(sender);
        await Expect(ours).ToContainTextAsync(await TextAsync(sender, "ReturnStatus.Draft"));
        await ours.GetByRole(AriaRole.Button, new() { Name = await TextAsync(sender, "Return.Propose"), Exact = true }).ClickAsync();
        await sender.WaitForURLAsync($"**/cases/{caseId}/return");
        await ArrivedAsync(sender);
        await Expect(ours).ToContainTextAsync(await TextAsync(sender, "ReturnStatus.Proposed"));

        // Kosovo confirms the plan, linked to its own case, then records the arrival and handover.
        await receiver.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = await TextAsync(receiver, "Nav.Returns"), Exact = true }).First.ClickAsync();
        await receiver.WaitForURLAsync("**/transnational/returns");
        await ArrivedAsync(receiver);
        var received = theirs.Locator($"a[href='/transnational/returns/{referralId}']");
        await ReloadUntilAsync(receiver, received);
        await received.ClickAsync();
        await receiver.WaitForURLAsync($"**/transnational/returns/{referralId}");
        await ArrivedAsync(receiver);
        await Expect(theirs).ToContainTextAsync(route);
        await Expect(theirs).ToContainTextAsync(await TextAsync(receiver, "ReturnAssistanceType.ReintegrationGrant"));
        await Expect(theirs.GetByRole(AriaRole.Link, new() { Name = await TextAsync(receiver, "Return.Received.OurCase") })).ToHaveAttributeAsync("href", $"/cases/{linkedCase}");
        await theirs.GetByRole(AriaRole.Button, new() { Name = await TextAsync(receiver, "Return.Confirm"), Exact = true }).ClickAsync();
        await receiver.WaitForURLAsync($"**/transnational/returns/{referralId}");
        await ArrivedAsync(receiver);
        await Expect(theirs.Locator("dl").First).ToContainTextAsync(await TextAsync(receiver, "ReturnStatus.Confirmed"));

        const string place = "Prishtina airport, arrivals hall";
        const string receivedBy = "Arta Krasniqi, social worker";
        await receiver.GetByLabel(await TextAsync(receiver, "Return.Field.HandedOverOn"), new() { Exact = true }).FillAsync(Today);
        await receiver.GetByLabel(await TextAsync(receiver, "Return.Field.HandoverPlace"), new() { Exact = true }).FillAsync(place);
        await receiver.GetByLabel(await TextAsync(receiver, "Return.Field.ReceivedBy"), new() { Exact = true }).FillAsync(receivedBy);
        await theirs.GetByRole(AriaRole.Button, new() { Name = await TextAsync(receiver, "Return.Handover.Submit"), Exact = true }).ClickAsync();
        await receiver.WaitForURLAsync($"**/transnational/returns/{referralId}");
        await ArrivedAsync(receiver);
        await Expect(theirs.Locator("dl").First).ToContainTextAsync(await TextAsync(receiver, "ReturnStatus.HandedOver"));

        // Albania: the plan shows the handover, and the case has moved to follow-up.
        await GoToAsync(sender, $"/cases/{caseId}/return");
        await ReloadUntilAsync(sender, sender.Locator(".case-ref").Filter(new() { HasText = await TextAsync(sender, "CaseStatus.FollowUp") }));
        await Expect(ours).ToContainTextAsync(await TextAsync(sender, "ReturnStatus.HandedOver"));
        await Expect(ours).ToContainTextAsync(place);
        await Expect(ours).ToContainTextAsync(receivedBy);

        // Kosovo files the first follow-up report (three months is the first due).
        const string summary = "Living with her mother in Prizren; started the tailoring course.";
        await receiver.GetByLabel(await TextAsync(receiver, "Return.Field.Month"), new() { Exact = true }).SelectOptionAsync("3");
        await receiver.GetByLabel(await TextAsync(receiver, "Return.Field.ReportedOn"), new() { Exact = true }).FillAsync(Today);
        await receiver.GetByLabel(await TextAsync(receiver, "Return.Field.Situation"), new() { Exact = true }).SelectOptionAsync("Stable");
        await receiver.GetByLabel(await TextAsync(receiver, "Return.Field.Summary"), new() { Exact = true }).FillAsync(summary);
        await theirs.GetByRole(AriaRole.Button, new() { Name = await TextAsync(receiver, "Return.FollowUp.Submit"), Exact = true }).ClickAsync();
        await receiver.WaitForURLAsync($"**/transnational/returns/{referralId}");
        await ArrivedAsync(receiver);
        await Expect(theirs.Locator("table")).ToContainTextAsync(summary);
        await Expect(theirs.Locator("table")).Not.ToContainTextAsync(await TextAsync(receiver, "Return.FollowUp.NotSent"));

        // Albania sees the report on the case's return section and on its timeline.
        await GoToAsync(sender, $"/cases/{caseId}/return");
        await ReloadUntilAsync(sender, ours.Locator("table").Filter(new() { HasText = summary }));
        await Expect(ours.Locator("table")).ToContainTextAsync(await TextAsync(sender, "ReturnSituation.Stable"));
        await OpenSectionAsync(sender, "timeline");
        var timeline = ours.Locator("ol.timeline");
        foreach (var step in new[] { "transnational.accepted", "return.confirmed", "return.handed-over", "return.follow-up" })
            await Expect(timeline).ToContainTextAsync(await TextAsync(sender, "Timeline." + step));
    }

    /// <summary>
    /// Reloads the page until <paramref name="shown"/> is on it: it shows what a message from the other node changed,
    /// and messages take seconds to travel and apply. Checks the page once it is there.
    /// </summary>
    private async Task ReloadUntilAsync(IPage page, ILocator shown)
    {
        var waited = Stopwatch.StartNew();
        var reloaded = false;
        while (await shown.CountAsync() == 0)
        {
            Assert.True(waited.Elapsed < MessageWait,
                $"{page.Url} did not show {shown} within {MessageWait}.\n--- al ---\n{nodes.Albania.Output}\n--- xk ---\n{nodes.Kosovo.Output}");
            await Task.Delay(ReloadPause);
            await page.ReloadAsync();
            reloaded = true;
        }
        if (reloaded)
            await ArrivedAsync(page);
    }

    /// <summary>
    /// On the case open in <paramref name="page"/>: the person's consent to case management and referral, with
    /// sharing allowed with <paramref name="country"/>.
    /// </summary>
    private async Task RecordCrossBorderConsentAsync(IPage page, string country)
    {
        await OpenSectionAsync(page, "consent");
        var main = page.GetByRole(AriaRole.Main);
        await page.GetByLabel(await TextAsync(page, "ConsentPurpose.CaseManagementAndAssistance"), new() { Exact = true }).CheckAsync();
        await page.GetByLabel(await TextAsync(page, "ConsentPurpose.ReferralToServices"), new() { Exact = true }).CheckAsync();
        await page.GetByLabel(await TextAsync(page, "Consent.Field.DataUseExplained"), new() { Exact = true }).CheckAsync();
        await page.GetByLabel(await TextAsync(page, "Consent.Field.RightOfAccessExplained"), new() { Exact = true }).CheckAsync();
        await page.GetByLabel(await TextAsync(page, "Consent.Field.WithdrawalExplained"), new() { Exact = true }).CheckAsync();
        await page.GetByLabel(await TextAsync(page, "Consent.Field.Countries"), new() { Exact = true }).FillAsync(country);
        await page.GetByLabel(await TextAsync(page, "Consent.Field.RetentionMonths"), new() { Exact = true }).FillAsync("60");
        await page.Locator("[name='Input.GivenOn']").FillAsync(Today);
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Consent.Record.Submit") }).ClickAsync();
        await page.WaitForURLAsync("**/cases/*/consent");
        await ArrivedAsync(page);
        await Expect(main.Locator("section.notice.good")).ToContainTextAsync(country);
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
