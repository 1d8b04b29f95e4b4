using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Case status, stage, trafficking status, supervisor and closure; the case timeline; case tasks.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000005_CaseManagement")]
public sealed class CaseManagement : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("Status", "Cases", maxLength: 20, defaultValue: "Active");
        m.AddColumn<string>("Stage", "Cases", maxLength: 40, defaultValue: "Identification");
        m.AddColumn<string>("TraffickingStatus", "Cases", maxLength: 40, defaultValue: "PossibleVictimOfTrafficking");
        m.AddColumn<Guid>("SupervisorId", "Cases", nullable: true);
        m.AddColumn<string>("ClosureReason", "Cases", maxLength: 40, nullable: true);
        m.AddColumn<DateTime>("ClosureRequestedAt", "Cases", nullable: true);
        m.AddColumn<Guid>("ClosureRequestedById", "Cases", nullable: true);
        m.AddColumn<DateTime>("ClosedAt", "Cases", nullable: true);
        m.AddColumn<DateTime>("UpdatedAt", "Cases", defaultValue: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        m.DropIndex("IX_Cases_OrganisationId", "Cases");
        m.CreateIndex("IX_Cases_OrganisationId_UpdatedAt", "Cases", ["OrganisationId", "UpdatedAt"]);
        m.CreateIndex("IX_Cases_SupervisorId", "Cases", "SupervisorId");

        m.CreateTable("CaseEvents", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            At = t.Column<DateTime>(),
            UserId = t.Column<Guid>(nullable: true),
            Action = t.Column<string>(maxLength: 60),
            Detail = t.Column<string>(maxLength: 100, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseEvents", x => x.Id);
            t.ForeignKey("FK_CaseEvents_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CaseEvents_CaseId_At", "CaseEvents", ["CaseId", "At"]);

        m.CreateTable("CaseTasks", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Kind = t.Column<string>(maxLength: 30),
            Title = t.Column<string>(),
            DueOn = t.Column<DateOnly>(),
            AssigneeId = t.Column<Guid>(),
            CreatedAt = t.Column<DateTime>(),
            CreatedById = t.Column<Guid>(nullable: true),
            CompletedAt = t.Column<DateTime>(nullable: true),
            CompletedById = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseTasks", x => x.Id);
            t.ForeignKey("FK_CaseTasks_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CaseTasks_AspNetUsers_AssigneeId", x => x.AssigneeId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_CaseTasks_CaseId_DueOn", "CaseTasks", ["CaseId", "DueOn"]);
        m.CreateIndex("IX_CaseTasks_AssigneeId_CompletedAt_DueOn", "CaseTasks", ["AssigneeId", "CompletedAt", "DueOn"]);
    }
}
