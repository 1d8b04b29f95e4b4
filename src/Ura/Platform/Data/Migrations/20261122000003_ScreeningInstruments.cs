using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Screening instruments: versioned indicator lists and decision rules, stored as imported.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000003_ScreeningInstruments")]
public sealed class ScreeningInstruments : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ScreeningInstruments", t => new
        {
            Id = t.Column<Guid>(),
            Key = t.Column<string>(maxLength: 64),
            Version = t.Column<string>(maxLength: 40),
            Status = t.Column<string>(maxLength: 20),
            Title = t.Column<string>(maxLength: 300),
            Document = t.Column<string>(),
            ImportedAt = t.Column<DateTime>(),
            ImportedById = t.Column<Guid>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_ScreeningInstruments", x => x.Id));
        m.CreateIndex("IX_ScreeningInstruments_Key_Version", "ScreeningInstruments", ["Key", "Version"], unique: true);
    }
}
