using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Cases and their teams: the minimum that case-team scoping needs.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000002_CaseTeam")]
public sealed class CaseTeam : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Cases", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Reference = t.Column<string>(maxLength: 20),
            OpenedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Cases", x => x.Id);
            t.ForeignKey("FK_Cases_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Cases_OrganisationId", "Cases", "OrganisationId");
        m.CreateIndex("IX_Cases_Reference", "Cases", "Reference", unique: true);

        m.CreateTable("CaseTeamMembers", t => new
        {
            CaseId = t.Column<Guid>(),
            UserId = t.Column<Guid>(),
            AssignedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseTeamMembers", x => new { x.CaseId, x.UserId });
            t.ForeignKey("FK_CaseTeamMembers_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CaseTeamMembers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CaseTeamMembers_UserId", "CaseTeamMembers", "UserId");
    }
}
