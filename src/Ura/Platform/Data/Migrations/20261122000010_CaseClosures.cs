using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Closure requests, supervisors' decisions and reopenings of cases.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000010_CaseClosures")]
public sealed class CaseClosures : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("CaseClosures", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Reason = t.Column<string>(maxLength: 40),
            Details = t.Column<string>(nullable: true),
            RequestedAt = t.Column<DateTime>(),
            RequestedById = t.Column<Guid>(),
            Decision = t.Column<string>(maxLength: 20, nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DecidedById = t.Column<Guid>(nullable: true),
            DecisionNote = t.Column<string>(nullable: true),
            ReopenedAt = t.Column<DateTime>(nullable: true),
            ReopenedById = t.Column<Guid>(nullable: true),
            ReopenReason = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseClosures", x => x.Id);
            t.ForeignKey("FK_CaseClosures_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CaseClosures_CaseId_RequestedAt", "CaseClosures", ["CaseId", "RequestedAt"]);
        m.CreateIndex("IX_CaseClosures_OrganisationId_Decision", "CaseClosures", ["OrganisationId", "Decision"]);
    }
}
