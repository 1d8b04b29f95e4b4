using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Referrals;
using Ura.Platform;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Reports.Tip;

/// <summary>The country and year asked for. Both arrive as text so a bad value gets a clear error, not a binding failure.</summary>
public sealed class TipQuery
{
    /// <summary>ISO 3166 alpha-2; a coordinator's own country when left out.</summary>
    public string? Country { get; set; }

    /// <summary>The calendar year; last year when left out.</summary>
    public string? Year { get; set; }
}

/// <summary>One row of a figure table: a category code (a gender, a service type, a country code...) and its counts.</summary>
/// <param name="Values">One count per column of the table; empty for a list, whose count is <paramref name="Total"/>.</param>
/// <param name="Total">The row's total; null where hidden.</param>
public sealed record TipRow(string Key, IReadOnlyList<int?> Values, int? Total);

/// <summary>
/// One published table of the TIP figures, after small-number protection: null means hidden.
/// <paramref name="Columns"/> is empty for a list (one count per row).
/// </summary>
public sealed record TipTable(string Name, int Section, IReadOnlyList<string> Columns, IReadOnlyList<TipRow> Rows, IReadOnlyList<int?> ColumnTotals, int? Total)
{
    public bool AnyHidden => Total is null || ColumnTotals.Any(t => t is null) || Rows.Any(r => r.Total is null || r.Values.Any(v => v is null));
}

/// <summary>The TIP Report figures of one country and year, each table protected on its own.</summary>
public sealed record TipReportView(string Country, int Year, int SmallNumberThreshold, int RoundTo, IReadOnlyList<TipTable> Tables);

/// <summary>
/// The figures the US State Department's Trafficking in Persons report asks governments for, counted in the
/// database for one country (the organisations based there) and one calendar year:
/// <list type="number">
/// <item>Victims identified: persons whose case received its first formal identification decision as a victim
/// (from an identification authority) dated in the year; by sex and adult or child, by type of exploitation
/// (a person with several types counts in each) and by citizenship (a person with several counts in each).</item>
/// <item>Victims assisted: persons (possible or identified victims) given at least one service of the type in the
/// year, each counted once per type; and once overall.</item>
/// <item>Referrals through the national referral mechanism: referrals sent in the year by the country's
/// organisations, by the kind of receiving organisation and by its answer.</item>
/// </list>
/// Every table goes through <see cref="SmallNumbers"/> with the node's threshold before it leaves.
/// </summary>
public sealed class TipReport(UraDbContext db, CurrentUser user, TimeProvider clock, IOptions<UraOptions> options)
{
    public const int FirstYear = 2000;

    public const string IdentifiedBySexAndAge = "IdentifiedBySexAndAge";
    public const string IdentifiedByExploitation = "IdentifiedByExploitation";
    public const string IdentifiedByNationality = "IdentifiedByNationality";
    public const string AssistedOverall = "AssistedOverall";
    public const string AssistedByService = "AssistedByService";
    public const string ReferralsByReceiver = "ReferralsByReceiver";

    /// <summary>The code of the nationality row for persons whose citizenship is not recorded, and of exploitation not recorded.</summary>
    public const string NotRecorded = "NotRecorded";

    public static readonly IReadOnlyList<string> AgeColumns = ["Adult", "Child"];
    public static readonly IReadOnlyList<string> AnswerColumns = ["Accepted", "Declined", "NotDecided"];

    private int Threshold => options.Value.Reports.SmallNumberThreshold;
    private int RoundTo => options.Value.Reports.RoundTo;

    public int DefaultYear => clock.GetUtcNow().Year - 1;

    /// <summary>The country a coordinator reports on when none is given: their own.</summary>
    public string? DefaultCountry => user.IsInRole(Roles.Analyst) ? null : user.CountryCode;

    /// <summary>
    /// Checks the query and computes the figures. Refused with a localised error for a year that is not a year
    /// in range or a country that is not served here; not found for a country the user may not report on.
    /// </summary>
    public async Task<CommandResult<TipReportView>> ComputeAsync(TipQuery query, CancellationToken ct)
    {
        var country = string.IsNullOrWhiteSpace(query.Country) ? DefaultCountry : query.Country.Trim().ToUpperInvariant();
        var errors = new List<RuleError>();
        var year = DefaultYear;
        if (!string.IsNullOrWhiteSpace(query.Year)
            && !int.TryParse(query.Year.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out year))
            errors.Add(new(nameof(query.Year), "Reports.Tip.YearInvalid"));
        else if (year < FirstYear || year > clock.GetUtcNow().Year)
            errors.Add(new(nameof(query.Year), "Reports.Tip.YearOutOfRange"));
        if (country is null)
            errors.Add(new(nameof(query.Country), "Reports.Tip.CountryRequired"));
        else if (country.Length != 2 || !await db.Countries.AnyAsync(c => c.Code == country, ct))
            errors.Add(new(nameof(query.Country), "Cases.Person.UnknownCountry"));
        if (errors.Count > 0)
            return CommandResult<TipReportView>.Refused([.. errors]);
        if (!MayReportOn(country!))
            return CommandResult<TipReportView>.NotFound();
        return CommandResult<TipReportView>.Done(await FiguresAsync(country!, year, ct));
    }

    /// <summary>Analysts report on any country of this node, coordinators on their own only.</summary>
    private bool MayReportOn(string country) =>
        user.IsInRole(Roles.Analyst) || (user.IsInRole(Roles.NationalCoordinator) && user.CountryCode == country);

