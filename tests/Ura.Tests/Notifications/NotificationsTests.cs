using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Notifications;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Notifications;

/// <summary>The bell, the notifications page and API: each user sees and changes only their own.</summary>
public sealed class NotificationsTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private Task MarkAllReadInDbAsync(string email) =>
        factory.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            await db.Notifications.Where(n => n.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTime.UtcNow));
        });

    private Task<(int Total, int Unread)> CountsAsync() =>
        factory.WithDb(async db => (await db.Notifications.CountAsync(), await db.Notifications.CountAsync(n => n.ReadAt == null)));

    [Fact]
    public async Task Bell_UnreadNotifications_ShowsCountThenNoneOnceRead()
    {
        await MarkAllReadInDbAsync(Demo.CaseWorker);
        await factory.AddNotificationAsync(Demo.CaseWorker);
        await factory.AddNotificationAsync(Demo.CaseWorker, "task.due", "/tasks");
        await factory.AddNotificationAsync(Demo.Supervisor);
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");

        var before = await (await client.GetAsync("/")).HtmlAsync();
        await MarkAllReadInDbAsync(Demo.CaseWorker);
        var after = await (await client.GetAsync("/")).HtmlAsync();

        Assert.Contains("<a class=\"bell\" href=\"/notifications\"", before, StringComparison.Ordinal);
        Assert.Contains("<span class=\"count\">2<span class=\"sr-only\"> unread</span></span>", before, StringComparison.Ordinal);
        Assert.Contains("<a class=\"bell\" href=\"/notifications\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"count\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bell_HundredUnread_Shows99Plus()
    {
        var user = await factory.UserAsync(Demo.Email("caseworker", "me"));
        await factory.WithDb(async db =>
        {
            for (var i = 0; i < 120; i++)
                db.Notifications.Add(new Notification { UserId = user.Id, Kind = "task.due", Link = "/tasks", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync(Demo.Email("caseworker", "me"), "en");

        var html = await (await client.GetAsync("/notifications")).HtmlAsync();

        Assert.Contains("<span class=\"count\">99+<span", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Notifications.UnreadCount").Replace("{0}", "99+", StringComparison.Ordinal), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotificationsPage_List_NewestFirstInAlbanianWithOpenLinks()
    {
        var older = await factory.AddNotificationAsync(Demo.Supervisor, "task.due", "/tasks", DateTime.UtcNow.AddHours(-2));
        var newer = await factory.AddNotificationAsync(Demo.Supervisor, "referral.overdue", "/referrals/inbox", DateTime.UtcNow.AddHours(-1));
        var client = await factory.SignInAsync(Demo.Supervisor, "sq");

        var html = await (await client.GetAsync("/notifications")).HtmlAsync();

        var newerAt = html.IndexOf($"<a href=\"/notifications/{newer}\">{factory.Text("Notification.referral.overdue", "sq")}</a>", StringComparison.Ordinal);
        var olderAt = html.IndexOf($"<a href=\"/notifications/{older}\">{factory.Text("Notification.task.due", "sq")}</a>", StringComparison.Ordinal);
        Assert.True(newerAt > 0 && olderAt > newerAt, "the newer notification is listed first, both in Albanian");
        Assert.Contains(factory.Text("Notifications.Title", "sq"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenNotification_Own_MarksReadAndGoesToItsLink()
    {
        var id = await factory.AddNotificationAsync(Demo.CaseWorker, "referral.received", "/referrals/0190a1b2-0000-7000-8000-000000000001");
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var response = await client.GetAsync($"/notifications/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/referrals/0190a1b2-0000-7000-8000-000000000001", response.Headers.Location!.OriginalString);
        Assert.NotNull(await factory.ReadAtAsync(id));
    }

    [Fact]
    public async Task NotificationsPage_MarkOneRead_OnlyThatOne()
    {
        var first = await factory.AddNotificationAsync(Demo.CaseWorker);
        var second = await factory.AddNotificationAsync(Demo.CaseWorker);
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var response = await UraFactory.PostFormAsync(client, "/notifications?handler=Read", new() { ["id"] = first.ToString() }, formPage: "/notifications");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(await factory.ReadAtAsync(first));
        Assert.Null(await factory.ReadAtAsync(second));
    }

    [Fact]
    public async Task NotificationsPage_MarkAllRead_OwnReadOthersUntouched()
    {
        var mine = await factory.AddNotificationAsync(Demo.Police);
        var alsoMine = await factory.AddNotificationAsync(Demo.Police, "task.due", "/tasks");
        var colleagues = await factory.AddNotificationAsync(Demo.Supervisor);
        var client = await factory.SignInAsync(Demo.Police);

        var response = await UraFactory.PostFormAsync(client, "/notifications?handler=ReadAll", [], formPage: "/notifications");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(await factory.ReadAtAsync(mine));
        Assert.NotNull(await factory.ReadAtAsync(alsoMine));
        Assert.Null(await factory.ReadAtAsync(colleagues));
    }

    [Fact]
    public async Task NotificationsPage_MoreThanAPage_PagerLinksBothWays()
    {
        var email = Demo.Email("analyst", "rs");
        var user = await factory.UserAsync(email);
        await factory.WithDb(async db =>
        {
            for (var i = 0; i < NotificationInbox.PageSize + 3; i++)
                db.Notifications.Add(new Notification { UserId = user.Id, Kind = "task.due", Link = "/tasks", CreatedAt = DateTime.UtcNow.AddMinutes(-i) });
            await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync(email, "en");

        var first = await (await client.GetAsync("/notifications")).HtmlAsync();
        var second = await (await client.GetAsync("/notifications?page=2")).HtmlAsync();

        Assert.Contains("href=\"/notifications?page=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/notifications?page=1\" rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(second, "<a href=\"/notifications/[0-9a-f-]{36}\">"));
    }

    public static TheoryData<string> Outsiders => new()
    {
        Demo.Supervisor, // same organisation, still not theirs
        Demo.SocialWorker,
        Demo.Email("caseworker", "xk"),
        Demo.OrgAdmin,
        Demo.Coordinator,
        Demo.Analyst,
        Demo.SystemAdmin,
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task SomeoneElsesNotification_OpenMarkReadPageAndApi_NotFoundAndUnchanged(string outsider)
    {
        var id = await factory.AddNotificationAsync(Demo.CaseWorker, "referral.received", "/referrals/inbox");
        var client = await factory.SignInAsync(outsider);

        var open = await client.GetAsync($"/notifications/{id}");
        var markPage = await UraFactory.PostFormAsync(client, "/notifications?handler=Read", new() { ["id"] = id.ToString() }, formPage: "/notifications");
        var markApi = await client.PostAsync($"/api/v1/notifications/{id}/read", null);
        var list = await client.GetFromJsonAsync<NotificationPage>("/api/v1/notifications", WebJson);
        var page = await (await client.GetAsync("/notifications")).HtmlAsync();

        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, markPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, markApi.StatusCode);
        Assert.DoesNotContain(list!.Items, n => n.Id == id);
        Assert.DoesNotContain(id.ToString(), page, StringComparison.Ordinal);
        Assert.Null(await factory.ReadAtAsync(id));
    }

    [Fact]
    public async Task NotificationsPage_Anonymous_SentToSignIn()
    {
        var response = await factory.Anonymous().GetAsync("/notifications");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", RedirectPath(response));
    }

    [Fact]
    public async Task Api_List_OwnOnlyLocalisedWithUnreadCount()
    {
        await MarkAllReadInDbAsync(Demo.Outreach);
        var mine = await factory.AddNotificationAsync(Demo.Outreach, "referral.accepted", "/cases/x/referrals/y");
        var other = await factory.AddNotificationAsync(Demo.CaseWorker);
        var client = await factory.SignInAsync(Demo.Outreach, "mk");

        var page = await client.GetFromJsonAsync<NotificationPage>("/api/v1/notifications?unreadOnly=true", WebJson);

        Assert.Equal(1, page!.Unread);
        var only = Assert.Single(page.Items);
        Assert.Equal((mine, "referral.accepted", factory.Text("Notification.referral.accepted", "mk"), "/cases/x/referrals/y"), (only.Id, only.Kind, only.Text, only.Link));
        Assert.False(page.HasMore);
        Assert.NotEqual(other, only.Id);
    }

    [Fact]
    public async Task Api_MarkReadAndMarkAll_SetReadAtOfOwnOnly()
    {
        var email = Demo.Email("caseworker", "mk");
        await MarkAllReadInDbAsync(email);
        var one = await factory.AddNotificationAsync(email);
        var two = await factory.AddNotificationAsync(email);
        var three = await factory.AddNotificationAsync(email);
        var colleagues = await factory.AddNotificationAsync(Demo.Email("supervisor", "mk"));
        var client = await factory.SignInAsync(email);

        var marked = await client.PostAsync($"/api/v1/notifications/{one}/read", null);
        var view = await marked.Content.ReadFromJsonAsync<NotificationView>(WebJson);
        var all = await client.PostAsync("/api/v1/notifications/read-all", null);

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(one, view!.Id);
        Assert.NotNull(view.ReadAt);
        Assert.Equal(2, (await all.Content.ReadFromJsonAsync<MarkedRead>(WebJson))!.Count);
        Assert.NotNull(await factory.ReadAtAsync(two));
        Assert.NotNull(await factory.ReadAtAsync(three));
        Assert.Null(await factory.ReadAtAsync(colleagues));
    }

    [Theory]
    [InlineData(0, "mk")]
    [InlineData(1001, "sq")]
    [InlineData(-5, "en")]
    public async Task Api_List_PageOutOfRange_LocalisedErrorNothingChanged(int page, string language)
    {
        await factory.AddNotificationAsync(Demo.Coordinator);
        var client = await factory.SignInAsync(Demo.Coordinator, language);
        var before = await CountsAsync();

        var response = await client.GetAsync($"/api/v1/notifications?page={page}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Notifications.PageOutOfRange", language)], await ProblemErrorsAsync(response, "page"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task MarkRead_UnknownId_NotFoundNothingChanged()
    {
        await factory.AddNotificationAsync(Demo.CaseWorker);
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var before = await CountsAsync();

        var page = await UraFactory.PostFormAsync(client, "/notifications?handler=Read", new() { ["id"] = Guid.NewGuid().ToString() }, formPage: "/notifications");
        var api = await client.PostAsync($"/api/v1/notifications/{Guid.NewGuid()}/read", null);
        var open = await client.GetAsync($"/notifications/{Guid.NewGuid()}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, api.StatusCode, open.StatusCode));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Notify_WithoutSmtpHost_NotificationsButNoEmails()
    {
        var worker = await factory.UserAsync(Demo.Email("caseworker", "ba"));
        var emailsBefore = await factory.WithDb(db => db.EmailMessages.CountAsync());

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Notifier>().Notify([worker.Id, worker.Id], "referral.received", "/referrals/inbox");
            await scope.ServiceProvider.GetRequiredService<Ura.Platform.Data.UraDbContext>().SaveChangesAsync();
        }

        Assert.Single(await factory.NotificationsOfAsync(worker.Email!, "referral.received"));
        Assert.Equal(emailsBefore, await factory.WithDb(db => db.EmailMessages.CountAsync()));
    }
}
