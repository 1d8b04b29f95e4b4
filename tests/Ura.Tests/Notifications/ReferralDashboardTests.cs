using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Referrals;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Notifications;

/// <summary>The home page's referral counts and lists: each role sees its own organisation's, nobody else's.</summary>
public sealed partial class ReferralDashboardTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>The number shown after a dashboard label, or null when the label is not on the page.</summary>
    private async Task<int?> CountAsync(HttpClient client, string key, string language = "en")
    {
        var html = await (await client.GetAsync("/")).HtmlAsync();
        var match = Regex.Match(html, Regex.Escape(factory.Text(key, language)) + @": <strong>(\d+)</strong>");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [Fact]
    public async Task Home_ReceivingSupervisor_OverdueAndWaitingCountsOfOwnOrganisation()
    {
        var client = await factory.SignInAsync(Demo.Supervisor, "sq");
        var overdueBefore = await CountAsync(client, "Dashboard.OverdueToOrganisation", "sq");
        var waitingBefore = await CountAsync(client, "Dashboard.WaitingInInbox", "sq");

        await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Urgent, acknowledgeIn: TimeSpan.FromHours(-1));
        await factory.AddReferralAsync(ReferralStatus.Acknowledged, ReferralUrgency.Routine, acknowledgeIn: TimeSpan.FromDays(-2), decideIn: TimeSpan.FromMinutes(-5));
        await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Routine, acknowledgeIn: TimeSpan.FromDays(3));
        await factory.AddReferralAsync(ReferralStatus.Declined, ReferralUrgency.Routine, acknowledgeIn: TimeSpan.FromDays(-3));

        Assert.Equal(overdueBefore + 2, await CountAsync(client, "Dashboard.OverdueToOrganisation", "sq"));
        Assert.Equal(waitingBefore + 3, await CountAsync(client, "Dashboard.WaitingInInbox", "sq"));
    }

    [Fact]
    public async Task Home_ReceivingCaseWorker_WaitingCountButNoOrganisationOverdue()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var waitingBefore = await CountAsync(client, "Dashboard.WaitingInInbox");

        await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Routine, acknowledgeIn: TimeSpan.FromDays(1));

        Assert.Equal(waitingBefore + 1, await CountAsync(client, "Dashboard.WaitingInInbox"));
        Assert.Null(await CountAsync(client, "Dashboard.OverdueToOrganisation"));
    }

    [Fact]
    public async Task Home_SenderCaseTeam_OwnReferralsWaitingTooLongListed()
    {
        var overdue = await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Emergency, acknowledgeIn: TimeSpan.FromHours(-1));
        var notYet = await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Routine, acknowledgeIn: TimeSpan.FromDays(1));
        var client = await factory.SignInAsync(Demo.SocialWorker, "mk");

        var html = await (await client.GetAsync("/")).HtmlAsync();

        Assert.Contains(factory.Text("Dashboard.SentWaitingTooLong", "mk"), html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/cases/{overdue.CaseId}/referrals/{overdue.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(notYet.Id.ToString(), html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("ReferralUrgency.Emergency", "mk"), html, StringComparison.Ordinal);
    }

    public static TheoryData<string> OtherOrganisations => new()
    {
        Demo.Email("supervisor", "xk"),
        Demo.Email("caseworker", "xk"),
        Demo.Email("supervisor", "mk"),
    };

    [Theory]
    [MemberData(nameof(OtherOrganisations))]
    public async Task Home_OtherOrganisation_CountsAndListsUnchanged(string email)
    {
        var client = await factory.SignInAsync(email, "en");
        var before = await (await client.GetAsync("/")).HtmlAsync();

        var referral = await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Emergency, acknowledgeIn: TimeSpan.FromHours(-1));
        var after = await (await client.GetAsync("/")).HtmlAsync();

        Assert.Contains(factory.Text("Dashboard.Referrals"), after, StringComparison.Ordinal);
        Assert.Equal(Counts(before), Counts(after));
        Assert.DoesNotContain(referral.Id.ToString(), after, StringComparison.Ordinal);
    }

    public static TheoryData<string> WithoutCaseWork => new()
    {
        Demo.OrgAdmin,
        Demo.Coordinator,
        Demo.Analyst,
        Demo.SystemAdmin,
        Demo.Outreach,
    };

    [Theory]
    [MemberData(nameof(WithoutCaseWork))]
    public async Task Home_RolesWithoutCaseWork_NoReferralSection(string email)
    {
        await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Emergency, acknowledgeIn: TimeSpan.FromHours(-1));
        var client = await factory.SignInAsync(email, "en");

        var html = await (await client.GetAsync("/")).HtmlAsync();

        Assert.Contains(factory.Text("Home.Title"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("referrals-heading", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/referrals/inbox", html, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Text("Dashboard.OverdueToOrganisation"), html, StringComparison.Ordinal);
    }

    private static string Counts(string html) => string.Join(",", CountPattern().Matches(html).Select(m => m.Value));

    [GeneratedRegex(@"<strong>\d+</strong>")]
    private static partial Regex CountPattern();
}
