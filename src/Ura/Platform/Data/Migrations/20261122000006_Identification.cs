using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Screenings with their answers; identification submissions and decisions; the case identification record (reflection period, cooperation).</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000006_Identification")]
public sealed class Identification : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Screenings", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            CaseId = t.Column<Guid>(nullable: true),
            InstrumentId = t.Column<Guid>(),
            List = t.Column<string>(maxLength: 20),
            ScreenedById = t.Column<Guid>(),
            StartedAt = t.Column<DateTime>(),
            UpdatedAt = t.Column<DateTime>(),
            PositiveDimensions = t.Column<string>(maxLength: 400),
            Suggestion = t.Column<string>(maxLength: 20),
            NoSuggestionReasons = t.Column<string>(maxLength: 200),
            Conclusion = t.Column<string>(maxLength: 20, nullable: true),
            ConclusionReason = t.Column<string>(nullable: true),
            ConcludedAt = t.Column<DateTime>(nullable: true),
            ConcludedById = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Screenings", x => x.Id);
            t.ForeignKey("FK_Screenings_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Screenings_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Screenings_ScreeningInstruments_InstrumentId", x => x.InstrumentId, "ScreeningInstruments", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Screenings_AspNetUsers_ScreenedById", x => x.ScreenedById, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Screenings_OrganisationId_ScreenedById", "Screenings", ["OrganisationId", "ScreenedById"]);
        m.CreateIndex("IX_Screenings_CaseId", "Screenings", "CaseId");
        m.CreateIndex("IX_Screenings_InstrumentId", "Screenings", "InstrumentId");
        m.CreateIndex("IX_Screenings_ScreenedById", "Screenings", "ScreenedById");

        m.CreateTable("ScreeningAnswers", t => new
        {
            ScreeningId = t.Column<Guid>(),
            IndicatorId = t.Column<string>(maxLength: 64),
            Answer = t.Column<string>(maxLength: 10),
            Note = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ScreeningAnswers", x => new { x.ScreeningId, x.IndicatorId });
            t.ForeignKey("FK_ScreeningAnswers_Screenings_ScreeningId", x => x.ScreeningId, "Screenings", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("IdentificationSubmissions", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            AuthorityId = t.Column<Guid>(),
            SubmittedAt = t.Column<DateTime>(),
            SubmittedById = t.Column<Guid>(),
            Statement = t.Column<string>(),
            Decision = t.Column<string>(maxLength: 40, nullable: true),
            DecidedOn = t.Column<DateOnly>(nullable: true),
            Basis = t.Column<string>(nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DecidedById = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_IdentificationSubmissions", x => x.Id);
            t.ForeignKey("FK_IdentificationSubmissions_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_IdentificationSubmissions_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_IdentificationSubmissions_Organisations_AuthorityId", x => x.AuthorityId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_IdentificationSubmissions_CaseId", "IdentificationSubmissions", "CaseId");
        m.CreateIndex("IX_IdentificationSubmissions_OrganisationId", "IdentificationSubmissions", "OrganisationId");
        m.CreateIndex("IX_IdentificationSubmissions_AuthorityId_SubmittedAt", "IdentificationSubmissions", ["AuthorityId", "SubmittedAt"]);

        m.CreateTable("CaseIdentifications", t => new
        {
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            ReflectionStartsOn = t.Column<DateOnly>(nullable: true),
            ReflectionEndsOn = t.Column<DateOnly>(nullable: true),
            Cooperation = t.Column<string>(maxLength: 20, nullable: true),
            CooperationOn = t.Column<DateOnly>(nullable: true),
            CooperationRecordedById = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseIdentifications", x => x.CaseId);
            t.ForeignKey("FK_CaseIdentifications_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CaseIdentifications_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_CaseIdentifications_OrganisationId", "CaseIdentifications", "OrganisationId");
    }
}
