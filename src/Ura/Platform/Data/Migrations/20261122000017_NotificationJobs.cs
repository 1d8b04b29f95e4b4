using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Leases of background jobs, the record of task-due reminders, and the notification list's index.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000017_NotificationJobs")]
public sealed class NotificationJobs : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("JobLeases", t => new
        {
            Name = t.Column<string>(maxLength: 100),
            LeaseOwner = t.Column<string>(maxLength: 100, nullable: true),
            LeasedUntil = t.Column<DateTime>(nullable: true),
            LastRunAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_JobLeases", x => x.Name));

        m.CreateTable("TaskDueReminders", t => new
        {
            TaskId = t.Column<Guid>(),
            NotifiedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TaskDueReminders", x => x.TaskId);
            t.ForeignKey("FK_TaskDueReminders_CaseTasks_TaskId", x => x.TaskId, "CaseTasks", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateIndex("IX_Notifications_UserId_CreatedAt", "Notifications", ["UserId", "CreatedAt"]);
    }
}
