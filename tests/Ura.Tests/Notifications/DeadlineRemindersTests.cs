using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Cases;
using Ura.Features.Notifications;
using Ura.Features.Referrals;
using Ura.Platform.Jobs;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.Notifications;

/// <summary>Overdue referrals and tasks due today remind the right people once, on a clock moved by hand.</summary>
public sealed class DeadlineRemindersTests(ClockedUraFactory factory) : IClassFixture<ClockedUraFactory>
{
    private Task RunAsync() => factory.RunJobAsync<DeadlineReminders>();

    /// <summary>referral.overdue (or another kind) notifications leading to this referral, per recipient.</summary>
    private async Task<Dictionary<string, int>> RemindersAsync(Referral referral, string kind = "referral.overdue")
    {
        var rows = await factory.WithDb(db => db.Notifications.Where(n => n.Kind == kind && n.Link.EndsWith("/referrals/" + referral.Id))
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { u.Email, n.Link }).ToListAsync());
        return rows.GroupBy(r => r.Email!).ToDictionary(g => g.Key, g => g.Count());
    }

    private Task<DateTime?> RemindedAtAsync(Referral referral) =>
        factory.WithDb(db => db.Referrals.Where(r => r.Id == referral.Id).Select(r => r.RemindedAt).SingleAsync());

    [Fact]
    public async Task Run_SentPastAcknowledgeBy_ReceiversAndSenderRemindedOnce()
    {
        var referral = await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Routine, acknowledgeIn: TimeSpan.FromHours(1));

        await RunAsync();
        var beforeDeadline = await RemindersAsync(referral);
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await RunAsync();
        await RunAsync();

        Assert.Empty(beforeDeadline);
        var reminders = await RemindersAsync(referral);
        Assert.Equal(new Dictionary<string, int> { [Demo.CaseWorker] = 1, [Demo.Supervisor] = 1, [Demo.SocialWorker] = 1 }, reminders);
        var links = await factory.WithDb(db => db.Notifications.Where(n => n.Kind == "referral.overdue" && n.Link.EndsWith("/referrals/" + referral.Id))
            .Select(n => n.Link).Distinct().OrderBy(l => l).ToListAsync());
        Assert.Equal([$"/cases/{referral.CaseId}/referrals/{referral.Id}", $"/referrals/{referral.Id}"], links);
        Assert.Equal(factory.Now(), (await RemindedAtAsync(referral))!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Empty(await RemindersAsync(referral, "referral.emergency-overdue"));
    }

    [Fact]
    public async Task Run_AcknowledgedPastDecideBy_RemindedAgainForTheNewDeadline()
    {
        var referral = await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Urgent, acknowledgeIn: TimeSpan.FromHours(1));
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await RunAsync();
        // The receiver acknowledges late; now the decision is due in a day.
        await factory.WithDb(db => db.Referrals.Where(r => r.Id == referral.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ReferralStatus.Acknowledged).SetProperty(r => r.AcknowledgedAt, factory.Now())
            .SetProperty(r => r.DecideBy, factory.Now().AddDays(1))));

        await RunAsync();
        var beforeDecideBy = (await RemindersAsync(referral))[Demo.Supervisor];
        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await RunAsync();
        await RunAsync();

        Assert.Equal(1, beforeDecideBy);
        Assert.Equal(new Dictionary<string, int> { [Demo.CaseWorker] = 2, [Demo.Supervisor] = 2, [Demo.SocialWorker] = 2 }, await RemindersAsync(referral));
    }

    [Fact]
    public async Task Run_EmergencyOverdue_ReceivingSupervisorsAlsoAlerted()
    {
        var referral = await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Emergency, acknowledgeIn: TimeSpan.FromMinutes(30));
        factory.Clock.Advance(TimeSpan.FromHours(1));

        await RunAsync();

        Assert.Equal(new Dictionary<string, int> { [Demo.Supervisor] = 1 }, await RemindersAsync(referral, "referral.emergency-overdue"));
        Assert.Equal(3, (await RemindersAsync(referral)).Count);
    }

    [Theory]
    [InlineData(ReferralStatus.Draft)]
    [InlineData(ReferralStatus.Accepted)]
    [InlineData(ReferralStatus.Declined)]
    [InlineData(ReferralStatus.Completed)]
    [InlineData(ReferralStatus.Withdrawn)]
    public async Task Run_NotWaitingForTheReceiver_NoReminder(ReferralStatus status)
    {
        var referral = await factory.AddReferralAsync(status, ReferralUrgency.Emergency, acknowledgeIn: TimeSpan.FromHours(-3), decideIn: TimeSpan.FromHours(-1));

        await RunAsync();

        Assert.Empty(await RemindersAsync(referral));
        Assert.Null(await RemindedAtAsync(referral));
    }

    [Fact]
    public async Task Run_TwoProcessesAtOnce_OneReminder()
    {
        var referral = await factory.AddReferralAsync(ReferralStatus.Sent, ReferralUrgency.Routine, acknowledgeIn: TimeSpan.FromHours(-1));

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeadlineReminders>().RemindOverdueReferralsAsync(CancellationToken.None);
        })));

        Assert.Equal(new Dictionary<string, int> { [Demo.CaseWorker] = 1, [Demo.Supervisor] = 1, [Demo.SocialWorker] = 1 }, await RemindersAsync(referral));
    }

    [Fact]
    public async Task Run_TasksDueToday_AssigneeToldOnce()
    {
        var client = await factory.SignInAsync(Demo.Email("caseworker", "me"));
        var opened = await OpenAsync(client, Adult("Jelena", "Vuković"));
        var worker = await factory.UserAsync(Demo.Email("caseworker", "me"));
        var today = DateOnly.FromDateTime(factory.Now());
        async Task<Guid> AddTask(DateOnly due, bool done) => await factory.WithDb(async db =>
        {
            var task = new CaseTask
            {
                CaseId = opened.Id, OrganisationId = worker.OrganisationId, Kind = CaseTaskKind.FollowUp, Title = "Nazvati Jelenu",
                DueOn = due, AssigneeId = worker.Id, CreatedAt = factory.Now(), CompletedAt = done ? factory.Now() : null,
            };
            db.CaseTasks.Add(task);
            await db.SaveChangesAsync();
            return task.Id;
        });
        var dueToday = await AddTask(today, done: false);
        await AddTask(today, done: true);
        await AddTask(today.AddDays(1), done: false);

        await RunAsync();
        await RunAsync();

        var told = await factory.NotificationsOfAsync(Demo.Email("caseworker", "me"), "task.due");
        Assert.Equal($"/cases/{opened.Id}/tasks", Assert.Single(told).Link);
        Assert.True(await factory.WithDb(db => db.TaskDueReminders.AnyAsync(r => r.TaskId == dueToday)));
    }

    [Fact]
    public async Task JobLease_SecondOwner_RefusedUntilExpiryOrRelease()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
        var job = "test-" + Guid.NewGuid().ToString("N")[..8];

        var first = await leases.TryAcquireAsync(job, "a", TimeSpan.FromMinutes(5), CancellationToken.None);
        var secondWhileHeld = await leases.TryAcquireAsync(job, "b", TimeSpan.FromMinutes(5), CancellationToken.None);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var secondAfterExpiry = await leases.TryAcquireAsync(job, "b", TimeSpan.FromMinutes(5), CancellationToken.None);
        await leases.ReleaseAsync(job, "a", CancellationToken.None); // not a's any more: no effect
        var thirdWhileBHolds = await leases.TryAcquireAsync(job, "c", TimeSpan.FromMinutes(5), CancellationToken.None);
        await leases.ReleaseAsync(job, "b", CancellationToken.None);
        var thirdAfterRelease = await leases.TryAcquireAsync(job, "c", TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal((true, false, true, false, true), (first, secondWhileHeld, secondAfterExpiry, thirdWhileBHolds, thirdAfterRelease));
    }
}
