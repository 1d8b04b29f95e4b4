using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Reports;
using Ura.Platform;
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

/// <summary>How many people left for one destination; null when hidden.</summary>
public sealed record DestinationFigure(DischargeDestination Destination, int? Count);

/// <summary>
/// The figures as shown: <see cref="OccupancyFigures"/>, with null wherever small-number protection hides a figure
/// (never for the capacity, which is about beds, not people). <see cref="OccupancyRate"/> is hidden with the occupied
/// bed-nights; <see cref="LengthOfStayHidden"/> tells a hidden average and median from no discharge at all.
/// </summary>
public sealed record ShelterFigures(
    int BedNightsInService, int? BedNightsOccupied, double? OccupancyRate, int? Admissions, int? Discharges,
    IReadOnlyList<DestinationFigure> DischargesByDestination, double? AverageStayNights, double? MedianStayNights, bool LengthOfStayHidden, int? CurrentResidents)
{
    public static ShelterFigures Exact(OccupancyFigures f) => new(
        f.BedNightsInService, f.BedNightsOccupied, f.OccupancyRate, f.Admissions, f.Discharges,
        [.. f.DischargesByDestination.Select(d => new DestinationFigure(d.Destination, d.Count))], f.AverageStayNights, f.MedianStayNights, false, f.CurrentResidents);
}

public sealed record FacilityStatistics(Guid FacilityId, string Name, string OrganisationName, string CountryCode, string City, int BedsInService, ShelterFigures Figures);

public sealed record CountryStatistics(string CountryCode, int Facilities, int BedsInService, ShelterFigures Figures);

/// <summary>
/// The statistics of a period. <see cref="Protected"/>: the figures about residents went through small-number
/// protection with <see cref="Threshold"/> (national coordinators and analysts); shelter managers and supervisors
/// see their own organisation's shelters exactly.
/// </summary>
public sealed record ShelterStatisticsView(
    DateOnly From, DateOnly To, IReadOnlyList<FacilityStatistics> Facilities, IReadOnlyList<CountryStatistics> Countries, bool Protected, int Threshold,
    int RoundTo);

/// <summary>
/// Occupancy figures per facility and per country for the facilities the user may see: shelter
/// managers and supervisors their organisation's, national coordinators their country's, analysts
/// every country of this node (the widest of the user's roles applies). Three queries whatever the
/// number of facilities; stays are read without any personal field. Figures about residents shown to a national
/// coordinator or an analyst go through <see cref="SmallNumbers"/> (see <see cref="ShelterStatisticsProtection"/>).
/// </summary>
public sealed class ShelterStatisticsReport(UraDbContext db, CurrentUser user, TimeProvider clock, IOptions<UraOptions> options)
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
        if (Protected)
            (from, to) = Reports.Indicators.IndicatorReport.WholeMonths(from, to);

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

        var protection = options.Value.Reports;
        var rows = new List<FacilityStatistics>();
        var countries = new List<CountryStatistics>();
        foreach (var country in facilities.GroupBy(f => f.CountryCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = country.ToList();
            var exact = members.Select(f => OccupancyStatistics.Compute(beds.GetValueOrDefault(f.Id), byFacility[f.Id], from, to, today)).ToList();
            var inService = members.Sum(f => beds.GetValueOrDefault(f.Id));
            var whole = OccupancyStatistics.Compute(inService, stays.Where(s => members.Any(f => f.Id == s.FacilityId)), from, to, today);
            var (shown, total) = Protected
                ? ShelterStatisticsProtection.Protect(exact, whole, [.. members.Select(f => StaysBehindBedNights(byFacility[f.Id], from, to, today))],
                    protection.SmallNumberThreshold, protection.RoundTo)
                : ([.. exact.Select(ShelterFigures.Exact)], ShelterFigures.Exact(whole));
            rows.AddRange(members.Select((f, i) => new FacilityStatistics(f.Id, f.Name, f.OrganisationName, f.CountryCode, f.City, beds.GetValueOrDefault(f.Id), shown[i])));
            countries.Add(new CountryStatistics(country.Key, members.Count, inService, total));
        }
        return CommandResult<ShelterStatisticsView>.Done(new ShelterStatisticsView(from, to, rows, countries, Protected, protection.SmallNumberThreshold,
            Protected ? protection.RoundTo : 1));
    }

    /// <summary>
    /// A national coordinator's or an analyst's figures leave the shelters' own teams, so they are protected: whole
    /// months, small numbers hidden, counts rounded. A shelter manager or supervisor sees their own organisation's
    /// shelters exactly, for any days.
    /// </summary>
    public bool Protected => user.IsInRole(Roles.Analyst) || user.IsInRole(Roles.NationalCoordinator);

    /// <summary>The stays that spent at least one night of the period in the facility: the people behind its bed-nights.</summary>
    private static int StaysBehindBedNights(IEnumerable<StayFacts> stays, DateOnly from, DateOnly to, DateOnly today) =>
        stays.Count(s => OccupancyStatistics.Compute(0, [s], from, to, today).BedNightsOccupied > 0);

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

