using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Directory;
using Ura.Features.Notifications;
using Ura.Features.Referrals;
using Ura.Platform.Jobs;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.Notifications;

/// <summary>
/// A Ura application with an SMTP server on loopback configured, a public address for links, and a
/// clock the test moves by hand (deadlines, leases and retries without waiting).
/// </summary>
public sealed class SmtpUraFactory : UraFactory
{
    public ManualClock Clock { get; } = new();
    public SmtpListener Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ura:Smtp:Host"] = "127.0.0.1",
            ["Ura:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Ura:Smtp:From"] = "ura@example.al",
            ["Ura:PublicUrl"] = "https://ura.example.al/",
            ["Ura:Jobs:EmailMaxAttempts"] = "3",
            // A stalled server makes the dispatcher give up quickly (the clock of this timeout is real).
            ["Ura:Jobs:EmailTimeout"] = "00:00:03",
        }));
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Smtp.Dispose();
    }
}

/// <summary>Referrals, services and notifications written straight to the tables, and jobs run by hand.</summary>
internal static class NotifyTestSupport
{
    /// <summary>Runs a job as its background host would, in a fresh scope.</summary>
    public static async Task RunJobAsync<TJob>(this UraFactory factory) where TJob : class, IJob
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(CancellationToken.None);
    }

    public static DateTime Now(this UraFactory factory) =>
        factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    /// <summary>
    /// A referral from a case of the social services (opened by its case worker through the API) to a
    /// service of the shelter NGO, in the given state, with deadlines relative to now.
    /// </summary>
    public static async Task<Referral> AddReferralAsync(this UraFactory factory, ReferralStatus status, ReferralUrgency urgency,
        TimeSpan acknowledgeIn, TimeSpan? decideIn = null, Guid? caseId = null)
    {
        if (caseId is null)
        {
            var sender = await factory.SignInAsync(Demo.SocialWorker);
            caseId = (await OpenAsync(sender, Adult("Mirela", "Dushku"))).Id;
        }
        var senderUser = await factory.UserAsync(Demo.SocialWorker);
        var receiver = await factory.UserAsync(Demo.CaseWorker);
        var now = factory.Now();
        var service = new Service { OrganisationId = receiver.OrganisationId, Name = "Streha e sigurt " + Guid.NewGuid().ToString("N")[..6], CreatedAt = now, ModifiedAt = now };
        var referral = new Referral
        {
            OrganisationId = senderUser.OrganisationId, CaseId = caseId.Value, CreatedById = senderUser.Id, CreatedAt = now - TimeSpan.FromDays(10),
            ServiceId = service.Id, ReceivingOrganisationId = receiver.OrganisationId, Urgency = urgency, Status = status,
            SentAt = now - TimeSpan.FromDays(10), AcknowledgeBy = now + acknowledgeIn, DecideBy = decideIn is { } d ? now + d : null,
            AcknowledgedAt = status == ReferralStatus.Acknowledged ? now - TimeSpan.FromDays(1) : null,
        };
        await factory.WithDb(async db =>
        {
            db.Services.Add(service);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
        });
        return referral;
    }

    public static async Task<Guid> AddNotificationAsync(this UraFactory factory, string email, string kind = "referral.received", string link = "/referrals/inbox", DateTime? at = null)
    {
        var user = await factory.UserAsync(email);
        var notification = new Notification { UserId = user.Id, Kind = kind, Link = link, CreatedAt = at ?? factory.Now() };
        await factory.WithDb(async db =>
        {
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
        });
        return notification.Id;
    }

    public static Task<List<Notification>> NotificationsOfAsync(this UraFactory factory, string email, string? kind = null) =>
        factory.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            return await db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id && (kind == null || n.Kind == kind)).ToListAsync();
        });

    public static Task<DateTime?> ReadAtAsync(this UraFactory factory, Guid notificationId) =>
        factory.WithDb(db => db.Notifications.Where(n => n.Id == notificationId).Select(n => n.ReadAt).SingleAsync());
}
