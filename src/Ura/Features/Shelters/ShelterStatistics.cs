using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Shelters;

/// <summary>What the occupancy figures need of a stay: no name, no case, no reference.</summary>
public sealed record StayFacts(Guid FacilityId, DateOnly AdmittedOn, DateOnly? DischargedOn, DischargeDestination? Destination);

/// <summary>How many people left for one destination.</summary>
public sealed record DestinationCount(DischargeDestination Destination, int Count);

/// <summary>
/// Occupancy and length of stay of one facility or of a country's facilities over a period.
/// <see cref="OccupancyRate"/> is a fraction (0.75 = 75 %), null when no bed-night was in service.
/// </summary>
public sealed record OccupancyFigures(
    int BedNightsInService, int BedNightsOccupied, double? OccupancyRate, int Admissions, int Discharges,
    IReadOnlyList<DestinationCount> DischargesByDestination, double? AverageStayNights, double? MedianStayNights, int CurrentResidents);

/// <summary>
/// The occupancy and length-of-stay rules, in one place for the page, the API and the reports:
/// <list type="bullet">
/// <item>A night is the date it starts. The period runs from <c>from</c> to <c>to</c> inclusive, but never past
/// today: nights not yet lived are neither available nor occupied.</item>
/// <item>Bed-nights in service: the beds not out of service now, times the nights of the period (bed history is
/// not kept, so a bed taken out of service counts as out of service for the whole period).</item>
/// <item>Occupied bed-nights: for each stay, the nights from admission up to the night before discharge; a
/// resident still staying counts up to and including tonight.</item>
/// <item>Admissions: stays admitted in the period. Discharges: stays discharged in the period, by destination.</item>
/// <item>Length of stay (average and median): nights of the stays discharged in the period.</item>
/// <item>Current residents: stays not discharged, whatever the period.</item>
/// </list>
/// </summary>
public static class OccupancyStatistics
{
    public static OccupancyFigures Compute(int bedsInService, IEnumerable<StayFacts> stays, DateOnly from, DateOnly to, DateOnly today)
    {
        var all = stays.ToList();
        var last = to < today ? to : today;
        var nights = Math.Max(0, last.DayNumber - from.DayNumber + 1);
        var inService = bedsInService * nights;
        var occupied = all.Sum(s =>
        {
            var start = s.AdmittedOn > from ? s.AdmittedOn : from;
            var end = s.DischargedOn is { } out_ ? out_.AddDays(-1) : today;
            if (end > last)
                end = last;
            return Math.Max(0, end.DayNumber - start.DayNumber + 1);
        });
        var discharged = all.Where(s => s.DischargedOn is { } d && d >= from && d <= to).ToList();
        var lengths = discharged.Select(s => (double)Math.Max(0, s.DischargedOn!.Value.DayNumber - s.AdmittedOn.DayNumber)).Order().ToList();
        return new OccupancyFigures(
            inService, occupied, inService == 0 ? null : (double)occupied / inService,
            all.Count(s => s.AdmittedOn >= from && s.AdmittedOn <= to),
            discharged.Count,
            [.. Enum.GetValues<DischargeDestination>().Select(d => new DestinationCount(d, discharged.Count(s => (s.Destination ?? DischargeDestination.Other) == d)))],
            lengths.Count == 0 ? null : lengths.Average(),
            Median(lengths),
            all.Count(s => s.DischargedOn is null && s.AdmittedOn <= today));
    }

    /// <summary>The middle value of sorted numbers; the mean of the two middle ones when their count is even.</summary>
    public static double? Median(IReadOnlyList<double> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    };
}

/// <summary>The period and country asked for; from/to default to the last 30 days.</summary>
public sealed class StatisticsQuery
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>ISO 3166 alpha-2: only facilities in this country (within what the user may see).</summary>
    public string? Country { get; set; }
}

public sealed record FacilityStatistics(Guid FacilityId, string Name, string OrganisationName, string CountryCode, string City, int BedsInService, OccupancyFigures Figures);

public sealed record CountryStatistics(string CountryCode, int Facilities, int BedsInService, OccupancyFigures Figures);

