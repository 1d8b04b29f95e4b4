using System.Globalization;
using System.Net;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Ura.Platform;
using Ura.Platform.Data;
using Ura.Platform.Jobs;
using Ura.Platform.Localization;
using Ura.Resources;

namespace Ura.Features.Notifications;

/// <summary>
/// Sends the e-mail outbox through the configured SMTP server. Each message is leased by a
/// conditional update before it is sent and marked sent by the lease holder right after the
/// server took it, so two dispatchers never send the same message, and a dispatcher that dies
/// mid-send leaves the message to be sent again once its lease expires. Failures are retried with
/// growing pauses and given up after <see cref="JobOptions.EmailMaxAttempts"/> attempts.
/// The e-mail says only that there is something new and where to sign in: no names, no case data.
/// </summary>
public sealed class EmailDispatcher(
    UraDbContext db, TimeProvider clock, IOptions<UraOptions> options, IOptions<JobOptions> jobs,
    IStringLocalizer<Text> text, ILogger<EmailDispatcher> log) : IJob
{
    /// <summary>Far longer than <see cref="JobOptions.EmailTimeout"/>, so a live sender never loses its lease mid-send.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const int BatchSize = 50;

    private readonly string owner = JobLeases.NewOwner();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task RunAsync(CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
            return;
        await GiveUpExhaustedAsync(ct);
        var now = Now;
        var due = await db.EmailMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LeasedUntil == null || m.LeasedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var id in due)
        {
            if (await ClaimAsync(id, ct) is not { } message)
                continue; // another dispatcher has it, or it was sent meanwhile
            await SendAsync(message, ct);
        }
    }

    private sealed record Claimed(Guid Id, int Attempts, string Kind, string Link, string? Address, string Language, bool Active);

    /// <summary>Leases one message for this dispatcher, counting the attempt; null when someone else holds it.</summary>
    private async Task<Claimed?> ClaimAsync(Guid id, CancellationToken ct)
    {
        var now = Now;
        var until = now + Lease;
        var max = jobs.Value.EmailMaxAttempts;
        var taken = await db.EmailMessages
            .Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && m.Attempts < max && (m.LeasedUntil == null || m.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeasedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        if (taken != 1)
            return null;
        return await db.EmailMessages.AsNoTracking().Where(m => m.Id == id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new Claimed(m.Id, m.Attempts, m.Kind, m.Link, u.Email, u.PreferredLanguage, u.IsActive))
            .SingleAsync(ct);
    }

    private async Task SendAsync(Claimed message, CancellationToken ct)
    {
        if (!message.Active || string.IsNullOrWhiteSpace(message.Address))
        {
            await FinishAsync(message, sent: false, "The user is inactive or has no e-mail address.", giveUp: true, ct);
            return;
        }
        try
        {
            var smtp = options.Value.Smtp;
            // A client per message: after a failure or timeout a client's connection is not to be reused.
            using var client = new SmtpClient(smtp.Host, smtp.Port)
            {
                EnableSsl = smtp.EnableSsl,
                DeliveryMethod = SmtpDeliveryMethod.Network,
                // Also bounds an async send: a server that stops answering does not hold the message past its lease.
                Timeout = (int)jobs.Value.EmailTimeout.TotalMilliseconds,
                Credentials = string.IsNullOrEmpty(smtp.UserName) ? null : new NetworkCredential(smtp.UserName, smtp.Password),
            };
            using var mail = Compose(message);
            await client.SendMailAsync(mail, ct);
        }
        // A refusal or timeout is a failed attempt. If this process dies instead, the lease stays and
        // the message goes out once it expires: the server never answered, so it never took it.
        catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException or FormatException)
        {
            // Only the kind of error in the log: SMTP error texts can repeat the recipient's address.
            log.LogWarning("E-mail {Id} not sent (attempt {Attempt}): {Error}", message.Id, message.Attempts, e.GetType().Name);
            await FinishAsync(message, sent: false, Truncate(e.Message), giveUp: message.Attempts >= jobs.Value.EmailMaxAttempts, ct);
            return;
        }
        // The server has the message: mark it sent at once, whatever happens to the caller now.
        await FinishAsync(message, sent: true, null, giveUp: false, CancellationToken.None);
    }

    private MailMessage Compose(Claimed message)
    {
        var smtp = options.Value.Smtp;
        var link = options.Value.PublicUrl is { Length: > 0 } site ? site.TrimEnd('/') + message.Link : message.Link;
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Languages.IsSupported(message.Language) ? message.Language : "en");
            var what = text["Notification." + message.Kind].Value;
            return new MailMessage(smtp.From, message.Address!)
            {
                Subject = text["Email.Subject", what],
                Body = text["Email.Body", what, link],
                IsBodyHtml = false,
                BodyEncoding = System.Text.Encoding.UTF8,
                SubjectEncoding = System.Text.Encoding.UTF8,
            };
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Ends this dispatcher's lease: sent, or failed with a later retry or for good. Only the lease holder may.</summary>
    private async Task FinishAsync(Claimed message, bool sent, string? error, bool giveUp, CancellationToken ct)
    {
        var now = Now;
        var pause = Backoff(message.Attempts);
        var updated = await db.EmailMessages.Where(m => m.Id == message.Id && m.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeasedUntil, (DateTime?)null)
                .SetProperty(m => m.SentAt, sent ? now : null)
                .SetProperty(m => m.FailedAt, giveUp ? now : null)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.NextAttemptAt, sent || giveUp ? now : now + pause), ct);
        if (updated != 1)
            log.LogWarning("E-mail {Id}: the lease expired before the dispatcher finished", message.Id);
    }

    /// <summary>One minute after the first failure, doubling, at most six hours.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>Messages whose last allowed attempt died with its process are given up, not left pending for ever.</summary>
    private Task<int> GiveUpExhaustedAsync(CancellationToken ct)
    {
        var now = Now;
        var max = jobs.Value.EmailMaxAttempts;
        return db.EmailMessages
            .Where(m => m.SentAt == null && m.FailedAt == null && m.Attempts >= max && (m.LeasedUntil == null || m.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FailedAt, now).SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeasedUntil, (DateTime?)null).SetProperty(m => m.LastError, "Given up after the last attempt was interrupted."), ct);
    }

    private static string Truncate(string value) => value.Length <= 500 ? value : value[..500];
}