    private async Task<TipReportView> FiguresAsync(string country, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var organisations = db.Organisations.Where(o => o.CountryCode == country).Select(o => o.Id);

        // A person counts in the year of their case's first decision as a victim, so never in two years.
        var identifiedCases = db.IdentificationSubmissions
            .Where(s => s.Decision == TraffickingStatus.ActualVictimOfTrafficking && s.DecidedOn != null && organisations.Contains(s.OrganisationId))
            .GroupBy(s => s.CaseId)
            .Where(g => g.Min(s => s.DecidedOn) >= from && g.Min(s => s.DecidedOn) <= to)
            .Select(g => g.Key);
        var identified = db.Persons.AsNoTracking().Where(p => identifiedCases.Contains(p.CaseId));

        var bySexAndAge = await identified.GroupBy(p => new { p.Gender, p.IsChild })
            .Select(g => new { g.Key.Gender, g.Key.IsChild, Count = g.Count() }).ToListAsync(ct);
        var genders = Enum.GetValues<Gender>();
        var sexAndAge = new int[genders.Length, 2];
        foreach (var g in bySexAndAge)
            sexAndAge[Array.IndexOf(genders, g.Gender), g.IsChild ? 1 : 0] = g.Count;

        var exploitationKind = ExploitationCodeKind.TypeOfExploitation;
        var byType = await db.ExploitationCodes.AsNoTracking()
            .Where(c => c.Kind == exploitationKind && identifiedCases.Contains(c.CaseId))
            .GroupBy(c => c.Code).Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Code, g => g.Count, ct);
        var noType = await identified.CountAsync(p => !db.ExploitationCodes.Any(c => c.CaseId == p.CaseId && c.Kind == exploitationKind), ct);
        var types = Enum.GetNames<TypeOfExploitation>();
        var exploitationCounts = types.Select(t => byType.GetValueOrDefault(t)).Append(noType).ToList();

        // Citizenships are a short comma-separated list: the database counts each distinct list, the split is here.
        var byCitizenships = await identified.GroupBy(p => p.Citizenships)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var nationalities = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in byCitizenships)
        {
            var codes = group.Key.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            foreach (var code in codes.Count == 0 ? [NotRecorded] : codes)
                nationalities[code] = nationalities.GetValueOrDefault(code) + group.Count;
        }
        // Own nationals first, then every other citizenship by code, then those not recorded.
        var nationalityKeys = new[] { country }
            .Concat(nationalities.Keys.Where(k => k != country && k != NotRecorded).Order(StringComparer.Ordinal))
            .Append(NotRecorded).ToList();

        var assistedCases = db.Cases.Where(c => organisations.Contains(c.OrganisationId) && c.TraffickingStatus != TraffickingStatus.NotAVictimOfTrafficking).Select(c => c.Id);
        var services = db.ServiceDeliveries.AsNoTracking()
            .Where(s => s.DeliveredOn >= from && s.DeliveredOn <= to && assistedCases.Contains(s.CaseId));
        var byService = await services.GroupBy(s => s.Type)
            .Select(g => new { Type = g.Key, Persons = g.Select(s => s.CaseId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Type, g => g.Persons, ct);
        var assisted = await services.Select(s => s.CaseId).Distinct().CountAsync(ct);
        var serviceTypes = Enum.GetValues<ServiceType>();

        var start = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddYears(1);
        var referrals = await (
            from r in db.Referrals.AsNoTracking()
            join receiver in db.Organisations on r.ReceivingOrganisationId equals receiver.Id
            where r.SentAt >= start && r.SentAt < end && organisations.Contains(r.OrganisationId)
            group r by new { receiver.Type, r.Status, Decided = r.DecidedAt != null } into g
            select new { g.Key.Type, g.Key.Status, g.Key.Decided, Count = g.Count() }).ToListAsync(ct);
        var receiverTypes = Enum.GetValues<OrganisationType>();
        var answers = new int[receiverTypes.Length, AnswerColumns.Count];
        foreach (var r in referrals)
        {
            // Accepted stays accepted when the referral is later completed or withdrawn.
            var answer = r.Status == ReferralStatus.Declined ? 1 : r.Decided ? 0 : 2;
            answers[Array.IndexOf(receiverTypes, r.Type), answer] += r.Count;
        }

        return new TipReportView(country, year, Threshold, RoundTo,
        [
            Table(IdentifiedBySexAndAge, 1, [.. genders.Select(g => g.ToString())], AgeColumns, sexAndAge),
            List(IdentifiedByExploitation, 1, [.. types.Append(NotRecorded)], exploitationCounts),
            List(IdentifiedByNationality, 1, nationalityKeys, [.. nationalityKeys.Select(k => nationalities.GetValueOrDefault(k))]),
            List(AssistedOverall, 2, [AssistedOverall], [assisted]),
            List(AssistedByService, 2, [.. serviceTypes.Select(s => s.ToString())], [.. serviceTypes.Select(s => byService.GetValueOrDefault(s))]),
            Table(ReferralsByReceiver, 3, [.. receiverTypes.Select(t => t.ToString())], AnswerColumns, answers),
        ]);
    }

    private TipTable Table(string name, int section, IReadOnlyList<string> rows, IReadOnlyList<string> columns, int[,] cells)
    {
        var shown = SmallNumbers.Protect(cells, Threshold, RoundTo);
        return new TipTable(name, section, columns,
            [.. rows.Select((key, r) => new TipRow(key, [.. columns.Select((_, c) => shown.Cell(r, c))], shown.RowTotal(r)))],
            [.. columns.Select((_, c) => shown.ColumnTotal(c))], shown.Total);
    }

    private TipTable List(string name, int section, IReadOnlyList<string> rows, IReadOnlyList<int> counts)
    {
        var shown = SmallNumbers.Protect(counts, Threshold, RoundTo);
        return new TipTable(name, section, [], [.. rows.Select((key, r) => new TipRow(key, [], shown[r]))], [], shown.Total);
    }
}
