using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>In-app notifications and the e-mail outbox.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000013_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Notifications", t => new
        {
            Id = t.Column<Guid>(),
            UserId = t.Column<Guid>(),
            Kind = t.Column<string>(maxLength: 60),
            Link = t.Column<string>(maxLength: 300),
            CreatedAt = t.Column<DateTime>(),
            ReadAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Notifications", x => x.Id);
            t.ForeignKey("FK_Notifications_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Notifications_UserId_ReadAt_CreatedAt", "Notifications", ["UserId", "ReadAt", "CreatedAt"]);

        m.CreateTable("EmailMessages", t => new
        {
            Id = t.Column<Guid>(),
            UserId = t.Column<Guid>(),
            Kind = t.Column<string>(maxLength: 60),
            Link = t.Column<string>(maxLength: 300),
            CreatedAt = t.Column<DateTime>(),
            NextAttemptAt = t.Column<DateTime>(),
            Attempts = t.Column<int>(),
            LeaseOwner = t.Column<string>(maxLength: 100, nullable: true),
            LeasedUntil = t.Column<DateTime>(nullable: true),
            SentAt = t.Column<DateTime>(nullable: true),
            FailedAt = t.Column<DateTime>(nullable: true),
            LastError = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EmailMessages", x => x.Id);
            t.ForeignKey("FK_EmailMessages_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_EmailMessages_SentAt_FailedAt_NextAttemptAt", "EmailMessages", ["SentAt", "FailedAt", "NextAttemptAt"]);
        m.CreateIndex("IX_EmailMessages_UserId", "EmailMessages", "UserId");
    }
}