public sealed record ShelterStatisticsView(DateOnly From, DateOnly To, IReadOnlyList<FacilityStatistics> Facilities, IReadOnlyList<CountryStatistics> Countries);

/// <summary>
/// Occupancy figures per facility and per country for the facilities the user may see: shelter
/// managers and supervisors their organisation's, national coordinators their country's, analysts
/// every country of this node (the widest of the user's roles applies). Three queries whatever the
/// number of facilities; stays are read without any personal field.
/// </summary>
public sealed class ShelterStatisticsReport(UraDbContext db, CurrentUser user, TimeProvider clock)
{
    public const int MaxDays = 3660;

    public async Task<CommandResult<ShelterStatisticsView>> ComputeAsync(StatisticsQuery query, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = query.To ?? today;
        var from = query.From ?? to.AddDays(-29);
        var errors = new List<RuleError>();
        if (from > to)
            errors.Add(new(nameof(query.From), "Shelters.Statistics.FromAfterTo"));
        else if (to.DayNumber - from.DayNumber >= MaxDays)
            errors.Add(new(nameof(query.To), "Shelters.Statistics.PeriodTooLong"));
        if (!string.IsNullOrEmpty(query.Country) && !PersonRules.IsCountry(query.Country))
            errors.Add(new(nameof(query.Country), "Cases.Person.UnknownCountry"));
        if (errors.Count > 0)
            return CommandResult<ShelterStatisticsView>.Refused([.. errors]);

        var scope = Scope();
        if (!string.IsNullOrEmpty(query.Country))
            scope = scope.Where(f => f.CountryCode == query.Country);
        var facilities = await (
            from f in scope
            join o in db.Organisations on f.OrganisationId equals o.Id
            orderby f.CountryCode, o.Name, f.Name, f.Id
            select new { f.Id, f.Name, OrganisationName = o.Name, f.CountryCode, f.City }).ToListAsync(ct);
        var beds = await db.ShelterBeds.AsNoTracking()
            .Where(b => b.Status != BedStatus.OutOfService && scope.Any(f => f.Id == b.FacilityId))
            .GroupBy(b => b.FacilityId).Select(g => new { FacilityId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.FacilityId, g => g.Count, ct);
        var stays = await db.ShelterStays.AsNoTracking()
            .Where(s => scope.Any(f => f.Id == s.FacilityId) && (s.DischargedOn == null || (s.AdmittedOn <= to && s.DischargedOn >= from)))
            .Select(s => new StayFacts(s.FacilityId, s.AdmittedOn, s.DischargedOn, s.Destination))
            .ToListAsync(ct);
        var byFacility = stays.ToLookup(s => s.FacilityId);

        var rows = facilities.Select(f => new FacilityStatistics(f.Id, f.Name, f.OrganisationName, f.CountryCode, f.City, beds.GetValueOrDefault(f.Id),
            OccupancyStatistics.Compute(beds.GetValueOrDefault(f.Id), byFacility[f.Id], from, to, today))).ToList();
        var countries = rows.GroupBy(r => r.CountryCode).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var ids = g.Select(r => r.FacilityId).ToHashSet();
            var inService = g.Sum(r => r.BedsInService);
            return new CountryStatistics(g.Key, g.Count(), inService, OccupancyStatistics.Compute(inService, stays.Where(s => ids.Contains(s.FacilityId)), from, to, today));
        }).ToList();
        return CommandResult<ShelterStatisticsView>.Done(new ShelterStatisticsView(from, to, rows, countries));
    }

    /// <summary>The facilities the user's widest role may see; none for a role outside the statistics policy.</summary>
    private IQueryable<ShelterFacility> Scope()
    {
        var facilities = db.ShelterFacilities.AsNoTracking();
        if (user.IsInRole(Roles.Analyst))
            return facilities;
        if (user.IsInRole(Roles.NationalCoordinator) && user.CountryCode is { } country)
            return facilities.Where(f => f.CountryCode == country);
        if ((user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.ShelterManager)) && user.OrganisationId is { } organisation)
            return facilities.Where(f => f.OrganisationId == organisation);
        return facilities.Where(f => false);
    }
}
