using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Notifications;
using Ura.Platform.Data;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Notifications;

/// <summary>
/// The e-mail outbox against a real SMTP listener on loopback: sent once, in the user's language,
/// without personal data; retried with backoff; given up; never lost or doubled when a sender dies
/// mid-send or two senders race.
/// </summary>
public sealed class EmailDispatcherTests(SmtpUraFactory factory) : IClassFixture<SmtpUraFactory>, IAsyncLifetime
{
    /// <summary>Each test starts with an empty outbox and an empty mailbox.</summary>
    public async Task InitializeAsync()
    {
        await factory.WithDb(db => db.EmailMessages.ExecuteDeleteAsync());
        factory.Smtp.Delivered.Clear();
        factory.Smtp.RefuseNext(0);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> NotifyAsync(string email, string kind = "referral.received")
    {
        var link = $"/referrals/{Guid.NewGuid()}";
        var user = await factory.UserAsync(email);
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Notifier>().Notify([user.Id], kind, link);
        await scope.ServiceProvider.GetRequiredService<UraDbContext>().SaveChangesAsync();
        return link;
    }

    private Task<EmailMessage> MessageAsync(string link) =>
        factory.WithDb(db => db.EmailMessages.AsNoTracking().SingleAsync(m => m.Link == link));

    private Task DispatchAsync() => factory.RunJobAsync<EmailDispatcher>();

    [Fact]
    public async Task Dispatch_NewReferral_SentOnceInUsersLanguageWithOnlyTheLink()
    {
        var email = Demo.Email("caseworker", "xk");
        await factory.WithDb(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, "sq")));
        var link = await NotifyAsync(email);

        await DispatchAsync();
        await DispatchAsync();

        var mail = Assert.Single(factory.Smtp.Delivered);
        var what = factory.Text("Notification.referral.received", "sq");
        Assert.Equal(("ura@example.al", email), (mail.From, Assert.Single(mail.To)));
        Assert.Equal(string.Format(factory.Text("Email.Subject", "sq"), what), mail.Subject);
        Assert.Equal(string.Format(factory.Text("Email.Body", "sq"), what, "https://ura.example.al" + link), mail.Body.TrimEnd());
        Assert.Equal("Keni një referim të ri në Ura. Hyni për ta parë: https://ura.example.al" + link, mail.Body.TrimEnd());
        var row = await MessageAsync(link);
        Assert.NotNull(row.SentAt);
        Assert.Equal((1, null, null), (row.Attempts, row.LeaseOwner, row.FailedAt));
    }

    [Fact]
    public async Task Dispatch_ServerRefusesOnce_RetriedAfterBackoffThenSent()
    {
        factory.Smtp.RefuseNext(1);
        var link = await NotifyAsync(Demo.Supervisor);

        await DispatchAsync();
        var refused = await MessageAsync(link);
        await DispatchAsync(); // too early: the pause has not passed
        var stillWaiting = await MessageAsync(link);
        factory.Clock.Advance(EmailDispatcher.Backoff(1) + TimeSpan.FromSeconds(1));
        await DispatchAsync();

        Assert.Equal((1, (DateTime?)null, (DateTime?)null), (refused.Attempts, refused.SentAt, refused.FailedAt));
        Assert.Contains("Try again later", refused.LastError, StringComparison.Ordinal);
        Assert.True(refused.NextAttemptAt > refused.CreatedAt);
        Assert.Equal(1, stillWaiting.Attempts);
        Assert.Single(factory.Smtp.Delivered);
        var sent = await MessageAsync(link);
        Assert.Equal(2, sent.Attempts);
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task Dispatch_AlwaysRefused_GivenUpAfterMaxAttempts()
    {
        factory.Smtp.RefuseNext(100);
        var link = await NotifyAsync(Demo.Email("supervisor", "me"));

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await DispatchAsync();
            factory.Clock.Advance(EmailDispatcher.Backoff(attempt) + TimeSpan.FromSeconds(1));
        }

        var row = await MessageAsync(link);
        Assert.Equal(3, row.Attempts); // Ura:Jobs:EmailMaxAttempts in this factory
        Assert.NotNull(row.FailedAt);
        Assert.Null(row.SentAt);
        Assert.Empty(factory.Smtp.Delivered);
    }

    [Fact]
    public async Task Dispatch_SenderDiesMidSend_NotLostNotDoubledAfterLeaseExpiry()
    {
        factory.Smtp.StallNext();
        var link = await NotifyAsync(Demo.Email("caseworker", "rs"));

        // The first sender transmits the whole message, then hears nothing back: as far as the
        // outbox knows it has died holding the lease. The server never answered, so it never took the message.
        var dead = Task.Run(DispatchAsync);
        await factory.Smtp.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var orphaned = await MessageAsync(link);
        await DispatchAsync(); // another process, while the lease still runs
        var deliveredDuringLease = factory.Smtp.Delivered.Count;
        factory.Clock.Advance(EmailDispatcher.Lease + TimeSpan.FromSeconds(1));
        await DispatchAsync();
        // The first sender finally gives up; its late failure must not undo or repeat the sending.
        await dead;
        await DispatchAsync();

        Assert.Null(orphaned.SentAt);
        Assert.NotNull(orphaned.LeaseOwner);
        Assert.Equal(0, deliveredDuringLease);
        var mail = Assert.Single(factory.Smtp.Delivered);
        Assert.EndsWith(link, mail.Body.TrimEnd(), StringComparison.Ordinal);
        var row = await MessageAsync(link);
        Assert.NotNull(row.SentAt);
        Assert.Equal((2, (DateTime?)null, (string?)null), (row.Attempts, row.FailedAt, row.LastError));
    }

    [Fact]
    public async Task Dispatch_TwoDispatchersRacing_EachMessageSentExactlyOnce()
    {
        var links = new List<string>();
        foreach (var login in new[] { "caseworker", "supervisor", "socialworker", "police", "outreach" })
            foreach (var country in new[] { "al", "xk", "mk", "me" })
                links.Add(await NotifyAsync(Demo.Email(login, country)));

        await Task.WhenAll(Task.Run(DispatchAsync), Task.Run(DispatchAsync));

        var delivered = factory.Smtp.Delivered.Select(m => m.Body.TrimEnd()).ToList();
        Assert.Equal(links.Count, delivered.Count);
        Assert.All(links, link => Assert.Single(delivered, body => body.EndsWith(link, StringComparison.Ordinal)));
        Assert.Equal(links.Count, await factory.WithDb(db => db.EmailMessages.CountAsync(m => m.SentAt != null && m.Attempts == 1)));
    }

    [Fact]
    public async Task Dispatch_InactiveUser_GivenUpWithoutSending()
    {
        var email = Demo.Email("outreach", "ba");
        var link = await NotifyAsync(email);
        await factory.WithDb(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        try
        {
            await DispatchAsync();
        }
        finally
        {
            await factory.WithDb(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, true)));
        }

        Assert.Empty(factory.Smtp.Delivered);
        Assert.NotNull((await MessageAsync(link)).FailedAt);
    }

    [Fact]
    public async Task Notify_WithSmtpHost_OneEmailRowPerNotification()
    {
        var link = await NotifyAsync(Demo.Email("coordinator", "mk"), "task.due");

        var row = await MessageAsync(link);

        Assert.Equal(("task.due", 0, (DateTime?)null), (row.Kind, row.Attempts, row.SentAt));
        Assert.Single(await factory.WithDb(db => db.Notifications.Where(n => n.Link == link).ToListAsync()));
    }
}
