using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Field provisions: places, deliveries, and distributions with the items given and the people served.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000030_FieldProvisions")]
public sealed class FieldProvisions : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ProvisionPoints", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Name = t.Column<string>(maxLength: 200),
            CreatedAt = t.Column<DateTime>(),
            Version = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProvisionPoints", x => x.Id);
            t.ForeignKey("FK_ProvisionPoints_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ProvisionPoints_OrganisationId_Name", "ProvisionPoints", ["OrganisationId", "Name"], unique: true);

        m.CreateTable("ProvisionDeliveries", t => new
        {
            Id = t.Column<Guid>(),
            PointId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            ReceivedOn = t.Column<DateOnly>(),
            Item = t.Column<string>(maxLength: 30),
            Quantity = t.Column<int>(),
            Source = t.Column<string>(maxLength: 200, nullable: true),
            CreatedById = t.Column<Guid>(),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProvisionDeliveries", x => x.Id);
            t.ForeignKey("FK_ProvisionDeliveries_ProvisionPoints_PointId", x => x.PointId, "ProvisionPoints", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ProvisionDeliveries_PointId_ReceivedOn", "ProvisionDeliveries", ["PointId", "ReceivedOn"]);

        m.CreateTable("ProvisionDistributions", t => new
        {
            Id = t.Column<Guid>(),
            PointId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            GivenOn = t.Column<DateOnly>(),
            Notes = t.Column<string>(maxLength: 2000, nullable: true),
            CreatedById = t.Column<Guid>(),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProvisionDistributions", x => x.Id);
            t.ForeignKey("FK_ProvisionDistributions_ProvisionPoints_PointId", x => x.PointId, "ProvisionPoints", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ProvisionDistributions_PointId_GivenOn", "ProvisionDistributions", ["PointId", "GivenOn"]);
        m.CreateIndex("IX_ProvisionDistributions_OrganisationId_GivenOn", "ProvisionDistributions", ["OrganisationId", "GivenOn"]);

        m.CreateTable("ProvisionItemsGiven", t => new
        {
            Id = t.Column<Guid>(),
            DistributionId = t.Column<Guid>(),
            Item = t.Column<string>(maxLength: 30),
            Quantity = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProvisionItemsGiven", x => x.Id);
            t.ForeignKey("FK_ProvisionItemsGiven_ProvisionDistributions_DistributionId", x => x.DistributionId, "ProvisionDistributions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ProvisionItemsGiven_DistributionId_Item", "ProvisionItemsGiven", ["DistributionId", "Item"], unique: true);

        m.CreateTable("ProvisionServed", t => new
        {
            Id = t.Column<Guid>(),
            DistributionId = t.Column<Guid>(),
            Sex = t.Column<string>(maxLength: 20),
            AgeBand = t.Column<string>(maxLength: 20),
            People = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProvisionServed", x => x.Id);
            t.ForeignKey("FK_ProvisionServed_ProvisionDistributions_DistributionId", x => x.DistributionId, "ProvisionDistributions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ProvisionServed_DistributionId_Sex_AgeBand", "ProvisionServed", ["DistributionId", "Sex", "AgeBand"], unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("ProvisionServed");
        m.DropTable("ProvisionItemsGiven");
        m.DropTable("ProvisionDistributions");
        m.DropTable("ProvisionDeliveries");
        m.DropTable("ProvisionPoints");
    }
}
