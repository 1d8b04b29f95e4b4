using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Background exports (CTDC, HTCDS): one row per run, with its progress, verification and encrypted file.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000045_ExportRuns")]
public sealed class ExportRuns : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ExportRuns", t => new
        {
            Id = t.Column<Guid>(),
            Kind = t.Column<string>(maxLength: 20),
            RequestedById = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            CountryCode = t.Column<string>(maxLength: 2),
            Reason = t.Column<string>(maxLength: 500, nullable: true),
            Status = t.Column<string>(maxLength: 20),
            Progress = t.Column<int>(),
            CreatedAt = t.Column<DateTime>(),
            StartedAt = t.Column<DateTime>(nullable: true),
            FinishedAt = t.Column<DateTime>(nullable: true),
            ExpiresAt = t.Column<DateTime>(nullable: true),
            CaseCount = t.Column<int>(nullable: true),
            VerifiedK = t.Column<int>(nullable: true),
            SmallestGroup = t.Column<int>(nullable: true),
            VerificationPassed = t.Column<bool>(nullable: true),
            FileName = t.Column<string>(maxLength: 100, nullable: true),
            ContentType = t.Column<string>(maxLength: 100, nullable: true),
            EncryptedContent = t.Column<byte[]>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ExportRuns", x => x.Id);
            t.ForeignKey("FK_ExportRuns_AspNetUsers_RequestedById", x => x.RequestedById, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ExportRuns_RequestedById_CreatedAt", "ExportRuns", ["RequestedById", "CreatedAt"]);
        m.CreateIndex("IX_ExportRuns_Status_CreatedAt", "ExportRuns", ["Status", "CreatedAt"]);
        m.CreateIndex("IX_ExportRuns_ExpiresAt", "ExportRuns", ["ExpiresAt"]);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("ExportRuns");
}
