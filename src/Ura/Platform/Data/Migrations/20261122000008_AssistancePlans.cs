using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Risk assessments with safety plans, needs assessments, plan goals and services delivered.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000008_AssistancePlans")]
public sealed class AssistancePlans : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("RiskAssessments", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            AssessedOn = t.Column<DateOnly>(),
            IndividualRisk = t.Column<string>(maxLength: 10),
            IndividualNotes = t.Column<string>(nullable: true),
            HouseholdRisk = t.Column<string>(maxLength: 10),
            HouseholdNotes = t.Column<string>(nullable: true),
            CommunityRisk = t.Column<string>(maxLength: 10),
            CommunityNotes = t.Column<string>(nullable: true),
            SafetyPlan = t.Column<string>(nullable: true),
            NextReviewOn = t.Column<DateOnly>(),
            ReviewTaskId = t.Column<Guid>(nullable: true),
            RecordedAt = t.Column<DateTime>(),
            RecordedById = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RiskAssessments", x => x.Id);
            t.ForeignKey("FK_RiskAssessments_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_RiskAssessments_CaseTasks_ReviewTaskId", x => x.ReviewTaskId, "CaseTasks", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_RiskAssessments_CaseId_AssessedOn", "RiskAssessments", ["CaseId", "AssessedOn"]);
        m.CreateIndex("IX_RiskAssessments_ReviewTaskId", "RiskAssessments", "ReviewTaskId");

        m.CreateTable("NeedsAssessments", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            AssessedOn = t.Column<DateOnly>(),
            Areas = t.Column<string>(maxLength: 400),
            Notes = t.Column<string>(nullable: true),
            RecordedAt = t.Column<DateTime>(),
            RecordedById = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NeedsAssessments", x => x.Id);
            t.ForeignKey("FK_NeedsAssessments_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_NeedsAssessments_CaseId_AssessedOn", "NeedsAssessments", ["CaseId", "AssessedOn"]);

        m.CreateTable("PlanGoals", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Type = t.Column<string>(maxLength: 40),
            Objective = t.Column<string>(),
            Actions = t.Column<string>(nullable: true),
            ResponsibleOrganisationId = t.Column<Guid>(nullable: true),
            PlannedStartOn = t.Column<DateOnly>(nullable: true),
            PlannedEndOn = t.Column<DateOnly>(nullable: true),
            ActualEndOn = t.Column<DateOnly>(nullable: true),
            Status = t.Column<string>(maxLength: 20),
            LastReviewedOn = t.Column<DateOnly>(nullable: true),
            NextReviewOn = t.Column<DateOnly>(nullable: true),
            CreatedAt = t.Column<DateTime>(),
            UpdatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PlanGoals", x => x.Id);
            t.ForeignKey("FK_PlanGoals_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_PlanGoals_Organisations_ResponsibleOrganisationId", x => x.ResponsibleOrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_PlanGoals_CaseId", "PlanGoals", "CaseId");
        m.CreateIndex("IX_PlanGoals_ResponsibleOrganisationId", "PlanGoals", "ResponsibleOrganisationId");

        m.CreateTable("ServiceDeliveries", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Type = t.Column<string>(maxLength: 30),
            DeliveredOn = t.Column<DateOnly>(),
            ProviderOrganisationId = t.Column<Guid>(),
            Quantity = t.Column<decimal>(precision: 10, scale: 2, nullable: true),
            Unit = t.Column<string>(maxLength: 20, nullable: true),
            Cost = t.Column<decimal>(precision: 14, scale: 2, nullable: true),
            Currency = t.Column<string>(maxLength: 3, nullable: true),
            PlanGoalId = t.Column<Guid>(nullable: true),
            Note = t.Column<string>(nullable: true),
            RecordedAt = t.Column<DateTime>(),
            RecordedById = t.Column<Guid>(nullable: true),
            UpdatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ServiceDeliveries", x => x.Id);
            t.ForeignKey("FK_ServiceDeliveries_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ServiceDeliveries_Organisations_ProviderOrganisationId", x => x.ProviderOrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ServiceDeliveries_PlanGoals_PlanGoalId", x => x.PlanGoalId, "PlanGoals", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_ServiceDeliveries_CaseId_DeliveredOn", "ServiceDeliveries", ["CaseId", "DeliveredOn"]);
        m.CreateIndex("IX_ServiceDeliveries_OrganisationId_Type_DeliveredOn", "ServiceDeliveries", ["OrganisationId", "Type", "DeliveredOn"]);
        m.CreateIndex("IX_ServiceDeliveries_ProviderOrganisationId", "ServiceDeliveries", "ProviderOrganisationId");
        m.CreateIndex("IX_ServiceDeliveries_PlanGoalId", "ServiceDeliveries", "PlanGoalId");
    }
}
