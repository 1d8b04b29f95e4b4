using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>Shelters: facilities, their standards, beds, residents' stays and moves, and the financial plan.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261123000023_Shelters")]
public sealed class Shelters : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ShelterFacilities", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            ServiceId = t.Column<Guid>(),
            LocationId = t.Column<Guid>(),
            Name = t.Column<string>(maxLength: 200),
            Type = t.Column<string>(maxLength: 40),
            Populations = t.Column<string>(maxLength: 200),
            WheelchairAccessible = t.Column<bool>(),
            Rules = t.Column<string>(maxLength: 4000, nullable: true),
            Currency = t.Column<string>(maxLength: 3),
            CountryCode = t.Column<string>(maxLength: 2),
            City = t.Column<string>(maxLength: 100),
            Region = t.Column<string>(maxLength: 100, nullable: true),
            IsActive = t.Column<bool>(),
            CreatedAt = t.Column<DateTime>(),
            ModifiedAt = t.Column<DateTime>(),
            CapacityUpdatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ShelterFacilities", x => x.Id);
            t.ForeignKey("FK_ShelterFacilities_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ShelterFacilities_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ShelterFacilities_Locations_LocationId", x => x.LocationId, "Locations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ShelterFacilities_OrganisationId_Name", "ShelterFacilities", ["OrganisationId", "Name"]);
        m.CreateIndex("IX_ShelterFacilities_IsActive_CountryCode_City", "ShelterFacilities", ["IsActive", "CountryCode", "City"]);
        m.CreateIndex("IX_ShelterFacilities_ServiceId", "ShelterFacilities", "ServiceId");
        m.CreateIndex("IX_ShelterFacilities_LocationId", "ShelterFacilities", "LocationId");

        m.CreateTable("ShelterStandards", t => new
        {
            Id = t.Column<Guid>(),
            FacilityId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Code = t.Column<string>(maxLength: 40),
            Level = t.Column<string>(maxLength: 20),
            Evidence = t.Column<string>(maxLength: 2000, nullable: true),
            ReviewOn = t.Column<DateOnly>(nullable: true),
            UpdatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ShelterStandards", x => x.Id);
            t.ForeignKey("FK_ShelterStandards_ShelterFacilities_FacilityId", x => x.FacilityId, "ShelterFacilities", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ShelterStandards_FacilityId_Code", "ShelterStandards", ["FacilityId", "Code"], unique: true);

        m.CreateTable("ShelterBeds", t => new
        {
            Id = t.Column<Guid>(),
            FacilityId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Room = t.Column<string>(maxLength: 60),
            Label = t.Column<string>(maxLength: 60),
            Type = t.Column<string>(maxLength: 20),
            Status = t.Column<string>(maxLength: 20),
            HoldReferralId = t.Column<Guid>(nullable: true),
            HeldUntil = t.Column<DateTime>(nullable: true),
            StatusChangedAt = t.Column<DateTime>(),
            Version = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ShelterBeds", x => x.Id);
            t.ForeignKey("FK_ShelterBeds_ShelterFacilities_FacilityId", x => x.FacilityId, "ShelterFacilities", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ShelterBeds_FacilityId_Status_Type", "ShelterBeds", ["FacilityId", "Status", "Type"]);
        m.CreateIndex("IX_ShelterBeds_Status_HeldUntil", "ShelterBeds", ["Status", "HeldUntil"]);
        m.CreateIndex("IX_ShelterBeds_HoldReferralId", "ShelterBeds", "HoldReferralId");

        m.CreateTable("ShelterStays", t => new
        {
            Id = t.Column<Guid>(),
            FacilityId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            BedId = t.Column<Guid>(),
            CaseId = t.Column<Guid>(nullable: true),
            ReferralId = t.Column<Guid>(nullable: true),
            Reference = t.Column<string>(maxLength: 40),
            FirstName = t.Column<string>(),
            AgeBand = t.Column<string>(maxLength: 20),
            Gender = t.Column<string>(maxLength: 30),
            Needs = t.Column<string>(nullable: true),
            AdmittedOn = t.Column<DateOnly>(),
            DischargedOn = t.Column<DateOnly>(nullable: true),
            Destination = t.Column<string>(maxLength: 30, nullable: true),
            DischargeNote = t.Column<string>(nullable: true),
            AdmittedById = t.Column<Guid>(),
            DischargedById = t.Column<Guid>(nullable: true),
            CreatedAt = t.Column<DateTime>(),
            Version = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ShelterStays", x => x.Id);
            t.ForeignKey("FK_ShelterStays_ShelterFacilities_FacilityId", x => x.FacilityId, "ShelterFacilities", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ShelterStays_ShelterBeds_BedId", x => x.BedId, "ShelterBeds", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ShelterStays_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ShelterStays_Referrals_ReferralId", x => x.ReferralId, "Referrals", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ShelterStays_FacilityId_AdmittedOn", "ShelterStays", ["FacilityId", "AdmittedOn"]);
        m.CreateIndex("IX_ShelterStays_FacilityId_DischargedOn", "ShelterStays", ["FacilityId", "DischargedOn"]);
        m.CreateIndex("IX_ShelterStays_BedId", "ShelterStays", "BedId");
        m.CreateIndex("IX_ShelterStays_CaseId", "ShelterStays", "CaseId");
        m.CreateIndex("IX_ShelterStays_ReferralId", "ShelterStays", "ReferralId");

        m.CreateTable("ShelterBedMoves", t => new
        {
            Id = t.Column<Guid>(),
            StayId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            FromBedId = t.Column<Guid>(),
            ToBedId = t.Column<Guid>(),
            MovedOn = t.Column<DateOnly>(),
            MovedById = t.Column<Guid>(),
            At = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ShelterBedMoves", x => x.Id);
            t.ForeignKey("FK_ShelterBedMoves_ShelterStays_StayId", x => x.StayId, "ShelterStays", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ShelterBedMoves_ShelterBeds_FromBedId", x => x.FromBedId, "ShelterBeds", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ShelterBedMoves_ShelterBeds_ToBedId", x => x.ToBedId, "ShelterBeds", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ShelterBedMoves_StayId_MovedOn", "ShelterBedMoves", ["StayId", "MovedOn"]);
        m.CreateIndex("IX_ShelterBedMoves_FromBedId", "ShelterBedMoves", "FromBedId");
        m.CreateIndex("IX_ShelterBedMoves_ToBedId", "ShelterBedMoves", "ToBedId");

        m.CreateTable("ShelterBudgetLines", t => new
        {
            Id = t.Column<Guid>(),
            FacilityId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Year = t.Column<int>(),
            Category = t.Column<string>(maxLength: 20),
            Amount = t.Column<decimal>(precision: 14, scale: 2),
            UpdatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ShelterBudgetLines", x => x.Id);
            t.ForeignKey("FK_ShelterBudgetLines_ShelterFacilities_FacilityId", x => x.FacilityId, "ShelterFacilities", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ShelterBudgetLines_FacilityId_Year_Category", "ShelterBudgetLines", ["FacilityId", "Year", "Category"], unique: true);

        m.CreateTable("ShelterMonthlyCosts", t => new
        {
            Id = t.Column<Guid>(),
            FacilityId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Year = t.Column<int>(),
            Month = t.Column<int>(),
            Category = t.Column<string>(maxLength: 20),
            Amount = t.Column<decimal>(precision: 14, scale: 2),
            UpdatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ShelterMonthlyCosts", x => x.Id);
            t.ForeignKey("FK_ShelterMonthlyCosts_ShelterFacilities_FacilityId", x => x.FacilityId, "ShelterFacilities", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ShelterMonthlyCosts_FacilityId_Year_Month_Category", "ShelterMonthlyCosts", ["FacilityId", "Year", "Month", "Category"], unique: true);

        m.CreateTable("ShelterFundingSources", t => new
        {
            Id = t.Column<Guid>(),
            FacilityId = t.Column<Guid>(),
            OrganisationId = t.Column<Guid>(),
            Year = t.Column<int>(),
            Kind = t.Column<string>(maxLength: 20),
            Name = t.Column<string>(maxLength: 200),
            Committed = t.Column<decimal>(precision: 14, scale: 2),
            Expected = t.Column<decimal>(precision: 14, scale: 2),
            UpdatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ShelterFundingSources", x => x.Id);
            t.ForeignKey("FK_ShelterFundingSources_ShelterFacilities_FacilityId", x => x.FacilityId, "ShelterFacilities", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ShelterFundingSources_FacilityId_Year", "ShelterFundingSources", ["FacilityId", "Year"]);
    }
}
