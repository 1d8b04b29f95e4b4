using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Persons (one per case), their identity documents, name blind indexes and case reference counters.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000004_Persons")]
public sealed class Persons : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Persons", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            GivenNames = t.Column<string>(),
            FamilyName = t.Column<string>(),
            Aliases = t.Column<string>(nullable: true),
            BirthDate = t.Column<string>(),
            BirthDateEstimated = t.Column<bool>(),
            BirthYearHash = t.Column<string>(maxLength: 32),
            Gender = t.Column<string>(maxLength: 30),
            AgeBand = t.Column<string>(maxLength: 20),
            IsChild = t.Column<bool>(),
            Citizenships = t.Column<string>(maxLength: 100),
            Languages = t.Column<string>(maxLength: 100),
            EducationLevel = t.Column<string>(maxLength: 40, nullable: true),
            MaritalStatus = t.Column<string>(maxLength: 30, nullable: true),
            NumberOfChildren = t.Column<int>(nullable: true),
            Phone = t.Column<string>(nullable: true),
            Email = t.Column<string>(nullable: true),
            Address = t.Column<string>(nullable: true),
            GuardianName = t.Column<string>(nullable: true),
            GuardianRelation = t.Column<string>(nullable: true),
            GuardianContact = t.Column<string>(nullable: true),
            RegisteredAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Persons", x => x.Id);
            t.ForeignKey("FK_Persons_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Persons_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Persons_OrganisationId", "Persons", "OrganisationId");
        m.CreateIndex("IX_Persons_CaseId", "Persons", "CaseId", unique: true);

        m.CreateTable("IdentityDocuments", t => new
        {
            Id = t.Column<Guid>(),
            PersonId = t.Column<Guid>(),
            Type = t.Column<string>(maxLength: 30),
            Number = t.Column<string>(),
            IssuingCountry = t.Column<string>(maxLength: 2),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_IdentityDocuments", x => x.Id);
            t.ForeignKey("FK_IdentityDocuments_Persons_PersonId", x => x.PersonId, "Persons", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_IdentityDocuments_PersonId", "IdentityDocuments", "PersonId");

        m.CreateTable("PersonNameIndex", t => new
        {
            PersonId = t.Column<Guid>(),
            Hash = t.Column<string>(maxLength: 32),
            OrganisationId = t.Column<Guid>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PersonNameIndex", x => new { x.PersonId, x.Hash });
            t.ForeignKey("FK_PersonNameIndex_Persons_PersonId", x => x.PersonId, "Persons", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_PersonNameIndex_Hash_OrganisationId", "PersonNameIndex", ["Hash", "OrganisationId"]);

        m.CreateTable("CaseReferenceCounters", t => new
        {
            CountryCode = t.Column<string>(maxLength: 2),
            Year = t.Column<int>(),
            Last = t.Column<int>(),
        }, constraints: t => t.PrimaryKey("PK_CaseReferenceCounters", x => new { x.CountryCode, x.Year }));
    }
}
