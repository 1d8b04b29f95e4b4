using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Consent records, case notes and case documents (encrypted files kept in the database).</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000007_ConsentNotesDocuments")]
public sealed class ConsentNotesDocuments : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Consents", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Purposes = t.Column<string>(maxLength: 300),
            SharedWithOrganisations = t.Column<string>(maxLength: 2000),
            SharedWithOrganisationTypes = t.Column<string>(maxLength: 400),
            CrossBorderCountries = t.Column<string>(maxLength: 300),
            ResearchUse = t.Column<bool>(),
            RetentionMonths = t.Column<int>(),
            DataUseExplained = t.Column<bool>(),
            RightOfAccessExplained = t.Column<bool>(),
            WithdrawalExplained = t.Column<bool>(),
            GivenBy = t.Column<string>(maxLength: 30),
            GiverName = t.Column<string>(nullable: true),
            GivenOn = t.Column<DateOnly>(),
            TakenById = t.Column<Guid>(),
            RecordedAt = t.Column<DateTime>(),
            WithdrawnOn = t.Column<DateOnly>(nullable: true),
            WithdrawnById = t.Column<Guid>(nullable: true),
            WithdrawalRecordedAt = t.Column<DateTime>(nullable: true),
            WithdrawalReason = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Consents", x => x.Id);
            t.ForeignKey("FK_Consents_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Consents_AspNetUsers_TakenById", x => x.TakenById, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Consents_CaseId_GivenOn", "Consents", ["CaseId", "GivenOn"]);
        m.CreateIndex("IX_Consents_TakenById", "Consents", "TakenById");

        m.CreateTable("CaseNotes", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Text = t.Column<string>(),
            AuthorId = t.Column<Guid>(),
            WrittenAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseNotes", x => x.Id);
            t.ForeignKey("FK_CaseNotes_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CaseNotes_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_CaseNotes_CaseId_WrittenAt", "CaseNotes", ["CaseId", "WrittenAt"]);
        m.CreateIndex("IX_CaseNotes_AuthorId", "CaseNotes", "AuthorId");

        m.CreateTable("CaseDocuments", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Type = t.Column<string>(maxLength: 30),
            FileName = t.Column<string>(),
            ContentType = t.Column<string>(maxLength: 100),
            Length = t.Column<long>(),
            EncryptedContent = t.Column<byte[]>(),
            UploadedAt = t.Column<DateTime>(),
            UploadedById = t.Column<Guid>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseDocuments", x => x.Id);
            t.ForeignKey("FK_CaseDocuments_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CaseDocuments_AspNetUsers_UploadedById", x => x.UploadedById, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_CaseDocuments_CaseId_UploadedAt", "CaseDocuments", ["CaseId", "UploadedAt"]);
        m.CreateIndex("IX_CaseDocuments_UploadedById", "CaseDocuments", "UploadedById");
    }
}
