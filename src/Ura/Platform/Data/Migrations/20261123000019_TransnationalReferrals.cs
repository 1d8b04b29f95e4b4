using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Transnational referrals: each node's row of a referral between two nodes.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000019_TransnationalReferrals")]
public sealed class TransnationalReferrals : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("TransnationalReferrals", t => new
        {
            Id = t.Column<Guid>(),
            Side = t.Column<string>(maxLength: 20),
            PeerNodeId = t.Column<string>(maxLength: 20),
            OrganisationId = t.Column<Guid>(),
            CaseId = t.Column<Guid>(nullable: true),
            CreatedById = t.Column<Guid>(nullable: true),
            CreatedAt = t.Column<DateTime>(),
            RemoteOrganisationId = t.Column<Guid>(),
            RemoteOrganisationName = t.Column<string>(maxLength: 300),
            RemoteServiceId = t.Column<Guid>(nullable: true),
            RemoteServiceName = t.Column<string>(maxLength: 300, nullable: true),
            ServiceId = t.Column<Guid>(nullable: true),
            CategoryCode = t.Column<string>(maxLength: 60, nullable: true),
            Urgency = t.Column<string>(maxLength: 20),
            Status = t.Column<string>(maxLength: 20),
            AtFocalPoint = t.Column<bool>(),
            ForwardedAt = t.Column<DateTime>(nullable: true),
            ForwardedById = t.Column<Guid>(nullable: true),
            Reason = t.Column<string>(nullable: true),
            Message = t.Column<string>(nullable: true),
            SharedFields = t.Column<string>(maxLength: 300),
            SharedData = t.Column<string>(nullable: true),
            ConsentId = t.Column<Guid>(nullable: true),
            SentAt = t.Column<DateTime>(nullable: true),
            AcknowledgedAt = t.Column<DateTime>(nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DeclineReason = t.Column<string>(maxLength: 30, nullable: true),
            DeclineNote = t.Column<string>(nullable: true),
            CompletedAt = t.Column<DateTime>(nullable: true),
            Successful = t.Column<bool>(nullable: true),
            OutcomeNote = t.Column<string>(nullable: true),
            ServicesGiven = t.Column<string>(maxLength: 300),
            WithdrawnAt = t.Column<DateTime>(nullable: true),
            ConsentWithdrawnAt = t.Column<DateTime>(nullable: true),
            PurgedAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TransnationalReferrals", x => x.Id);
            t.ForeignKey("FK_TransnationalReferrals_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_TransnationalReferrals_CaseId_CreatedAt", "TransnationalReferrals", ["CaseId", "CreatedAt"]);
        m.CreateIndex("IX_TransnationalReferrals_OrganisationId_Side_SentAt", "TransnationalReferrals", ["OrganisationId", "Side", "SentAt"]);
    }
}