/// <summary>
/// Small-number protection of one country's shelter figures: its facilities and their total (the country row).
/// <list type="bullet">
/// <item>Admissions, current residents and the people behind the occupied bed-nights: each a list of the facilities
/// with the country as total, through <see cref="SmallNumbers.Protect(IReadOnlyList{int}, int, int)"/>. Occupied
/// bed-nights and the occupancy rate are hidden wherever the number of people behind them is; otherwise the rate is
/// computed from the rounded bed-nights.</item>
/// <item>Discharges: a table of facilities by destination, whose row totals are the facilities' discharges, column
/// totals the country's discharges by destination and grand total the country's discharges, through
/// <see cref="SmallNumbers.Protect(int[,], int, int)"/>.</item>
/// <item>Every count and occupied bed-nights shown are rounded to the nearest <c>roundTo</c>.</item>
/// <item>Average and median length of stay: hidden when fewer discharges than the threshold are behind them.</item>
/// <item>Beds and bed-nights in service describe the shelter, not its residents, and are shown.</item>
/// </list>
/// </summary>
public static class ShelterStatisticsProtection
{
    public static (List<ShelterFigures> Facilities, ShelterFigures Country) Protect(
        IReadOnlyList<OccupancyFigures> facilities, OccupancyFigures country, IReadOnlyList<int> staysBehindBedNights, int threshold, int roundTo = 1)
    {
        var admissions = SmallNumbers.Protect([.. facilities.Select(f => f.Admissions)], threshold, roundTo);
        var current = SmallNumbers.Protect([.. facilities.Select(f => f.CurrentResidents)], threshold, roundTo);
        var people = SmallNumbers.Protect(staysBehindBedNights, threshold, roundTo);
        var destinations = Enum.GetValues<DischargeDestination>();
        var cells = new int[facilities.Count, destinations.Length];
        for (var i = 0; i < facilities.Count; i++)
        {
            for (var d = 0; d < destinations.Length; d++)
                cells[i, d] = facilities[i].DischargesByDestination.Single(c => c.Destination == destinations[d]).Count;
        }
        var discharges = SmallNumbers.Protect(cells, threshold, roundTo);

        ShelterFigures Shown(OccupancyFigures f, int? admitted, int? residents, bool nightsShown, int? discharged, Func<int, int?> destination) => new(
            f.BedNightsInService,
            nightsShown ? SmallNumbers.Round(f.BedNightsOccupied, roundTo) : null,
            nightsShown && f.BedNightsInService > 0 ? (double)SmallNumbers.Round(f.BedNightsOccupied, roundTo) / f.BedNightsInService : null,
            admitted, discharged,
            [.. destinations.Select((d, i) => new DestinationFigure(d, destination(i)))],
            f.Discharges >= threshold ? f.AverageStayNights : null,
            f.Discharges >= threshold ? f.MedianStayNights : null,
            f.Discharges is > 0 && f.Discharges < threshold,
            residents);

        var shown = facilities.Select((f, i) => Shown(f, admissions[i], current[i], people[i] is not null, discharges.RowTotal(i), d => discharges.Cell(i, d))).ToList();
        var total = Shown(country, admissions.Total, current.Total, people.Total is not null, discharges.Total, discharges.ColumnTotal);
        return (shown, total);
    }
}
