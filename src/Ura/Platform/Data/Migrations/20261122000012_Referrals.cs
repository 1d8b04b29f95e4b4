using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Referrals between organisations and the history of each.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000012_Referrals")]
public sealed class Referrals : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Referrals", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            CreatedById = t.Column<Guid>(),
            CreatedAt = t.Column<DateTime>(),
            ServiceId = t.Column<Guid>(),
            ReceivingOrganisationId = t.Column<Guid>(),
            CategoryCode = t.Column<string>(maxLength: 60, nullable: true),
            Urgency = t.Column<string>(maxLength: 20),
            Status = t.Column<string>(maxLength: 20),
            Reason = t.Column<string>(nullable: true),
            Message = t.Column<string>(nullable: true),
            SharedFields = t.Column<string>(maxLength: 300),
            SharedData = t.Column<string>(nullable: true),
            ConsentId = t.Column<Guid>(nullable: true),
            OverrideById = t.Column<Guid>(nullable: true),
            OverrideReason = t.Column<string>(nullable: true),
            SentAt = t.Column<DateTime>(nullable: true),
            AcknowledgedAt = t.Column<DateTime>(nullable: true),
            AcknowledgedById = t.Column<Guid>(nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DecidedById = t.Column<Guid>(nullable: true),
            DeclineReason = t.Column<string>(maxLength: 30, nullable: true),
            DeclineNote = t.Column<string>(nullable: true),
            CompletedAt = t.Column<DateTime>(nullable: true),
            Successful = t.Column<bool>(nullable: true),
            OutcomeNote = t.Column<string>(nullable: true),
            ServicesGiven = t.Column<string>(maxLength: 300),
            WithdrawnAt = t.Column<DateTime>(nullable: true),
            WithdrawReason = t.Column<string>(nullable: true),
            AcknowledgeBy = t.Column<DateTime>(nullable: true),
            DecideBy = t.Column<DateTime>(nullable: true),
            RemindedAt = t.Column<DateTime>(nullable: true),
            ReceivingCaseId = t.Column<Guid>(nullable: true),
            ConsentWithdrawnAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Referrals", x => x.Id);
            t.ForeignKey("FK_Referrals_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Referrals_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Referrals_CaseId_CreatedAt", "Referrals", ["CaseId", "CreatedAt"]);
        m.CreateIndex("IX_Referrals_ReceivingOrganisationId_Status_SentAt", "Referrals", ["ReceivingOrganisationId", "Status", "SentAt"]);
        m.CreateIndex("IX_Referrals_OrganisationId_Status_SentAt", "Referrals", ["OrganisationId", "Status", "SentAt"]);
        m.CreateIndex("IX_Referrals_Status_DecideBy", "Referrals", ["Status", "DecideBy"]);
        m.CreateIndex("IX_Referrals_ServiceId", "Referrals", "ServiceId");

        m.CreateTable("ReferralEvents", t => new
        {
            Id = t.Column<Guid>(),
            ReferralId = t.Column<Guid>(),
            Action = t.Column<string>(maxLength: 20),
            Status = t.Column<string>(maxLength: 20),
            At = t.Column<DateTime>(),
            UserId = t.Column<Guid>(nullable: true),
            OrganisationId = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReferralEvents", x => x.Id);
            t.ForeignKey("FK_ReferralEvents_Referrals_ReferralId", x => x.ReferralId, "Referrals", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ReferralEvents_ReferralId_At", "ReferralEvents", ["ReferralId", "At"]);
    }
}
