using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Capacity assessments of service providers: programmes, assessments and their scores per criterion.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000029_CapacityAssessments")]
public sealed class CapacityAssessments : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("CapacityProgrammes", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            CountryCode = t.Column<string>(maxLength: 2),
            Name = t.Column<string>(maxLength: 200),
            StartsOn = t.Column<DateOnly>(),
            EndsOn = t.Column<DateOnly>(),
            TargetProviders = t.Column<int>(),
            CreatedById = t.Column<Guid>(),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CapacityProgrammes", x => x.Id);
            t.ForeignKey("FK_CapacityProgrammes_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_CapacityProgrammes_OrganisationId_StartsOn", "CapacityProgrammes", ["OrganisationId", "StartsOn"]);
        m.CreateIndex("IX_CapacityProgrammes_CountryCode_StartsOn", "CapacityProgrammes", ["CountryCode", "StartsOn"]);

        m.CreateTable("CapacityAssessments", t => new
        {
            Id = t.Column<Guid>(),
            ProgrammeId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            ProviderId = t.Column<Guid>(),
            AssessedOn = t.Column<DateOnly>(),
            Assessors = t.Column<string>(),
            Framework = t.Column<string>(maxLength: 64),
            RecordedById = t.Column<Guid>(),
            RecordedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CapacityAssessments", x => x.Id);
            t.ForeignKey("FK_CapacityAssessments_CapacityProgrammes_ProgrammeId", x => x.ProgrammeId, "CapacityProgrammes", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CapacityAssessments_Organisations_ProviderId", x => x.ProviderId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_CapacityAssessments_ProgrammeId_ProviderId_AssessedOn", "CapacityAssessments", ["ProgrammeId", "ProviderId", "AssessedOn"]);
        m.CreateIndex("IX_CapacityAssessments_ProviderId", "CapacityAssessments", "ProviderId");

        m.CreateTable("CapacityScores", t => new
        {
            Id = t.Column<Guid>(),
            AssessmentId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Criterion = t.Column<string>(maxLength: 40),
            Score = t.Column<int>(),
            Evidence = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CapacityScores", x => x.Id);
            t.ForeignKey("FK_CapacityScores_CapacityAssessments_AssessmentId", x => x.AssessmentId, "CapacityAssessments", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CapacityScores_AssessmentId_Criterion", "CapacityScores", ["AssessmentId", "Criterion"], unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("CapacityScores");
        m.DropTable("CapacityAssessments");
        m.DropTable("CapacityProgrammes");
    }
}
