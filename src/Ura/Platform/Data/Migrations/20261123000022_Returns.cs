using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Voluntary return across nodes: return plans, their assistance package and follow-up reports.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000022_Returns")]
public sealed class Returns : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ReturnPlans", t => new
        {
            Id = t.Column<Guid>(),
            TransnationalReferralId = t.Column<Guid>(),
            Side = t.Column<string>(maxLength: 20),
            OrganisationId = t.Column<Guid>(),
            CaseId = t.Column<Guid>(nullable: true),
            Status = t.Column<string>(maxLength: 20),
            Revision = t.Column<int>(),
            InformedDecision = t.Column<bool>(),
            DecisionOn = t.Column<DateOnly>(nullable: true),
            DecisionNote = t.Column<string>(nullable: true),
            SafetyRisk = t.Column<string>(maxLength: 20),
            SafetyNote = t.Column<string>(nullable: true),
            FamilySituation = t.Column<string>(nullable: true),
            Route = t.Column<string>(nullable: true),
            TravelMode = t.Column<string>(maxLength: 20),
            DepartureOn = t.Column<DateOnly>(),
            ArrivalOn = t.Column<DateOnly>(nullable: true),
            Escort = t.Column<string>(maxLength: 20),
            EscortDetails = t.Column<string>(nullable: true),
            TravelDocuments = t.Column<string>(maxLength: 20),
            ProposedAt = t.Column<DateTime>(nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DeclineReason = t.Column<string>(nullable: true),
            HandedOverOn = t.Column<DateOnly>(nullable: true),
            HandoverPlace = t.Column<string>(nullable: true),
            ReceivedBy = t.Column<string>(nullable: true),
            HandedOverAt = t.Column<DateTime>(nullable: true),
            PurgedAt = t.Column<DateTime>(nullable: true),
            CreatedAt = t.Column<DateTime>(),
            UpdatedAt = t.Column<DateTime>(),
            Version = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReturnPlans", x => x.Id);
            t.ForeignKey("FK_ReturnPlans_TransnationalReferrals_TransnationalReferralId", x => x.TransnationalReferralId, "TransnationalReferrals", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReturnPlans_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ReturnPlans_TransnationalReferralId", "ReturnPlans", "TransnationalReferralId", unique: true);
        m.CreateIndex("IX_ReturnPlans_CaseId", "ReturnPlans", "CaseId");
        m.CreateIndex("IX_ReturnPlans_OrganisationId_Side_Status", "ReturnPlans", ["OrganisationId", "Side", "Status"]);

        m.CreateTable("ReturnAssistance", t => new
        {
            Id = t.Column<Guid>(),
            ReturnPlanId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Type = t.Column<string>(maxLength: 40),
            Amount = t.Column<decimal>(precision: 14, scale: 2, nullable: true),
            Currency = t.Column<string>(maxLength: 3, nullable: true),
            Note = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReturnAssistance", x => x.Id);
            t.ForeignKey("FK_ReturnAssistance_ReturnPlans_ReturnPlanId", x => x.ReturnPlanId, "ReturnPlans", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ReturnAssistance_ReturnPlanId_Type", "ReturnAssistance", ["ReturnPlanId", "Type"], unique: true);

        m.CreateTable("ReturnFollowUps", t => new
        {
            Id = t.Column<Guid>(),
            ReturnPlanId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Month = t.Column<int>(),
            DueOn = t.Column<DateOnly>(),
            TaskId = t.Column<Guid>(nullable: true),
            ReportedOn = t.Column<DateOnly>(nullable: true),
            Situation = t.Column<string>(maxLength: 20, nullable: true),
            Summary = t.Column<string>(nullable: true),
            RecordedAt = t.Column<DateTime>(nullable: true),
            RecordedById = t.Column<Guid>(nullable: true),
            SentAt = t.Column<DateTime>(nullable: true),
            NotSentReason = t.Column<string>(maxLength: 100, nullable: true),
            ReceivedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReturnFollowUps", x => x.Id);
            t.ForeignKey("FK_ReturnFollowUps_ReturnPlans_ReturnPlanId", x => x.ReturnPlanId, "ReturnPlans", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReturnFollowUps_CaseTasks_TaskId", x => x.TaskId, "CaseTasks", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_ReturnFollowUps_ReturnPlanId_Month", "ReturnFollowUps", ["ReturnPlanId", "Month"], unique: true);
        m.CreateIndex("IX_ReturnFollowUps_TaskId", "ReturnFollowUps", "TaskId");
    }
}
