using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Peer directories: the services each peer node published, cached from its last directory snapshot.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000020_PeerDirectories")]
public sealed class PeerDirectories : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("PeerServices", t => new
        {
            Id = t.Column<Guid>(),
            PeerNodeId = t.Column<string>(maxLength: 20),
            ServiceId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            OrganisationName = t.Column<string>(maxLength: 300),
            Name = t.Column<string>(maxLength: 300),
            Description = t.Column<string>(maxLength: 4000, nullable: true),
            CountryCode = t.Column<string>(maxLength: 2),
            Cities = t.Column<string>(maxLength: 1000),
            Regions = t.Column<string>(maxLength: 1000),
            Categories = t.Column<string>(maxLength: 1000),
            Languages = t.Column<string>(maxLength: 300),
            MinimumAge = t.Column<int>(nullable: true),
            MaximumAge = t.Column<int>(nullable: true),
            Genders = t.Column<string>(maxLength: 100),
            Nationalities = t.Column<string>(maxLength: 300),
            EligibilityDescription = t.Column<string>(maxLength: 4000, nullable: true),
            SnapshotAt = t.Column<DateTime>(),
        }, constraints: t => t.PrimaryKey("PK_PeerServices", x => x.Id));
        m.CreateIndex("IX_PeerServices_PeerNodeId_ServiceId", "PeerServices", ["PeerNodeId", "ServiceId"], unique: true);
        m.CreateIndex("IX_PeerServices_CountryCode_Name", "PeerServices", ["CountryCode", "Name"]);

        m.CreateTable("PeerDirectories", t => new
        {
            PeerNodeId = t.Column<string>(maxLength: 20),
            SnapshotAt = t.Column<DateTime>(),
            ReceivedAt = t.Column<DateTime>(),
            ServiceCount = t.Column<int>(),
        }, constraints: t => t.PrimaryKey("PK_PeerDirectories", x => x.PeerNodeId));
    }
}
