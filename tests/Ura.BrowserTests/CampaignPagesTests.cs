using System.Globalization;
using System.Text.RegularExpressions;
using Ura.BrowserTests.Infrastructure;
using Ura.Features.Admin;
using static Microsoft.Playwright.Assertions;

namespace Ura.BrowserTests;

/// <summary>
/// An outreach officer in Albania opens the campaigns from the main navigation, opens the demo campaign
/// "Migro i sigurt" (this year's), records an activity with the people reached by sex and age band and sees it
/// listed with its total, in English and in Albanian; a negative count is refused with the localised message and
/// records nothing; an activity recorded with a mistake is corrected through its prefilled form, then removed, and
/// the totals follow. Every page passes the accessibility check on arrival.
/// </summary>
public sealed partial class CampaignPagesTests(UraServer server, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(server, browser, output)
{
    /// <summary>The Albanian hotline NGO's demo campaign running through this whole year.</summary>
    private const string DemoCampaign = "Migro i sigurt";

    [GeneratedRegex("/awareness/campaigns/[0-9a-f-]{36}$")]
    private static partial Regex CampaignPage();

    [Theory]
    [InlineData("en")]
    [InlineData("sq")]
    public async Task OutreachOfficer_RecordsActivity_SeesItListedWithTotal(string language)
    {
        var page = await NewPageAsync();
        await OpenDemoCampaignAsync(page, language);
        var campaignPath = PathOf(page);
        var reachBefore = await ReachTotalAsync(page);

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Campaigns.Activity.New") }).ClickAsync();
        await page.WaitForURLAsync("**" + campaignPath + "/activities/new");
        await ArrivedAsync(page);

        var place = "Qendra rinore, Shkodër " + Guid.NewGuid().ToString("N")[..6];
        var heldOn = new DateOnly(DateTime.UtcNow.Year, 3, 15);
        await page.GetByLabel(await TextAsync(page, "Campaigns.Activity.HeldOn"), new() { Exact = true })
            .FillAsync(heldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel(await TextAsync(page, "Campaigns.Activity.Place"), new() { Exact = true }).FillAsync(place);
        var channel = await TextAsync(page, "CampaignChannel.CommunityMeetings");
        await page.GetByLabel(await TextAsync(page, "Campaigns.Activity.Channel"), new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = channel });
        await (await PeopleBoxAsync(page, "Female", "From18To24")).FillAsync("7");
        await (await PeopleBoxAsync(page, "Male", "From18To24")).FillAsync("5");
        await (await PeopleBoxAsync(page, "Female", "From35To49")).FillAsync("3");
        await (await PeopleBoxAsync(page, "OtherOrUnknown", "Under12")).FillAsync("1");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Campaigns.Activity.Save") }).ClickAsync();
        await page.WaitForURLAsync("**" + campaignPath + "#activities");
        await ArrivedAsync(page);

        // The new activity's row: date, place, type, female, male, other or unknown, total, notes.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = place });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td")).ToHaveTextAsync(
            [heldOn.ToString("d", CultureInfo.GetCultureInfo(language)), place, channel, "10", "5", "1", "16", "", await ActionsTextAsync(page)]);
        Assert.Equal(reachBefore + 16, await ReachTotalAsync(page));
    }

    [Fact]
    public async Task RecordActivity_NegativeCount_ShowsLocalisedErrorAndAddsNothing()
    {
        var page = await NewPageAsync();
        await OpenDemoCampaignAsync(page, "sq");
        var campaignPath = PathOf(page);
        var rowsBefore = await ActivityRows(page).CountAsync();
        var reachBefore = await ReachTotalAsync(page);

        await GoToAsync(page, campaignPath + "/activities/new");
        var place = "Sheshi, Vlorë " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel(await TextAsync(page, "Campaigns.Activity.Place"), new() { Exact = true }).FillAsync(place);
        await (await PeopleBoxAsync(page, "Female", "From18To24")).FillAsync("-3");
        await (await PeopleBoxAsync(page, "Male", "From18To24")).FillAsync("4");

        // The browser refuses the form itself (min="0"); a browser that does not check sends it, and Ura must refuse it.
        var form = page.GetByRole(AriaRole.Main).Locator("form");
        Assert.False(await form.EvaluateAsync<bool>("f => f.checkValidity()"));
        await form.EvaluateAsync("f => { f.noValidate = true; }");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Campaigns.Activity.Save") }).ClickAsync();

        var error = page.Locator("#i-people-error");
        await Expect(error).ToHaveTextAsync(await TextAsync(page, "People.Negative"));
        await ArrivedAsync(page);
        Assert.Equal("sq", await LanguageOfAsync(page));
        Assert.EndsWith(campaignPath + "/activities/new", PathOf(page), StringComparison.Ordinal);
        // What was typed is still there to correct.
        await Expect(await PeopleBoxAsync(page, "Female", "From18To24")).ToHaveValueAsync("-3");
        await Expect(page.GetByLabel(await TextAsync(page, "Campaigns.Activity.Place"), new() { Exact = true })).ToHaveValueAsync(place);

        await GoToAsync(page, campaignPath);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = place })).ToHaveCountAsync(0);
        await Expect(ActivityRows(page)).ToHaveCountAsync(rowsBefore);
        Assert.Equal(reachBefore, await ReachTotalAsync(page));
    }

    [Fact]
    public async Task OutreachOfficer_CorrectsActivity_FormPrefilledAndTotalsFollow()
    {
        var page = await NewPageAsync();
        await OpenDemoCampaignAsync(page, "sq");
        var campaignPath = PathOf(page);
        var reachBefore = await ReachTotalAsync(page);
        var heldOn = new DateOnly(DateTime.UtcNow.Year, 4, 10);
        var shown = heldOn.ToString("d", CultureInfo.GetCultureInfo("sq"));
        var channel = await TextAsync(page, "CampaignChannel.SchoolSessions");

        // An activity of the test's own, recorded with a mistake: 21 people where there were 15.
        var place = "Shkolla e mesme, Korçë " + Guid.NewGuid().ToString("N")[..6];
        await GoToAsync(page, campaignPath + "/activities/new");
        await page.GetByLabel(await TextAsync(page, "Campaigns.Activity.HeldOn"), new() { Exact = true })
            .FillAsync(heldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel(await TextAsync(page, "Campaigns.Activity.Place"), new() { Exact = true }).FillAsync(place);
        await page.GetByLabel(await TextAsync(page, "Campaigns.Activity.Channel"), new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = channel });
        await (await PeopleBoxAsync(page, "Female", "From12To17")).FillAsync("12");
        await (await PeopleBoxAsync(page, "Male", "From12To17")).FillAsync("9");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Campaigns.Activity.Save") }).ClickAsync();
        await page.WaitForURLAsync("**" + campaignPath + "#activities");
        await ArrivedAsync(page);
        Assert.Equal(reachBefore + 21, await ReachTotalAsync(page));

        // Correct it from its row: the form shows what was recorded.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = place });
        await row.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Campaigns.Correct") }).ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(campaignPath) + "/activities/[0-9a-f-]{36}/edit$"));
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = await TextAsync(page, "Campaigns.Activity.EditTitle"), Level = 1 })).ToBeVisibleAsync();
        var placeBox = page.GetByLabel(await TextAsync(page, "Campaigns.Activity.Place"), new() { Exact = true });
        await Expect(placeBox).ToHaveValueAsync(place);
        await Expect(page.GetByLabel(await TextAsync(page, "Campaigns.Activity.HeldOn"), new() { Exact = true }))
            .ToHaveValueAsync(heldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.GetByLabel(await TextAsync(page, "Campaigns.Activity.Channel"), new() { Exact = true })).ToHaveValueAsync("SchoolSessions");
        await Expect(await PeopleBoxAsync(page, "Female", "From12To17")).ToHaveValueAsync("12");
        await Expect(await PeopleBoxAsync(page, "Male", "From12To17")).ToHaveValueAsync("9");

        // Fourteen girls, no boys, one person of another or unknown sex aged 18-24; the place was misspelt.
        var corrected = place.Replace("Korçë", "Korça", StringComparison.Ordinal);
        await placeBox.FillAsync(corrected);
        await (await PeopleBoxAsync(page, "Female", "From12To17")).FillAsync("14");
        await (await PeopleBoxAsync(page, "Male", "From12To17")).FillAsync("");
        await (await PeopleBoxAsync(page, "OtherOrUnknown", "From18To24")).FillAsync("1");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Admin.Save") }).ClickAsync();
        await page.WaitForURLAsync("**" + campaignPath + "#activities");
        await ArrivedAsync(page);

        var correctedRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = corrected });
        await Expect(correctedRow.Locator("td")).ToHaveTextAsync([shown, corrected, channel, "14", "0", "1", "15", "", await ActionsTextAsync(page)]);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = place })).ToHaveCountAsync(0);
        Assert.Equal(reachBefore + 15, await ReachTotalAsync(page));

        // It was a test: remove it again, after the confirmation page.
        await correctedRow.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Campaigns.Remove") }).ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(campaignPath) + "/activities/[0-9a-f-]{36}/remove$"));
        await ArrivedAsync(page);
        await Expect(page.GetByText(corrected, new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = await TextAsync(page, "Campaigns.RemoveConfirm") }).ClickAsync();
        await page.WaitForURLAsync("**" + campaignPath + "#activities");
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = corrected })).ToHaveCountAsync(0);
        Assert.Equal(reachBefore, await ReachTotalAsync(page));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("sq")]
    [InlineData("mk")]
    [InlineData("sr-Latn")]
    public async Task CampaignPages_Language_OpenAndAccessible(string language)
    {
        var page = await NewPageAsync();
        await OpenDemoCampaignAsync(page, language);
        var campaignPath = PathOf(page);
        foreach (var path in new[] { "/awareness/campaigns/new", campaignPath + "/edit", campaignPath + "/activities/new", campaignPath + "/materials/new" })
        {
            var response = await GoToAsync(page, path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
    }

    /// <summary>Signs in as Albania's demo outreach officer and goes, by the main navigation, to the demo campaign.</summary>
    private async Task OpenDemoCampaignAsync(IPage page, string language)
    {
        await SignInAsync(page, DemoData.EmailOf("outreach", "al"));
        await UseLanguageAsync(page, language);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = await TextAsync(page, "Layout.MainNavigation") });
        await nav.GetByRole(AriaRole.Link, new() { Name = await TextAsync(page, "Nav.Campaigns"), Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/awareness/campaigns");
        await ArrivedAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = await TextAsync(page, "Campaigns.List.Title"), Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = DemoCampaign, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(CampaignPage());
        await ArrivedAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = DemoCampaign, Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The number box of one sex and age band, found by its label in the page's language.</summary>
    private static async Task<ILocator> PeopleBoxAsync(IPage page, string sex, string ageBand)
    {
        var label = string.Format(CultureInfo.InvariantCulture, await TextAsync(page, "People.CellLabel"),
            await TextAsync(page, "Sex." + sex), await TextAsync(page, "AgeBand." + ageBand));
        return page.GetByLabel(label, new() { Exact = true });
    }

    /// <summary>The text of an activity's last cell for its own organisation's officer: the correct and remove links.</summary>
    private static async Task<string> ActionsTextAsync(IPage page) =>
        $"{await TextAsync(page, "Campaigns.Correct")} {await TextAsync(page, "Campaigns.Remove")}";

    /// <summary>Everyone the campaign reached, from the foot of its people-reached table.</summary>
    private static async Task<int> ReachTotalAsync(IPage page) =>
        int.Parse(await page.Locator("#reach + .table-wrap tfoot strong").InnerTextAsync(), CultureInfo.InvariantCulture);

    private static ILocator ActivityRows(IPage page) => page.Locator("#activities + .table-wrap tbody tr");
}
