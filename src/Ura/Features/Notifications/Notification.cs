using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Ura.Platform;
using Ura.Platform.Data;

namespace Ura.Features.Notifications;

/// <summary>
/// Something a member of staff should look at: shown under the bell until read. The text is the
/// resource <c>Notification.&lt;Kind&gt;</c>; the link leads to the thing itself, where the usual
/// access rules apply. Never carries personal data.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Kind { get; set; }
    public required string Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>
/// An e-mail waiting to be sent (transactional outbox): written in the same save as the change that
/// caused it, sent by leased background work, marked sent once the SMTP server took it.
/// </summary>
public sealed class EmailMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Kind { get; set; }
    public required string Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeasedUntil { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Set when the message is given up after too many attempts.</summary>
    public DateTime? FailedAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>
/// Adds notifications to the current unit of work; the caller's save writes them with its change.
/// When an SMTP server is configured (<c>Ura:Smtp:Host</c>) each also gets an e-mail in the outbox,
/// which <see cref="EmailDispatcher"/> sends; without one no e-mail rows are written at all.
/// </summary>
public sealed class Notifier(UraDbContext db, TimeProvider clock, IOptions<UraOptions> options)
{
    public void Notify(IEnumerable<Guid> userIds, string kind, string link)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var email = !string.IsNullOrWhiteSpace(options.Value.Smtp.Host);
        foreach (var userId in userIds.Distinct())
        {
            db.Notifications.Add(new Notification { UserId = userId, Kind = kind, Link = link, CreatedAt = now });
            if (email)
                db.EmailMessages.Add(new EmailMessage { UserId = userId, Kind = kind, Link = link, CreatedAt = now, NextAttemptAt = now });
        }
    }

    /// <summary>The active users of an organisation holding any of <paramref name="roles"/>: who a notification to "the organisation's case workers" reaches.</summary>
    public Task<List<Guid>> StaffAsync(Guid organisationId, IEnumerable<string> roles, CancellationToken ct)
    {
        var names = roles.ToList();
        return db.Users.Where(u => u.OrganisationId == organisationId && u.IsActive
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && names.Contains(r.Name!))))
            .Select(u => u.Id).ToListAsync(ct);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.Property(n => n.Kind).HasMaxLength(60);
        e.Property(n => n.Link).HasMaxLength(300);
        e.HasOne<Platform.Identity.User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
        // The list under the bell: one user's notifications, newest first, read or not.
        e.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> e)
    {
        e.Property(m => m.Kind).HasMaxLength(60);
        e.Property(m => m.Link).HasMaxLength(300);
        e.Property(m => m.LeaseOwner).HasMaxLength(100);
        e.Property(m => m.LastError).HasMaxLength(500);
        e.HasOne<Platform.Identity.User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        e.HasIndex(m => m.UserId);
    }
}
