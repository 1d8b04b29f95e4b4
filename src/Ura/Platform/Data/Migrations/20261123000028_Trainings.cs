using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Trainings (participants by role and sex, organisations, follow-up actions) and exchange visits.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000028_Trainings")]
public sealed class Trainings : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Trainings", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            CountryCode = t.Column<string>(maxLength: 2),
            Title = t.Column<string>(maxLength: 200),
            Topic = t.Column<string>(maxLength: 40),
            StartsOn = t.Column<DateOnly>(),
            EndsOn = t.Column<DateOnly>(),
            Place = t.Column<string>(maxLength: 200, nullable: true),
            Trainers = t.Column<string>(nullable: true),
            TestedCount = t.Column<int>(nullable: true),
            ScoreBefore = t.Column<decimal>(precision: 5, scale: 2, nullable: true),
            ScoreAfter = t.Column<decimal>(precision: 5, scale: 2, nullable: true),
            ImprovedCount = t.Column<int>(nullable: true),
            CreatedAt = t.Column<DateTime>(),
            ModifiedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Trainings", x => x.Id);
            t.ForeignKey("FK_Trainings_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Trainings_OrganisationId_StartsOn", "Trainings", ["OrganisationId", "StartsOn"]);
        m.CreateIndex("IX_Trainings_CountryCode_StartsOn", "Trainings", ["CountryCode", "StartsOn"]);

        m.CreateTable("TrainingParticipants", t => new
        {
            TrainingId = t.Column<Guid>(),
            Role = t.Column<string>(maxLength: 30),
            Sex = t.Column<string>(maxLength: 20),
            Count = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TrainingParticipants", x => new { x.TrainingId, x.Role, x.Sex });
            t.ForeignKey("FK_TrainingParticipants_Trainings_TrainingId", x => x.TrainingId, "Trainings", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("TrainingOrganisations", t => new
        {
            TrainingId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TrainingOrganisations", x => new { x.TrainingId, x.OrganisationId });
            t.ForeignKey("FK_TrainingOrganisations_Trainings_TrainingId", x => x.TrainingId, "Trainings", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_TrainingOrganisations_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_TrainingOrganisations_OrganisationId", "TrainingOrganisations", "OrganisationId");

        m.CreateTable("TrainingFollowUps", t => new
        {
            Id = t.Column<Guid>(),
            TrainingId = t.Column<Guid>(),
            Action = t.Column<string>(),
            Owner = t.Column<string>(nullable: true),
            DueOn = t.Column<DateOnly>(nullable: true),
            Done = t.Column<bool>(),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TrainingFollowUps", x => x.Id);
            t.ForeignKey("FK_TrainingFollowUps_Trainings_TrainingId", x => x.TrainingId, "Trainings", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_TrainingFollowUps_TrainingId", "TrainingFollowUps", "TrainingId");

        m.CreateTable("ExchangeVisits", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            HostOrganisationId = t.Column<Guid>(),
            HostCountryCode = t.Column<string>(maxLength: 2),
            StartsOn = t.Column<DateOnly>(),
            EndsOn = t.Column<DateOnly>(),
            Purpose = t.Column<string>(),
            Outcomes = t.Column<string>(nullable: true),
            Female = t.Column<int>(),
            Male = t.Column<int>(),
            OtherOrUnknown = t.Column<int>(),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ExchangeVisits", x => x.Id);
            t.ForeignKey("FK_ExchangeVisits_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ExchangeVisits_Organisations_HostOrganisationId", x => x.HostOrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ExchangeVisits_OrganisationId_StartsOn", "ExchangeVisits", ["OrganisationId", "StartsOn"]);
        m.CreateIndex("IX_ExchangeVisits_HostCountryCode_StartsOn", "ExchangeVisits", ["HostCountryCode", "StartsOn"]);
        m.CreateIndex("IX_ExchangeVisits_HostOrganisationId", "ExchangeVisits", "HostOrganisationId");

        m.CreateTable("ExchangeVisitors", t => new
        {
            VisitId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            CountryCode = t.Column<string>(maxLength: 2),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ExchangeVisitors", x => new { x.VisitId, x.OrganisationId });
            t.ForeignKey("FK_ExchangeVisitors_ExchangeVisits_VisitId", x => x.VisitId, "ExchangeVisits", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ExchangeVisitors_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ExchangeVisitors_OrganisationId", "ExchangeVisitors", "OrganisationId");
        m.CreateIndex("IX_ExchangeVisitors_CountryCode", "ExchangeVisitors", "CountryCode");
    }
}
