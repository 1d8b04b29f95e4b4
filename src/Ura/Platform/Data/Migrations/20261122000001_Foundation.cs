using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>
/// Countries, organisations, Identity, access tokens and the audit trail.
/// Written by hand (no EF design-time tools here). Column types are left to each provider so one
/// migration serves SQLite and PostgreSQL; <c>SchemaMatchesModelTests</c> proves the result equals the model.
/// </summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000001_Foundation")]
public sealed class Foundation : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Countries", t => new
        {
            Code = t.Column<string>(maxLength: 2),
            Name = t.Column<string>(maxLength: 100),
            ReflectionPeriodDays = t.Column<int>(),
        }, constraints: t => t.PrimaryKey("PK_Countries", x => x.Code));

        m.CreateTable("Organisations", t => new
        {
            Id = t.Column<Guid>(),
            Name = t.Column<string>(maxLength: 200),
            CountryCode = t.Column<string>(maxLength: 2),
            Type = t.Column<string>(maxLength: 40),
            IsIdentificationAuthority = t.Column<bool>(),
            IsNationalCoordinatorOffice = t.Column<bool>(),
            IsShelterOperator = t.Column<bool>(),
            IsActive = t.Column<bool>(),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Organisations", x => x.Id);
            t.ForeignKey("FK_Organisations_Countries_CountryCode", x => x.CountryCode, "Countries", "Code", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Organisations_CountryCode_Name", "Organisations", ["CountryCode", "Name"], unique: true);

        m.CreateTable("AspNetRoles", t => new
        {
            Id = t.Column<Guid>(),
            Name = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedName = t.Column<string>(maxLength: 256, nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));
        m.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);

        m.CreateTable("AspNetUsers", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            DisplayName = t.Column<string>(),
            PreferredLanguage = t.Column<string>(maxLength: 10),
            IsActive = t.Column<bool>(),
            MustChangePassword = t.Column<bool>(),
            CreatedAt = t.Column<DateTime>(),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(),
            TwoFactorEnabled = t.Column<bool>(),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(),
            AccessFailedCount = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUsers", x => x.Id);
            t.ForeignKey("FK_AspNetUsers_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        m.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        m.CreateIndex("IX_AspNetUsers_OrganisationId", "AspNetUsers", "OrganisationId");

        m.CreateTable("AspNetRoleClaims", t => new
        {
            Id = t.Column<int>().Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            RoleId = t.Column<Guid>(),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
            t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");

        m.CreateTable("AspNetUserClaims", t => new
        {
            Id = t.Column<int>().Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            UserId = t.Column<Guid>(),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
            t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");

        m.CreateTable("AspNetUserLogins", t => new
        {
            LoginProvider = t.Column<string>(),
            ProviderKey = t.Column<string>(),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<Guid>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");

        m.CreateTable("AspNetUserRoles", t => new
        {
            UserId = t.Column<Guid>(),
            RoleId = t.Column<Guid>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
            t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");

        m.CreateTable("AspNetUserTokens", t => new
        {
            UserId = t.Column<Guid>(),
            LoginProvider = t.Column<string>(),
            Name = t.Column<string>(),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("PersonalAccessTokens", t => new
        {
            Id = t.Column<Guid>(),
            UserId = t.Column<Guid>(),
            Name = t.Column<string>(maxLength: 100),
            Hint = t.Column<string>(maxLength: 20),
            Hash = t.Column<string>(maxLength: 64),
            CreatedAt = t.Column<DateTime>(),
            ExpiresAt = t.Column<DateTime>(),
            LastUsedAt = t.Column<DateTime>(nullable: true),
            RevokedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PersonalAccessTokens", x => x.Id);
            t.ForeignKey("FK_PersonalAccessTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_PersonalAccessTokens_Hash", "PersonalAccessTokens", "Hash", unique: true);
        m.CreateIndex("IX_PersonalAccessTokens_UserId", "PersonalAccessTokens", "UserId");

        m.CreateTable("AuditEvents", t => new
        {
            Id = t.Column<long>().Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            Sequence = t.Column<long>(),
            At = t.Column<DateTime>(),
            UserId = t.Column<Guid>(nullable: true),
            OrganisationId = t.Column<Guid>(nullable: true),
            Action = t.Column<string>(maxLength: 80),
            EntityType = t.Column<string>(maxLength: 80, nullable: true),
            EntityId = t.Column<string>(maxLength: 80, nullable: true),
            Detail = t.Column<string>(maxLength: 500, nullable: true),
            ClientAddress = t.Column<string>(maxLength: 64, nullable: true),
            PreviousHash = t.Column<string>(maxLength: 64),
            Hash = t.Column<string>(maxLength: 64),
        }, constraints: t => t.PrimaryKey("PK_AuditEvents", x => x.Id));
        m.CreateIndex("IX_AuditEvents_Sequence", "AuditEvents", "Sequence", unique: true);
        m.CreateIndex("IX_AuditEvents_OrganisationId_Sequence", "AuditEvents", ["OrganisationId", "Sequence"]);
    }
}
