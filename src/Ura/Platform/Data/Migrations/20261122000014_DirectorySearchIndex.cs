using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>
/// The directory search lists services by name (then id), 20 at a time. Without an index on the name the
/// database sorts every matching service to show the first page; with it, it walks them in order.
/// </summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000014_DirectorySearchIndex")]
public sealed class DirectorySearchIndex : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.CreateIndex("IX_Services_Name_Id", "Services", ["Name", "Id"]);
}
