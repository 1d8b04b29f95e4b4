using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>
/// Covering indexes for the dashboards and indicator reports, measured on 100,000 cases (bench/README.md):
/// cases opened in a period by status, people by sex and age band, a case's first victim decision, and the
/// cost of services in a period are answered from the indexes without reading the rows.
/// </summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261124000001_ReportIndexes")]
public sealed class ReportIndexes : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.DropIndex("IX_Cases_OrganisationId_OpenedAt", "Cases");
        m.CreateIndex("IX_Cases_OrganisationId_OpenedAt_TraffickingStatus_Id", "Cases", ["OrganisationId", "OpenedAt", "TraffickingStatus", "Id"]);
        m.DropIndex("IX_IdentificationSubmissions_CaseId", "IdentificationSubmissions");
        m.CreateIndex("IX_IdentificationSubmissions_CaseId_Decision_DecidedOn", "IdentificationSubmissions", ["CaseId", "Decision", "DecidedOn"]);
        m.CreateIndex("IX_Persons_CaseId_Gender_AgeBand", "Persons", ["CaseId", "Gender", "AgeBand"]);
        m.CreateIndex("IX_ServiceDeliveries_OrganisationId_DeliveredOn_Cost", "ServiceDeliveries", ["OrganisationId", "DeliveredOn", "Cost"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_ServiceDeliveries_OrganisationId_DeliveredOn_Cost", "ServiceDeliveries");
        m.DropIndex("IX_Persons_CaseId_Gender_AgeBand", "Persons");
        m.DropIndex("IX_IdentificationSubmissions_CaseId_Decision_DecidedOn", "IdentificationSubmissions");
        m.CreateIndex("IX_IdentificationSubmissions_CaseId", "IdentificationSubmissions", ["CaseId"]);
        m.DropIndex("IX_Cases_OrganisationId_OpenedAt_TraffickingStatus_Id", "Cases");
        m.CreateIndex("IX_Cases_OrganisationId_OpenedAt", "Cases", ["OrganisationId", "OpenedAt"]);
    }
}
