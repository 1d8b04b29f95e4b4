using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Peer shelters: the bed counts each peer node sent in its last <c>shelter.availability</c> snapshot.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000024_PeerShelters")]
public sealed class PeerShelters : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("PeerShelters", t => new
        {
            Id = t.Column<Guid>(),
            PeerNodeId = t.Column<string>(maxLength: 20),
            FacilityId = t.Column<Guid>(),
            ServiceId = t.Column<Guid>(),
            OrganisationName = t.Column<string>(maxLength: 300),
            Name = t.Column<string>(maxLength: 200),
            Type = t.Column<string>(maxLength: 40),
            Populations = t.Column<string>(maxLength: 200),
            WheelchairAccessible = t.Column<bool>(),
            CountryCode = t.Column<string>(maxLength: 2),
            City = t.Column<string>(maxLength: 100),
            Region = t.Column<string>(maxLength: 100, nullable: true),
            FreeAdult = t.Column<int>(),
            FreeChild = t.Column<int>(),
            FreeCot = t.Column<int>(),
            FreeAccessible = t.Column<int>(),
            TotalAdult = t.Column<int>(),
            TotalChild = t.Column<int>(),
            TotalCot = t.Column<int>(),
            TotalAccessible = t.Column<int>(),
            UpdatedAt = t.Column<DateTime>(),
            SnapshotAt = t.Column<DateTime>(),
        }, constraints: t => t.PrimaryKey("PK_PeerShelters", x => x.Id));
        m.CreateIndex("IX_PeerShelters_PeerNodeId_FacilityId", "PeerShelters", ["PeerNodeId", "FacilityId"], unique: true);
        m.CreateIndex("IX_PeerShelters_CountryCode_City", "PeerShelters", ["CountryCode", "City"]);

        m.CreateTable("PeerShelterSnapshots", t => new
        {
            PeerNodeId = t.Column<string>(maxLength: 20),
            SnapshotAt = t.Column<DateTime>(),
            ReceivedAt = t.Column<DateTime>(),
            FacilityCount = t.Column<int>(),
        }, constraints: t => t.PrimaryKey("PK_PeerShelterSnapshots", x => x.PeerNodeId));
    }
}
