using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Cases;
using Ura.Features.Referrals;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Platform.Jobs;

namespace Ura.Features.Notifications;

/// <summary>
/// Reminds people of what is late. A referral still Sent past <see cref="Referral.AcknowledgeBy"/>, or
/// still Acknowledged past <see cref="Referral.DecideBy"/>, is reminded once per deadline: the
/// receiving organisation's case workers and supervisors and the sender (the referral's author, the
/// case's workers and its supervisor) get <c>referral.overdue</c>, and for an emergency the receiving supervisors
/// also get <c>referral.emergency-overdue</c>. Open tasks due today notify their assignee once
/// (<c>task.due</c>).
/// </summary>
public sealed class DeadlineReminders(UraDbContext db, Notifier notifier, TimeProvider clock) : IJob
{
    private const int BatchSize = 200;

    public async Task RunAsync(CancellationToken ct)
    {
        await RemindOverdueReferralsAsync(ct);
        await RemindTasksDueAsync(ct);
    }

    public async Task<int> RemindOverdueReferralsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A reminder is "for" a deadline when it went out after it: RemindedAt before the deadline is an older deadline's.
        var overdue = await db.Referrals.AsNoTracking()
            .Where(r => (r.Status == ReferralStatus.Sent && r.AcknowledgeBy < now && (r.RemindedAt == null || r.RemindedAt < r.AcknowledgeBy))
                || (r.Status == ReferralStatus.Acknowledged && r.DecideBy < now && (r.RemindedAt == null || r.RemindedAt < r.DecideBy)))
            .OrderBy(r => r.SentAt)
            .Select(r => new { r.Id, r.CaseId, r.Status, r.Urgency, r.ReceivingOrganisationId, Deadline = r.Status == ReferralStatus.Sent ? r.AcknowledgeBy : r.DecideBy })
            .Take(BatchSize).ToListAsync(ct);
        var reminded = 0;
        foreach (var referral in overdue)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Marks the reminder only if nobody did meanwhile and the referral did not move on: exactly one reminder per deadline.
            var marked = await db.Referrals
                .Where(r => r.Id == referral.Id && r.Status == referral.Status && (r.RemindedAt == null || r.RemindedAt < referral.Deadline))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RemindedAt, now), ct);
            if (marked != 1)
                continue;
            // The same people the referral's own steps notify (ReferralReading), minus anyone no longer active.
            var receivers = await ReferralReading.ReceiversAsync(db, referral.ReceivingOrganisationId, ct);
            var following = await ReferralReading.SendersAsync(db, await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == referral.Id, ct), ct);
            var senders = await db.Users.Where(u => u.IsActive && following.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
            notifier.Notify(receivers, "referral.overdue", $"/referrals/{referral.Id}");
            notifier.Notify(senders, "referral.overdue", $"/cases/{referral.CaseId}/referrals/{referral.Id}");
            if (referral.Urgency == ReferralUrgency.Emergency)
                notifier.Notify(await notifier.StaffAsync(referral.ReceivingOrganisationId, [Roles.Supervisor], ct), "referral.emergency-overdue", $"/referrals/{referral.Id}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            reminded++;
        }
        return reminded;
    }

    /// <summary>
    /// Open tasks due today whose assignee was not yet told. The reminder row's key (the task) makes a
    /// second reminder impossible even if two processes ran this at once: the later save fails whole.
    /// </summary>
    public async Task<int> RemindTasksDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var due = await db.CaseTasks.AsNoTracking()
            .Where(t => t.DueOn == today && t.CompletedAt == null && !db.TaskDueReminders.Any(r => r.TaskId == t.Id))
            .Join(db.Users.Where(u => u.IsActive), t => t.AssigneeId, u => u.Id, (t, _) => new { t.Id, t.CaseId, t.AssigneeId })
            .OrderBy(t => t.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var task in due)
        {
            db.TaskDueReminders.Add(new TaskDueReminder { TaskId = task.Id, NotifiedAt = now });
            notifier.Notify([task.AssigneeId], "task.due", $"/cases/{task.CaseId}/tasks");
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}

/// <summary>That the assignee of a task was told it is due today (one row per task, so once).</summary>
public sealed class TaskDueReminder
{
    public Guid TaskId { get; set; }
    public DateTime NotifiedAt { get; set; }
}

internal sealed class TaskDueReminderConfiguration : IEntityTypeConfiguration<TaskDueReminder>
{
    public void Configure(EntityTypeBuilder<TaskDueReminder> e)
    {
        e.HasKey(r => r.TaskId);
        e.HasOne<CaseTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}
