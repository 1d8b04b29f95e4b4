using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>The node's identity, its pinned peers, the outbox and inbox of envelopes, their sequences and refusals.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000018_Federation")]
public sealed class Federation : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("NodeIdentity", t => new
        {
            NodeId = t.Column<string>(maxLength: 20),
            CountryCode = t.Column<string>(maxLength: 2),
            Url = t.Column<string>(maxLength: 300),
            SigningPublicKey = t.Column<byte[]>(),
            SigningPrivateKey = t.Column<byte[]>(),
            AgreementPublicKey = t.Column<byte[]>(),
            AgreementPrivateKey = t.Column<byte[]>(),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t => t.PrimaryKey("PK_NodeIdentity", x => x.NodeId));

        m.CreateTable("FederationPeers", t => new
        {
            NodeId = t.Column<string>(maxLength: 20),
            CountryCode = t.Column<string>(maxLength: 2),
            Url = t.Column<string>(maxLength: 300),
            SigningPublicKey = t.Column<byte[]>(),
            AgreementPublicKey = t.Column<byte[]>(),
            Fingerprint = t.Column<string>(maxLength: 100),
            AddedAt = t.Column<DateTime>(),
            LastContactAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_FederationPeers", x => x.NodeId));

        m.CreateTable("FederationOutbox", t => new
        {
            Id = t.Column<Guid>(),
            PeerNodeId = t.Column<string>(maxLength: 20),
            Type = t.Column<string>(maxLength: 60),
            CorrelationId = t.Column<Guid>(),
            Sequence = t.Column<long>(),
            CreatedAt = t.Column<DateTime>(),
            ExpiresAt = t.Column<DateTime>(),
            Envelope = t.Column<string>(),
            Status = t.Column<string>(maxLength: 20),
            Attempts = t.Column<int>(),
            NextAttemptAt = t.Column<DateTime>(),
            LeaseOwner = t.Column<string>(maxLength: 100, nullable: true),
            LeasedUntil = t.Column<DateTime>(nullable: true),
            LastError = t.Column<string>(maxLength: 300, nullable: true),
            DeliveredAt = t.Column<DateTime>(nullable: true),
            Receipt = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_FederationOutbox", x => x.Id));
        m.CreateIndex("IX_FederationOutbox_Status_NextAttemptAt", "FederationOutbox", ["Status", "NextAttemptAt"]);
        m.CreateIndex("IX_FederationOutbox_PeerNodeId_Status", "FederationOutbox", ["PeerNodeId", "Status"]);
        m.CreateIndex("IX_FederationOutbox_PeerNodeId_CorrelationId_Sequence", "FederationOutbox", ["PeerNodeId", "CorrelationId", "Sequence"], unique: true);

        m.CreateTable("FederationInbox", t => new
        {
            Id = t.Column<Guid>(),
            SenderNodeId = t.Column<string>(maxLength: 20),
            Type = t.Column<string>(maxLength: 60),
            CorrelationId = t.Column<Guid>(),
            Sequence = t.Column<long>(),
            CreatedAt = t.Column<DateTime>(),
            ReceivedAt = t.Column<DateTime>(),
            Digest = t.Column<string>(maxLength: 64),
            Payload = t.Column<string>(nullable: true),
            Status = t.Column<string>(maxLength: 20),
            AppliedAt = t.Column<DateTime>(nullable: true),
            Attempts = t.Column<int>(),
            LastError = t.Column<string>(maxLength: 300, nullable: true),
            Deliveries = t.Column<int>(),
        }, constraints: t => t.PrimaryKey("PK_FederationInbox", x => x.Id));
        m.CreateIndex("IX_FederationInbox_SenderNodeId_CorrelationId_Sequence", "FederationInbox", ["SenderNodeId", "CorrelationId", "Sequence"], unique: true);
        m.CreateIndex("IX_FederationInbox_Status_ReceivedAt", "FederationInbox", ["Status", "ReceivedAt"]);

        m.CreateTable("MessageStreams", t => new
        {
            PeerNodeId = t.Column<string>(maxLength: 20),
            CorrelationId = t.Column<Guid>(),
            Direction = t.Column<string>(maxLength: 10),
            Sequence = t.Column<long>(),
        }, constraints: t => t.PrimaryKey("PK_MessageStreams", x => new { x.PeerNodeId, x.CorrelationId, x.Direction }));

        m.CreateTable("FederationRefusals", t => new
        {
            Id = t.Column<Guid>(),
            At = t.Column<DateTime>(),
            ClaimedSender = t.Column<string>(maxLength: 20, nullable: true),
            EnvelopeId = t.Column<Guid>(nullable: true),
            Type = t.Column<string>(maxLength: 60, nullable: true),
            Reason = t.Column<string>(maxLength: 40),
            ClientAddress = t.Column<string>(maxLength: 60, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_FederationRefusals", x => x.Id));
        m.CreateIndex("IX_FederationRefusals_At", "FederationRefusals", ["At"]);
    }
}
