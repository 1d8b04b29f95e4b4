using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Anonymous requests for help, and which organisations receive them.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000026_HelpRequests")]
public sealed class HelpRequests : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("ReceivesHelpRequests", "Organisations", defaultValue: false);

        m.CreateTable("HelpRequests", t => new
        {
            Id = t.Column<Guid>(),
            CountryCode = t.Column<string>(maxLength: 2),
            Language = t.Column<string>(maxLength: 10),
            Account = t.Column<string>(),
            SafeContact = t.Column<string>(nullable: true),
            Danger = t.Column<string>(maxLength: 10),
            ReceivedAt = t.Column<DateTime>(),
            Status = t.Column<string>(maxLength: 20),
            HandledByOrganisationId = t.Column<Guid>(nullable: true),
            HandledById = t.Column<Guid>(nullable: true),
            HandledAt = t.Column<DateTime>(nullable: true),
            ScreeningId = t.Column<Guid>(nullable: true),
            CaseId = t.Column<Guid>(nullable: true),
            CloseReason = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_HelpRequests", x => x.Id);
            t.ForeignKey("FK_HelpRequests_Countries_CountryCode", x => x.CountryCode, "Countries", "Code", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_HelpRequests_Organisations_HandledByOrganisationId", x => x.HandledByOrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_HelpRequests_Screenings_ScreeningId", x => x.ScreeningId, "Screenings", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_HelpRequests_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_HelpRequests_CountryCode_Status_ReceivedAt", "HelpRequests", ["CountryCode", "Status", "ReceivedAt"]);
        m.CreateIndex("IX_HelpRequests_CountryCode_ReceivedAt", "HelpRequests", ["CountryCode", "ReceivedAt"]);
        m.CreateIndex("IX_HelpRequests_HandledByOrganisationId", "HelpRequests", "HandledByOrganisationId");
        m.CreateIndex("IX_HelpRequests_ScreeningId", "HelpRequests", "ScreeningId");
        m.CreateIndex("IX_HelpRequests_CaseId", "HelpRequests", "CaseId");
    }

}
