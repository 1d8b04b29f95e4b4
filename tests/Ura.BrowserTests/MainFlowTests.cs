using System.Text.RegularExpressions;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// Issue 3's main flow end to end, through the pages as the three people involved use them, each in their own
/// browser: the case worker screens a person, concludes, opens a case from the screening and submits it for
/// identification; the police identification officer decides (in Albanian); the case worker records consent, a
/// plan goal, a service towards it and a note, and asks to close the case; the supervisor approves; the case
/// worker finds the case closed and every step on its timeline, newest first. Every page reached passes the
/// accessibility check.
/// </summary>
public sealed partial class MainFlowTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    private const string Country = "al";

    [GeneratedRegex("/identification/screenings/[0-9a-f-]{36}$")]
    private static partial Regex ScreeningInterview();

    [GeneratedRegex("/identification/submissions/[0-9a-f-]{36}$")]
    private static partial Regex SubmissionPage();

    [GeneratedRegex("/plan/goals/([0-9a-f-]{36})$")]
    private static partial Regex GoalLink();

    [Fact]
    public async Task MainFlow_ScreenOpenIdentifySupportAndClose_EachStepShowsItsResult()
    {
        var worker = await NewPageAsync();
        await SignInAsync(worker, DemoData.EmailOf("caseworker", Country));
        await UseLanguageAsync(worker, "en");
        var main = worker.GetByRole(AriaRole.Main);

        // 1. Screening at first contact: an adult, labour exploitation (the ILO labour list has indicators).
        await ClickNavigationAsync(worker, "/identification/screenings");
        await worker.GetByLabel(await TextAsync(worker, "Screening.Start.Age.adult"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Screening.Start.Exploitation.labour"), new() { Exact = true }).CheckAsync();
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Screening.Start.Submit") }).ClickAsync();
        await worker.WaitForURLAsync(ScreeningInterview());
        await ArrivedAsync(worker);
        await Expect(main.Locator("fieldset").First).ToBeVisibleAsync();
        var yes = main.Locator("input[type=radio][value=Yes]");
        var no = main.Locator("input[type=radio][value=No]");
        Assert.True(await yes.CountAsync() >= 3, "The adult labour list should have indicators to answer.");
        await yes.Nth(0).CheckAsync();
        await yes.Nth(1).CheckAsync();
        await no.Nth(2).CheckAsync();
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Screening.Interview.Save") }).ClickAsync();
        await worker.WaitForURLAsync("**/result");
        await ArrivedAsync(worker);

        // The result: never a legal finding; either a suggestion, or "no suggestion" with its reasons.
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Screening.Result.NotALegalFinding"));
        var suggestion = (await main.Locator("h2 + p.notice + p strong").TextContentAsync())!.Trim();
        var suggestions = new[] { "Suggestion.None", "Suggestion.PresumedVictim", "Suggestion.NotPresumedVictim" };
        var suggestionKey = Array.Find(suggestions, k => UraText.Get(k, "en") == suggestion);
        Assert.True(suggestionKey is not null, $"The result page shows \"{suggestion}\" where a suggestion or \"no suggestion\" belongs.");
        Output.WriteLine($"The screening result shows: {suggestion}");
        if (suggestionKey == "Suggestion.None")
        {
            var reasons = await main.Locator("h2 + p.notice + p + ul > li").AllTextContentsAsync();
            Assert.NotEmpty(reasons);
            var known = new[] { "InstrumentIncomplete", "InstrumentUnverified", "ListIncomplete", "ListUnverified", "RuleIncomplete", "RuleUnverified" }
                .Select(r => UraText.Get("NoSuggestionReason." + r, "en")).ToList();
            Assert.All(reasons, r => Assert.Contains(r.Trim(), known));
        }

        // The worker's own conclusion.
        await worker.GetByLabel(await TextAsync(worker, "ScreeningConclusion.PresumedVictim"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Screening.Field.Reason"), new() { Exact = true }).FillAsync("Recruited with a false job offer; passport kept by the employer.");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Screening.Conclusion.Submit") }).ClickAsync();
        await worker.WaitForURLAsync("**/result");
        await ArrivedAsync(worker);
        await Expect(main.Locator("dl").Last).ToContainTextAsync(await TextAsync(worker, "ScreeningConclusion.PresumedVictim"));
        await Expect(main).ToContainTextAsync("passport kept by the employer");

        // A case opened from the screening.
        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(worker, "Screening.Result.OpenCase") }).ClickAsync();
        await worker.WaitForURLAsync("**/cases/new?screening=**");
        await ArrivedAsync(worker);
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Screening.Link.Notice"));
        var unique = new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)]);
        await worker.FillAsync("#Input_GivenNames", "Arjana" + unique);
        await worker.FillAsync("#Input_FamilyName", "Hoxha" + unique);
        await worker.FillAsync("#Input_BirthDate", "1993-02-11");
        await worker.SelectOptionAsync("#gender", "Feminine");
        await worker.FillAsync("#Input_Citizenships", "AL");
        await worker.FillAsync("#Input_Languages", "sq");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Cases.New.Submit") }).ClickAsync();
        await worker.WaitForURLAsync(CaseOverview());
        await ArrivedAsync(worker);
        var caseId = CaseOverview().Match(worker.Url).Groups[1].Value;
        var reference = (await main.Locator(".case-ref a").First.TextContentAsync())!.Trim();
        Assert.False(string.IsNullOrEmpty(reference));
        await Expect(main).ToContainTextAsync("Arjana" + unique);
        await Expect(main.Locator(".case-ref")).ToContainTextAsync(await TextAsync(worker, "CaseStatus.Active"));

        // 2. The case's identification section: the screening is there; submit to the police unit.
        await OpenSectionAsync(worker, "identification");
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "ScreeningConclusion.PresumedVictim"));
        var authority = worker.GetByLabel(await TextAsync(worker, "Identification.Field.Authority"), new() { Exact = true });
        await authority.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await worker.GetByLabel(await TextAsync(worker, "Identification.Field.Statement"), new() { Exact = true }).FillAsync("Deceived by a job offer abroad; debt bondage. Screening attached.");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Identification.Submit.Button") }).ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/identification");
        await ArrivedAsync(worker);
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Identification.State.Waiting"));
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Identification.Reflection.NotStarted"));

        // 3. The identification officer decides from the inbox, in Albanian.
        var officer = await NewPageAsync();
        await SignInAsync(officer, DemoData.EmailOf("police", Country));
        await UseLanguageAsync(officer, "sq");
        var officerMain = officer.GetByRole(AriaRole.Main);
        await ClickNavigationAsync(officer, "/identification/submissions");
        var inboxRow = officerMain.Locator("tr", new() { Has = officer.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }) });
        await Expect(inboxRow).ToContainTextAsync(await TextAsync(officer, "Identification.State.Waiting"));
        await officerMain.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await officer.WaitForURLAsync(SubmissionPage());
        await ArrivedAsync(officer);
        await Expect(officerMain).ToContainTextAsync("debt bondage");
        await officer.GetByLabel(await TextAsync(officer, "TraffickingStatus.ActualVictimOfTrafficking"), new() { Exact = true }).CheckAsync();
        await officer.GetByLabel(await TextAsync(officer, "Identification.Field.DecidedOn"), new() { Exact = true }).FillAsync(Today);
        await officer.GetByLabel(await TextAsync(officer, "Identification.Field.Basis"), new() { Exact = true }).FillAsync("Interview with the person; the screening results; the employer's records.");
        await officerMain.GetByRole(AriaRole.Button, new() { Name = await TextAsync(officer, "Identification.Decision.Submit") }).ClickAsync();
        await officer.WaitForURLAsync(SubmissionPage());
        await ArrivedAsync(officer);
        Assert.Equal("sq", await LanguageOfAsync(officer));
        await Expect(officerMain.Locator("dl").Last).ToContainTextAsync(await TextAsync(officer, "TraffickingStatus.ActualVictimOfTrafficking"));
        await Expect(officerMain).ToContainTextAsync("the employer's records");

        // The case worker sees the trafficking status and the reflection period that started on the decision date.
        await worker.ReloadAsync();
        await ArrivedAsync(worker);
        var identified = await TextAsync(worker, "TraffickingStatus.ActualVictimOfTrafficking");
        await Expect(main.Locator(".case-ref")).ToContainTextAsync(identified);
        var period = await TextAsync(worker, "Identification.Reflection.Period");
        var reflection = main.Locator("h2", new() { HasText = await TextAsync(worker, "Identification.Reflection.Title") }).Locator("+ p");
        await Expect(reflection).ToContainTextAsync(period[..period.IndexOf("{1}", StringComparison.Ordinal)].Replace("{0}", Today, StringComparison.Ordinal));

        // 4. Consent, a plan goal, a service towards it and a note.
        await OpenSectionAsync(worker, "consent");
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Consent.None"));
        await worker.GetByLabel(await TextAsync(worker, "ConsentPurpose.CaseManagementAndAssistance"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.DataUseExplained"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.RightOfAccessExplained"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.WithdrawalExplained"), new() { Exact = true }).CheckAsync();
        await worker.GetByLabel(await TextAsync(worker, "Consent.Field.RetentionMonths"), new() { Exact = true }).FillAsync("60");
        await worker.Locator("[name='Input.GivenOn']").FillAsync(Today);
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Consent.Record.Submit") }).ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/consent");
        await ArrivedAsync(worker);
        await Expect(main.Locator("section.notice.good")).ToContainTextAsync(await TextAsync(worker, "Consent.InForce"));
        await Expect(main.Locator("section.notice.good")).ToContainTextAsync(await TextAsync(worker, "ConsentPurpose.CaseManagementAndAssistance"));

        await OpenSectionAsync(worker, "plan");
        await worker.Locator("[name='Goal.Type']").SelectOptionAsync("Legal");
        await worker.Locator("[name='Goal.Objective']").FillAsync("Legal aid during the criminal proceedings");
        await main.Locator("form[action*='handler=Goal']").GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Plans.AddGoal") }).ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/plan**");
        await ArrivedAsync(worker);
        await Expect(main).ToContainTextAsync("Legal aid during the criminal proceedings");
        var goalHref = await main.Locator($"a[href^='/cases/{caseId}/plan/goals/']").First.GetAttributeAsync("href");
        var goalId = GoalLink().Match(goalHref!).Groups[1].Value;

        await OpenSectionAsync(worker, "services");
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Services.None"));
        await worker.Locator("[name='Input.Type']").SelectOptionAsync("LegalCounselling");
        await worker.Locator("[name='Input.DeliveredOn']").FillAsync(Today);
        await worker.Locator("[name='Input.Quantity']").FillAsync("2");
        await worker.Locator("[name='Input.Unit']").SelectOptionAsync("Hours");
        await worker.Locator("[name='Input.PlanGoalId']").SelectOptionAsync(goalId);
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Services.Save") }).ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/services");
        await ArrivedAsync(worker);
        await Expect(main.Locator("tbody")).ToContainTextAsync(await TextAsync(worker, "ServiceType.LegalCounselling"));
        await main.GetByRole(AriaRole.Link, new() { Name = await TextAsync(worker, "Plans.Change") }).First.ClickAsync();
        await worker.WaitForURLAsync(new Regex($"/cases/{caseId}/services/[0-9a-f-]{{36}}$"));
        await ArrivedAsync(worker);
        await Expect(worker.Locator("[name='Input.PlanGoalId']")).ToHaveValueAsync(goalId);

        await OpenSectionAsync(worker, "notes");
        await worker.GetByLabel(await TextAsync(worker, "Notes.Field.Text"), new() { Exact = true }).FillAsync("Met her at the shelter; she wants legal aid before speaking to the prosecutor.");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Notes.Add") }).ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/notes");
        await ArrivedAsync(worker);
        await Expect(main.Locator("article.note")).ToContainTextAsync("before speaking to the prosecutor");

        // 5. The case worker asks to close the case; the supervisor approves.
        await OpenSectionAsync(worker, "closure");
        await worker.GetByLabel(await TextAsync(worker, "Cases.Closure.Reason"), new() { Exact = true }).SelectOptionAsync("AssistanceCompleted");
        await worker.GetByLabel(await TextAsync(worker, "Cases.Closure.Details"), new() { Exact = true }).FillAsync("Legal aid arranged; she returned to her family.");
        await main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Cases.Closure.Request") }).ClickAsync();
        await worker.WaitForURLAsync($"**/cases/{caseId}/closure");
        await ArrivedAsync(worker);
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Cases.Closure.Pending"));
        await Expect(main).ToContainTextAsync(await TextAsync(worker, "Cases.Closure.WaitingForSupervisor"));

        var supervisor = await NewPageAsync();
        await SignInAsync(supervisor, DemoData.EmailOf("supervisor", Country));
        await UseLanguageAsync(supervisor, "en");
        var supervisorMain = supervisor.GetByRole(AriaRole.Main);
        await ClickNavigationAsync(supervisor, "/cases/closures");
        var request = supervisorMain.Locator("tr", new() { Has = supervisor.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }) });
        await Expect(request).ToContainTextAsync(await TextAsync(supervisor, "ClosureReason.AssistanceCompleted"));
        await supervisorMain.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await supervisor.WaitForURLAsync($"**/cases/{caseId}/closure");
        await ArrivedAsync(supervisor);
        await Expect(supervisorMain).ToContainTextAsync("she returned to her family");
        await supervisor.GetByLabel(await TextAsync(supervisor, "Cases.Closure.Note"), new() { Exact = true }).FillAsync("Goals met; nothing left open.");
        await supervisorMain.GetByRole(AriaRole.Button, new() { Name = await TextAsync(supervisor, "Cases.Closure.Approve") }).ClickAsync();
        await supervisor.WaitForURLAsync($"**/cases/{caseId}/closure");
        await ArrivedAsync(supervisor);
        await Expect(supervisorMain.Locator(".case-ref")).ToContainTextAsync(await TextAsync(supervisor, "CaseStatus.Closed"));

        // The case worker finds the case closed, nothing left to change, and every step on the timeline, newest first.
        await worker.ReloadAsync();
        await ArrivedAsync(worker);
        await Expect(main.Locator(".case-ref")).ToContainTextAsync(await TextAsync(worker, "CaseStatus.Closed"));
        var closedOn = await TextAsync(worker, "Cases.Closure.ClosedOn");
        await Expect(main).ToContainTextAsync(closedOn[..closedOn.IndexOf("{0}", StringComparison.Ordinal)]);
        await Expect(main).ToContainTextAsync("Goals met; nothing left open.");
        await Expect(main.GetByRole(AriaRole.Button, new() { Name = await TextAsync(worker, "Cases.Closure.Request") })).ToHaveCountAsync(0);
        await OpenSectionAsync(worker, "notes");
        await Expect(main.Locator("textarea#text")).ToHaveCountAsync(0);

        await OpenSectionAsync(worker, "timeline");
        var entries = (await main.Locator("ol.timeline > li > span:not(.hint)").AllTextContentsAsync()).Select(e => e.Trim()).ToList();
        // Each step was its own request, one after another: the list must show them in the reverse order.
        string[] newestFirst =
        [
            "Timeline.closure.approve", "Timeline.closure.request", "Timeline.note.add", "Timeline.service.add",
            "Timeline.plan.goal.add", "Timeline.consent.record", "Timeline.identification.decide",
            "Timeline.identification.submit", "Timeline.open",
        ];
        var positions = newestFirst.Select(key =>
        {
            var text = UraText.Get(key, "en");
            var at = entries.FindIndex(e => e == text || e.StartsWith(text + ": ", StringComparison.Ordinal));
            Assert.True(at >= 0, $"The timeline does not show \"{text}\". It shows:\n{string.Join('\n', entries)}");
            return at;
        }).ToList();
        Assert.True(positions.SequenceEqual(positions.Order()), $"The timeline is not newest first. It shows:\n{string.Join('\n', entries)}");
        Assert.Contains(entries, e => e.StartsWith(UraText.Get("Timeline.identification.decide", "en") + ": " + identified, StringComparison.Ordinal));
    }

    /// <summary>Follows the link to <paramref name="path"/> in the site's navigation, as a person would.</summary>
    private async Task ClickNavigationAsync(IPage page, string path)
    {
        await page.Locator($"header a[href='{path}'], nav a[href='{path}']").First.ClickAsync();
        await page.WaitForURLAsync(Server.BaseUrl + path);
        await ArrivedAsync(page);
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
