using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Projects for indicator reports: their organisations and their indicator targets.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000035_Projects")]
public sealed class Projects : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Projects", t => new
        {
            Id = t.Column<Guid>(),
            CountryCode = t.Column<string>(maxLength: 2),
            Name = t.Column<string>(maxLength: 200),
            Funders = t.Column<string>(maxLength: 500, nullable: true),
            StartsOn = t.Column<DateOnly>(),
            EndsOn = t.Column<DateOnly>(),
            CreatedById = t.Column<Guid>(),
            CreatedAt = t.Column<DateTime>(),
            ModifiedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Projects", x => x.Id);
            t.ForeignKey("FK_Projects_Countries_CountryCode", x => x.CountryCode, "Countries", "Code", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Projects_CountryCode_Name", "Projects", ["CountryCode", "Name"], unique: true);

        m.CreateTable("ProjectOrganisations", t => new
        {
            ProjectId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProjectOrganisations", x => new { x.ProjectId, x.OrganisationId });
            t.ForeignKey("FK_ProjectOrganisations_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ProjectOrganisations_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ProjectOrganisations_OrganisationId", "ProjectOrganisations", "OrganisationId");

        m.CreateTable("ProjectTargets", t => new
        {
            ProjectId = t.Column<Guid>(),
            IndicatorKey = t.Column<string>(maxLength: 64),
            Target = t.Column<decimal>(precision: 14, scale: 2),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProjectTargets", x => new { x.ProjectId, x.IndicatorKey });
            t.ForeignKey("FK_ProjectTargets_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("ProjectTargets");
        m.DropTable("ProjectOrganisations");
        m.DropTable("Projects");
    }
}
