using Ura.Features.Cases;
using Ura.Features.Identification;
using Ura.Platform.Data;

namespace Ura.Tests.Reports;

/// <summary>Known cases for exact report figures, added to an organisation the test has just created.</summary>
internal static class ReportSeed
{
    /// <summary>
    /// 9 cases opened on 2025-03-10 (7 women, 2 men, citizens of <paramref name="citizenship"/>); 6 of the women identified
    /// on 2025-03-20 (10 days later); 8 medical services of 12.50 on 2025-03-15 and 3 legal ones of 40 on 2025-03-16.
    /// </summary>
    public static void AddCases(UraDbContext db, Guid organisationId, string citizenship)
    {
        var opened = new DateTime(2025, 3, 10, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 9; i++)
        {
            var @case = new Case { OrganisationId = organisationId, Reference = "T" + Guid.NewGuid().ToString("N")[..12], OpenedAt = opened, UpdatedAt = opened };
            db.Cases.Add(@case);
            db.Persons.Add(new Person
            {
                OrganisationId = organisationId, CaseId = @case.Id, GivenNames = "Test", FamilyName = "Person", BirthDate = "1990-01-01",
                BirthYearHash = "x", Gender = i < 7 ? Gender.Feminine : Gender.Masculine, AgeBand = AgeBand.From25To34, Citizenships = citizenship,
                RegisteredAt = opened,
            });
            if (i < 6)
            {
                db.IdentificationSubmissions.Add(new IdentificationSubmission
                {
                    CaseId = @case.Id, OrganisationId = organisationId, AuthorityId = organisationId, SubmittedAt = opened, SubmittedById = Guid.NewGuid(),
                    Statement = "s", Decision = TraffickingStatus.ActualVictimOfTrafficking, DecidedOn = new DateOnly(2025, 3, 20), DecidedAt = opened.AddDays(10),
                });
            }
            if (i < 8)
                db.ServiceDeliveries.Add(Service(@case.Id, organisationId, ServiceType.Medical, new DateOnly(2025, 3, 15), 12.50m, opened));
            if (i < 3)
                db.ServiceDeliveries.Add(Service(@case.Id, organisationId, ServiceType.LegalCounselling, new DateOnly(2025, 3, 16), 40m, opened));
        }
    }

    private static ServiceDelivery Service(Guid caseId, Guid organisationId, ServiceType type, DateOnly on, decimal cost, DateTime recorded) => new()
    {
        CaseId = caseId, OrganisationId = organisationId, ProviderOrganisationId = organisationId, Type = type,
        DeliveredOn = on, Cost = cost, Currency = "EUR", RecordedAt = recorded, UpdatedAt = recorded,
    };
}
