using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Public help pages (country, language, topic) and their versions from draft to published.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000025_HelpPages")]
public sealed class HelpPages : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("HelpPages", t => new
        {
            Id = t.Column<Guid>(),
            CountryCode = t.Column<string>(maxLength: 2),
            Language = t.Column<string>(maxLength: 10),
            Topic = t.Column<string>(maxLength: 30),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_HelpPages", x => x.Id);
            t.ForeignKey("FK_HelpPages_Countries_CountryCode", x => x.CountryCode, "Countries", "Code", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_HelpPages_CountryCode_Language_Topic", "HelpPages", ["CountryCode", "Language", "Topic"], unique: true);

        m.CreateTable("HelpPageVersions", t => new
        {
            Id = t.Column<Guid>(),
            HelpPageId = t.Column<Guid>(),
            Number = t.Column<int>(),
            Title = t.Column<string>(maxLength: 200),
            Body = t.Column<string>(maxLength: 20000),
            Status = t.Column<string>(maxLength: 20),
            AuthorId = t.Column<Guid>(),
            CreatedAt = t.Column<DateTime>(),
            UpdatedAt = t.Column<DateTime>(),
            SubmittedAt = t.Column<DateTime>(nullable: true),
            ReviewerId = t.Column<Guid>(nullable: true),
            ReviewedAt = t.Column<DateTime>(nullable: true),
            ReviewComment = t.Column<string>(maxLength: 1000, nullable: true),
            PublishedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_HelpPageVersions", x => x.Id);
            t.ForeignKey("FK_HelpPageVersions_HelpPages_HelpPageId", x => x.HelpPageId, "HelpPages", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_HelpPageVersions_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_HelpPageVersions_AspNetUsers_ReviewerId", x => x.ReviewerId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_HelpPageVersions_HelpPageId_Number", "HelpPageVersions", ["HelpPageId", "Number"], unique: true);
        m.CreateIndex("IX_HelpPageVersions_AuthorId", "HelpPageVersions", "AuthorId");
        m.CreateIndex("IX_HelpPageVersions_ReviewerId", "HelpPageVersions", "ReviewerId");
    }
}
