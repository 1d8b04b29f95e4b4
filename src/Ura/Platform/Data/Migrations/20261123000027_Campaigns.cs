using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Awareness campaigns: campaigns, their activities with the people reached by sex and age band, and materials.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000027_Campaigns")]
public sealed class Campaigns : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Campaigns", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            CountryCode = t.Column<string>(maxLength: 2),
            Name = t.Column<string>(maxLength: 200),
            Objective = t.Column<string>(maxLength: 2000),
            TargetGroups = t.Column<string>(maxLength: 300),
            Channels = t.Column<string>(maxLength: 200),
            StartsOn = t.Column<DateOnly>(),
            EndsOn = t.Column<DateOnly>(),
            Partners = t.Column<string>(maxLength: 2000, nullable: true),
            BudgetAmount = t.Column<decimal>(precision: 14, scale: 2, nullable: true),
            BudgetCurrency = t.Column<string>(maxLength: 3, nullable: true),
            SurveyRespondentsBefore = t.Column<int>(nullable: true),
            SurveyScoreBefore = t.Column<decimal>(precision: 5, scale: 2, nullable: true),
            SurveyRespondentsAfter = t.Column<int>(nullable: true),
            SurveyScoreAfter = t.Column<decimal>(precision: 5, scale: 2, nullable: true),
            CreatedById = t.Column<Guid>(),
            CreatedAt = t.Column<DateTime>(),
            UpdatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Campaigns", x => x.Id);
            t.ForeignKey("FK_Campaigns_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Campaigns_OrganisationId_StartsOn", "Campaigns", ["OrganisationId", "StartsOn"]);
        m.CreateIndex("IX_Campaigns_CountryCode_StartsOn", "Campaigns", ["CountryCode", "StartsOn"]);

        m.CreateTable("CampaignActivities", t => new
        {
            Id = t.Column<Guid>(),
            CampaignId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            HeldOn = t.Column<DateOnly>(),
            Place = t.Column<string>(maxLength: 200),
            Channel = t.Column<string>(maxLength: 30),
            Notes = t.Column<string>(maxLength: 2000, nullable: true),
            CreatedById = t.Column<Guid>(),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CampaignActivities", x => x.Id);
            t.ForeignKey("FK_CampaignActivities_Campaigns_CampaignId", x => x.CampaignId, "Campaigns", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CampaignActivities_CampaignId_HeldOn", "CampaignActivities", ["CampaignId", "HeldOn"]);

        m.CreateTable("CampaignReach", t => new
        {
            Id = t.Column<Guid>(),
            ActivityId = t.Column<Guid>(),
            Sex = t.Column<string>(maxLength: 20),
            AgeBand = t.Column<string>(maxLength: 20),
            People = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CampaignReach", x => x.Id);
            t.ForeignKey("FK_CampaignReach_CampaignActivities_ActivityId", x => x.ActivityId, "CampaignActivities", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CampaignReach_ActivityId_Sex_AgeBand", "CampaignReach", ["ActivityId", "Sex", "AgeBand"], unique: true);

        m.CreateTable("CampaignMaterials", t => new
        {
            Id = t.Column<Guid>(),
            CampaignId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Title = t.Column<string>(maxLength: 200),
            Kind = t.Column<string>(maxLength: 30),
            Quantity = t.Column<int>(),
            Language = t.Column<string>(maxLength: 10),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CampaignMaterials", x => x.Id);
            t.ForeignKey("FK_CampaignMaterials_Campaigns_CampaignId", x => x.CampaignId, "Campaigns", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CampaignMaterials_CampaignId", "CampaignMaterials", "CampaignId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("CampaignMaterials");
        m.DropTable("CampaignReach");
        m.DropTable("CampaignActivities");
        m.DropTable("Campaigns");
    }
}
