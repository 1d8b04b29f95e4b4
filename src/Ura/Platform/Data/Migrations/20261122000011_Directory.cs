using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>The service directory in the shape of Open Referral HSDS 3.0, with HSDS 3.1 capacity.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000011_Directory")]
public sealed class Directory : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("Description", "Organisations", maxLength: 2000, nullable: true);
        m.AddColumn<string>("Email", "Organisations", maxLength: 200, nullable: true);
        m.AddColumn<string>("Website", "Organisations", maxLength: 500, nullable: true);

        m.CreateTable("Services", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Name = t.Column<string>(maxLength: 200),
            AlternateName = t.Column<string>(maxLength: 200, nullable: true),
            Description = t.Column<string>(maxLength: 4000, nullable: true),
            Url = t.Column<string>(maxLength: 500, nullable: true),
            Email = t.Column<string>(maxLength: 200, nullable: true),
            Status = t.Column<string>(maxLength: 20),
            InterpretationServices = t.Column<string>(maxLength: 500, nullable: true),
            ApplicationProcess = t.Column<string>(maxLength: 2000, nullable: true),
            FeesDescription = t.Column<string>(maxLength: 500, nullable: true),
            EligibilityDescription = t.Column<string>(maxLength: 1000, nullable: true),
            MinimumAge = t.Column<int>(nullable: true),
            MaximumAge = t.Column<int>(nullable: true),
            EligibleGenders = t.Column<string>(maxLength: 200),
            EligibleNationalities = t.Column<string>(maxLength: 200),
            AcceptsReferrals = t.Column<bool>(),
            CreatedAt = t.Column<DateTime>(),
            ModifiedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Services", x => x.Id);
            t.ForeignKey("FK_Services_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Services_OrganisationId_Name", "Services", ["OrganisationId", "Name"]);
        m.CreateIndex("IX_Services_Status_ModifiedAt", "Services", ["Status", "ModifiedAt"]);

        m.CreateTable("Locations", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            LocationType = t.Column<string>(maxLength: 20),
            Name = t.Column<string>(maxLength: 200, nullable: true),
            Description = t.Column<string>(maxLength: 2000, nullable: true),
            Transportation = t.Column<string>(maxLength: 500, nullable: true),
            Url = t.Column<string>(maxLength: 500, nullable: true),
            IsConfidential = t.Column<bool>(),
            ModifiedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Locations", x => x.Id);
            t.ForeignKey("FK_Locations_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Locations_OrganisationId", "Locations", "OrganisationId");

        m.CreateTable("Addresses", t => new
        {
            Id = t.Column<Guid>(),
            LocationId = t.Column<Guid>(),
            Attention = t.Column<string>(nullable: true),
            Address1 = t.Column<string>(),
            Address2 = t.Column<string>(nullable: true),
            City = t.Column<string>(maxLength: 100),
            Region = t.Column<string>(maxLength: 100, nullable: true),
            StateProvince = t.Column<string>(maxLength: 100, nullable: true),
            PostalCode = t.Column<string>(nullable: true),
            CountryCode = t.Column<string>(maxLength: 2),
            AddressType = t.Column<string>(maxLength: 20),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Addresses", x => x.Id);
            t.ForeignKey("FK_Addresses_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Addresses_CountryCode_City", "Addresses", ["CountryCode", "City"]);
        m.CreateIndex("IX_Addresses_LocationId", "Addresses", "LocationId");

        m.CreateTable("ServiceAtLocations", t => new
        {
            Id = t.Column<Guid>(),
            ServiceId = t.Column<Guid>(),
            LocationId = t.Column<Guid>(),
            Description = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ServiceAtLocations", x => x.Id);
            t.ForeignKey("FK_ServiceAtLocations_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ServiceAtLocations_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ServiceAtLocations_ServiceId_LocationId", "ServiceAtLocations", ["ServiceId", "LocationId"], unique: true);
        m.CreateIndex("IX_ServiceAtLocations_LocationId", "ServiceAtLocations", "LocationId");

        m.CreateTable("Contacts", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(nullable: true),
            ServiceId = t.Column<Guid>(nullable: true),
            LocationId = t.Column<Guid>(nullable: true),
            Name = t.Column<string>(maxLength: 200, nullable: true),
            Title = t.Column<string>(maxLength: 200, nullable: true),
            Department = t.Column<string>(maxLength: 200, nullable: true),
            Email = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Contacts", x => x.Id);
            t.ForeignKey("FK_Contacts_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Contacts_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Contacts_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Contacts_OrganisationId", "Contacts", "OrganisationId");
        m.CreateIndex("IX_Contacts_ServiceId", "Contacts", "ServiceId");
        m.CreateIndex("IX_Contacts_LocationId", "Contacts", "LocationId");

        m.CreateTable("Phones", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(nullable: true),
            ServiceId = t.Column<Guid>(nullable: true),
            LocationId = t.Column<Guid>(nullable: true),
            ContactId = t.Column<Guid>(nullable: true),
            Number = t.Column<string>(maxLength: 40),
            Extension = t.Column<string>(maxLength: 10, nullable: true),
            Type = t.Column<string>(maxLength: 20, nullable: true),
            Description = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Phones", x => x.Id);
            t.ForeignKey("FK_Phones_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Phones_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Phones_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Phones_Contacts_ContactId", x => x.ContactId, "Contacts", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Phones_OrganisationId", "Phones", "OrganisationId");
        m.CreateIndex("IX_Phones_ServiceId", "Phones", "ServiceId");
        m.CreateIndex("IX_Phones_LocationId", "Phones", "LocationId");
        m.CreateIndex("IX_Phones_ContactId", "Phones", "ContactId");

        m.CreateTable("Schedules", t => new
        {
            Id = t.Column<Guid>(),
            ServiceId = t.Column<Guid>(nullable: true),
            LocationId = t.Column<Guid>(nullable: true),
            ByDay = t.Column<string>(maxLength: 30),
            OpensAt = t.Column<TimeOnly>(nullable: true),
            ClosesAt = t.Column<TimeOnly>(nullable: true),
            Description = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Schedules", x => x.Id);
            t.ForeignKey("FK_Schedules_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Schedules_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Schedules_ServiceId", "Schedules", "ServiceId");
        m.CreateIndex("IX_Schedules_LocationId", "Schedules", "LocationId");

        m.CreateTable("ServiceLanguages", t => new
        {
            Id = t.Column<Guid>(),
            ServiceId = t.Column<Guid>(),
            Code = t.Column<string>(maxLength: 3),
            Note = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ServiceLanguages", x => x.Id);
            t.ForeignKey("FK_ServiceLanguages_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ServiceLanguages_Code_ServiceId", "ServiceLanguages", ["Code", "ServiceId"]);
        m.CreateIndex("IX_ServiceLanguages_ServiceId", "ServiceLanguages", "ServiceId");

        m.CreateTable("Accessibility", t => new
        {
            Id = t.Column<Guid>(),
            LocationId = t.Column<Guid>(),
            Description = t.Column<string>(maxLength: 500, nullable: true),
            Details = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Accessibility", x => x.Id);
            t.ForeignKey("FK_Accessibility_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Accessibility_LocationId", "Accessibility", "LocationId");

        m.CreateTable("ServiceAreas", t => new
        {
            Id = t.Column<Guid>(),
            ServiceId = t.Column<Guid>(),
            CountryCode = t.Column<string>(maxLength: 2),
            Name = t.Column<string>(maxLength: 100, nullable: true),
            Description = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ServiceAreas", x => x.Id);
            t.ForeignKey("FK_ServiceAreas_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ServiceAreas_CountryCode_ServiceId", "ServiceAreas", ["CountryCode", "ServiceId"]);
        m.CreateIndex("IX_ServiceAreas_ServiceId", "ServiceAreas", "ServiceId");

        m.CreateTable("CostOptions", t => new
        {
            Id = t.Column<Guid>(),
            ServiceId = t.Column<Guid>(),
            Option = t.Column<string>(maxLength: 200, nullable: true),
            Amount = t.Column<decimal>(precision: 12, scale: 2, nullable: true),
            Currency = t.Column<string>(maxLength: 3, nullable: true),
            AmountDescription = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CostOptions", x => x.Id);
            t.ForeignKey("FK_CostOptions_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CostOptions_ServiceId", "CostOptions", "ServiceId");

        m.CreateTable("RequiredDocuments", t => new
        {
            Id = t.Column<Guid>(),
            ServiceId = t.Column<Guid>(),
            Document = t.Column<string>(maxLength: 200),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RequiredDocuments", x => x.Id);
            t.ForeignKey("FK_RequiredDocuments_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_RequiredDocuments_ServiceId", "RequiredDocuments", "ServiceId");

        m.CreateTable("Taxonomies", t => new
        {
            Id = t.Column<Guid>(),
            Name = t.Column<string>(maxLength: 200),
            Description = t.Column<string>(maxLength: 1000),
            Uri = t.Column<string>(maxLength: 500, nullable: true),
            Version = t.Column<string>(maxLength: 20, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Taxonomies", x => x.Id));

        m.CreateTable("TaxonomyTerms", t => new
        {
            Id = t.Column<Guid>(),
            TaxonomyId = t.Column<Guid>(),
            Code = t.Column<string>(maxLength: 60),
            Name = t.Column<string>(maxLength: 200),
            Description = t.Column<string>(maxLength: 1000),
            ParentId = t.Column<Guid>(nullable: true),
            Language = t.Column<string>(maxLength: 3, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TaxonomyTerms", x => x.Id);
            t.ForeignKey("FK_TaxonomyTerms_Taxonomies_TaxonomyId", x => x.TaxonomyId, "Taxonomies", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_TaxonomyTerms_TaxonomyTerms_ParentId", x => x.ParentId, "TaxonomyTerms", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_TaxonomyTerms_TaxonomyId_Code", "TaxonomyTerms", ["TaxonomyId", "Code"], unique: true);
        m.CreateIndex("IX_TaxonomyTerms_ParentId", "TaxonomyTerms", "ParentId");

        m.CreateTable("ServiceTerms", t => new
        {
            Id = t.Column<Guid>(),
            ServiceId = t.Column<Guid>(),
            TaxonomyTermId = t.Column<Guid>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ServiceTerms", x => x.Id);
            t.ForeignKey("FK_ServiceTerms_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ServiceTerms_TaxonomyTerms_TaxonomyTermId", x => x.TaxonomyTermId, "TaxonomyTerms", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ServiceTerms_TaxonomyTermId_ServiceId", "ServiceTerms", ["TaxonomyTermId", "ServiceId"], unique: true);
        m.CreateIndex("IX_ServiceTerms_ServiceId", "ServiceTerms", "ServiceId");

        m.CreateTable("Units", t => new
        {
            Id = t.Column<Guid>(),
            Name = t.Column<string>(maxLength: 100),
            Scheme = t.Column<string>(maxLength: 50, nullable: true),
            Identifier = t.Column<string>(maxLength: 50, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Units", x => x.Id));

        m.CreateTable("ServiceCapacities", t => new
        {
            Id = t.Column<Guid>(),
            ServiceId = t.Column<Guid>(),
            UnitId = t.Column<Guid>(),
            Available = t.Column<int>(),
            Maximum = t.Column<int>(nullable: true),
            Description = t.Column<string>(maxLength: 500, nullable: true),
            UpdatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ServiceCapacities", x => x.Id);
            t.ForeignKey("FK_ServiceCapacities_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ServiceCapacities_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ServiceCapacities_ServiceId_UnitId", "ServiceCapacities", ["ServiceId", "UnitId"], unique: true);
        m.CreateIndex("IX_ServiceCapacities_UnitId", "ServiceCapacities", "UnitId");
    }
}
