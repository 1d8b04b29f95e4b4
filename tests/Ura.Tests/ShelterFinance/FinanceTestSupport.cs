using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Features.Shelters;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.ShelterFinance;

/// <summary>The demo emergency shelter in Albania, its API addresses and a fingerprint of its financial rows.</summary>
internal static class FinanceTestSupport
{
    public static readonly Guid Facility = DemoShelters.FacilityId("AL", "emergency");
    public static readonly string Manager = Demo.Email("sheltermanager");

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Api(int year, Guid? facility = null) => $"/api/v1/shelters/facilities/{facility ?? Facility}/finance/{year}";

    public static string Page(int year, Guid? facility = null) => $"/shelters/{facility ?? Facility}/finance?year={year}";

    public static object Lines(params (string Category, decimal? Amount)[] lines) =>
        new { lines = lines.Select(l => new { category = l.Category, amount = l.Amount }).ToArray() };

    public static async Task<FinancialPlan> PlanAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<FinancialPlan>(JsonOptions))!;

    /// <summary>Every budget line, cost and funding source of the facility with its values: equal before and after means nothing changed.</summary>
    public static Task<string> FinanceRowsAsync(this UraFactory factory, Guid? facility = null) =>
        factory.WithDb(async db =>
        {
            var id = facility ?? Facility;
            var budget = await db.ShelterBudgetLines.Where(b => b.FacilityId == id).Select(b => $"B {b.Id} {b.Year} {b.Category} {b.Amount} {b.UpdatedAt:O}").ToListAsync();
            var costs = await db.ShelterMonthlyCosts.Where(c => c.FacilityId == id).Select(c => $"C {c.Id} {c.Year}-{c.Month} {c.Category} {c.Amount} {c.UpdatedAt:O}").ToListAsync();
            var funding = await db.ShelterFundingSources.Where(f => f.FacilityId == id).Select(f => $"F {f.Id} {f.Year} {f.Kind} {f.Name} {f.Committed} {f.Expected} {f.UpdatedAt:O}").ToListAsync();
            return string.Join("\n", budget.Concat(costs).Concat(funding).Order(StringComparer.Ordinal));
        });

    /// <summary>A past stay in one of the facility's beds, written straight to the table as the residents' pages would.</summary>
    public static Task AddStayAsync(this UraFactory factory, DateOnly admitted, DateOnly? discharged) =>
        factory.WithDb(async db =>
        {
            var bed = await db.ShelterBeds.Where(b => b.FacilityId == Facility).OrderBy(b => b.Id).FirstAsync();
            var manager = await factory.UserAsync(Manager);
            db.ShelterStays.Add(new Stay
            {
                FacilityId = Facility, OrganisationId = bed.OrganisationId, BedId = bed.Id, Reference = "AL-TEST-" + admitted.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                FirstName = "Resident", AgeBand = AgeBand.From25To34, Gender = Gender.Feminine, AdmittedOn = admitted, DischargedOn = discharged,
                Destination = discharged is null ? null : DischargeDestination.Family, AdmittedById = manager.Id, CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
}
