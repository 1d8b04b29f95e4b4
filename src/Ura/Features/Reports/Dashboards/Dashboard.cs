using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Cases;
using Ura.Features.Home;
using Ura.Features.Referrals;
using Ura.Features.Transnational;
using Ura.Platform;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Reports.Dashboards;

/// <summary>A count per case stage.</summary>
public sealed record StageCount(CaseStage Stage, int Count);

/// <summary>A case worker's own working list: the open cases they are on the team of, their tasks.</summary>
public sealed record CaseWorkFigures(int ActiveCases, int FollowUpCases, int TasksOverdue, int TasksDueThisWeek, IReadOnlyList<StageCount> CasesByStage);

/// <summary>A supervisor's organisation: open cases, overdue tasks of its workers, open cases by stage.</summary>
public sealed record OrganisationFigures(int ActiveCases, int FollowUpCases, int TasksOverdue, int ClosureRequests, IReadOnlyList<StageCount> CasesByStage);

/// <summary>
/// A table of counts after small-number protection, ready for a page or JSON: row and column keys
/// (enum names or country codes, localised by the page), cells, totals; null means hidden.
/// </summary>
public sealed record FigureTable(
    IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<int?>> Cells,
    IReadOnlyList<int?> RowTotals, IReadOnlyList<int?> ColumnTotals, int? Total)
{
    public bool AnyHidden => Total is null || RowTotals.Any(v => v is null) || ColumnTotals.Any(v => v is null) || Cells.Any(r => r.Any(v => v is null));

    /// <summary>A case team's own working list: nothing hidden.</summary>
    public static FigureTable Plain(IReadOnlyList<string> rows, IReadOnlyList<string> columns, int[,] counts) => new(rows, columns,
        [.. rows.Select((_, r) => (IReadOnlyList<int?>)[.. columns.Select((_, c) => (int?)counts[r, c])])],
        [.. rows.Select((_, r) => (int?)columns.Select((_, c) => counts[r, c]).Sum())],
        [.. columns.Select((_, c) => (int?)rows.Select((_, r) => counts[r, c]).Sum())],
        counts.Cast<int>().Sum());

    public static FigureTable Protect(IReadOnlyList<string> rows, IReadOnlyList<string> columns, int[,] counts, ReportOptions protection)
    {
        var table = SmallNumbers.Protect(counts, protection.SmallNumberThreshold, protection.RoundTo);
        return new FigureTable(rows, columns,
            [.. rows.Select((_, r) => (IReadOnlyList<int?>)[.. columns.Select((_, c) => table.Cell(r, c))])],
            [.. rows.Select((_, r) => table.RowTotal(r))],
            [.. columns.Select((_, c) => table.ColumnTotal(c))],
            table.Total);
    }
}

/// <summary>
/// A country's figures for this calendar year, every table protected: potential and identified
/// victims by sex and by age band (cases opened this year at the country's organisations),
/// referrals and transnational referrals sent to and received from each other country, and the
/// reflection periods ending within the next two weeks.
/// </summary>
public sealed record CountryFigures(string CountryCode, int Year, FigureTable BySex, FigureTable ByAgeBand, FigureTable Flows, FigureTable ReflectionEnding);

/// <summary>Every country of the node for this year: potential and identified victims per country (protected).</summary>
public sealed record AllCountriesFigures(int Year, FigureTable ByCountry);

/// <summary>
/// The signed-in user's dashboard: each part is null when none of the user's roles calls for it.
/// Case work and organisation figures are the user's own working lists and are not suppressed;
/// country and all-country figures leave the case team and are.
/// </summary>
public sealed record DashboardView(
    CaseWorkFigures? CaseWork, OrganisationFigures? Organisation, CountryFigures? Country, AllCountriesFigures? AllCountries,
    ReferralDashboardView Referrals, int SmallNumberThreshold, int RoundTo);

/// <summary>
/// Computes the home page dashboard from live data. Every figure is a COUNT ... GROUP BY in the
/// database over indexed columns (cases by organisation and opening date, tasks by assignee,
/// referrals by organisation and status); no case row is loaded.
/// </summary>
public sealed class Dashboard(UraDbContext db, CurrentUser user, ReferralDashboard referrals, TimeProvider clock, IOptions<UraOptions> options)
{
    public const int ReflectionWindowDays = 14;
    public const int TaskWindowDays = 7;

    /// <summary>Statuses counted as victims in country figures: potential (possible) and identified (actual).</summary>
    public static readonly TraffickingStatus[] VictimStatuses = [TraffickingStatus.PossibleVictimOfTrafficking, TraffickingStatus.ActualVictimOfTrafficking];

    public const string Incoming = "In";
    public const string Outgoing = "Out";

    private ReportOptions Protection => options.Value.Reports;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<DashboardView> ForCurrentUserAsync(CancellationToken ct)
    {
        var caseWork = user.IsInRole(Roles.CaseWorker) && user.Id is not null && user.OrganisationId is not null
            ? await CaseWorkAsync(ct) : null;
        var organisation = user.IsInRole(Roles.Supervisor) && user.OrganisationId is not null
            ? await OrganisationAsync(ct) : null;
        var country = (user.IsInRole(Roles.NationalCoordinator) || user.IsInRole(Roles.Analyst)) && !string.IsNullOrEmpty(user.CountryCode)
            ? await CountryAsync(user.CountryCode, ct) : null;
        var all = user.IsInRole(Roles.Analyst) ? await AllCountriesAsync(ct) : null;
        return new DashboardView(caseWork, organisation, country, all, await referrals.ForCurrentUserAsync(ct), Protection.SmallNumberThreshold, Protection.RoundTo);
    }

    private async Task<CaseWorkFigures> CaseWorkAsync(CancellationToken ct)
    {
        var userId = user.RequiredId;
        var mine = db.Cases.Where(c => c.OrganisationId == user.RequiredOrganisationId && c.Team.Any(m => m.UserId == userId));
        var (active, followUp, stages) = await OpenCasesAsync(mine, ct);
        var today = Today;
        var week = today.AddDays(TaskWindowDays);
        var tasks = await db.CaseTasks.Where(t => t.AssigneeId == userId && t.CompletedAt == null && t.DueOn <= week)
            .GroupBy(t => t.DueOn < today).Select(g => new { Overdue = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new CaseWorkFigures(active, followUp,
            tasks.Where(t => t.Overdue).Sum(t => t.Count), tasks.Where(t => !t.Overdue).Sum(t => t.Count), stages);
    }

    private async Task<OrganisationFigures> OrganisationAsync(CancellationToken ct)
    {
        var organisationId = user.RequiredOrganisationId;
        var (active, followUp, stages) = await OpenCasesAsync(db.Cases.Where(c => c.OrganisationId == organisationId), ct);
        var today = Today;
        // By assignee (indexed) rather than by organisation: the organisation's workers are few.
        var workers = db.Users.Where(u => u.OrganisationId == organisationId).Select(u => u.Id);
        var overdue = await db.CaseTasks.CountAsync(t => workers.Contains(t.AssigneeId) && t.CompletedAt == null && t.DueOn < today, ct);
        var closures = await db.Cases.CountAsync(c => c.OrganisationId == organisationId && c.ClosureRequestedAt != null
            && c.Status != CaseStatus.Closed && c.Status != CaseStatus.ClosedReferred, ct);
        return new OrganisationFigures(active, followUp, overdue, closures, stages);
    }

    /// <summary>Open cases (active and follow-up) of a scope, and per stage; one grouped query.</summary>
    private static async Task<(int Active, int FollowUp, IReadOnlyList<StageCount> Stages)> OpenCasesAsync(IQueryable<Case> scope, CancellationToken ct)
    {
        var groups = await scope.Where(c => c.Status == CaseStatus.Active || c.Status == CaseStatus.FollowUp)
            .GroupBy(c => new { c.Status, c.Stage }).Select(g => new { g.Key.Status, g.Key.Stage, Count = g.Count() }).ToListAsync(ct);
        return (groups.Where(g => g.Status == CaseStatus.Active).Sum(g => g.Count),
            groups.Where(g => g.Status == CaseStatus.FollowUp).Sum(g => g.Count),
            [.. Enum.GetValues<CaseStage>().Select(s => new StageCount(s, groups.Where(g => g.Stage == s).Sum(g => g.Count)))]);
    }

    private (DateTime Start, DateTime End, int Year) ThisYear()
    {
        var year = Today.Year;
        return (new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc), year);
    }

    /// <summary>One country's figures; the caller decides who may ask for which country.</summary>
    public async Task<CountryFigures> CountryAsync(string countryCode, CancellationToken ct)
    {
        var (start, end, year) = ThisYear();
        var organisations = db.Organisations.Where(o => o.CountryCode == countryCode).Select(o => o.Id);
        var victims = await (
            from c in db.Cases
            join p in db.Persons on c.Id equals p.CaseId
            where organisations.Contains(c.OrganisationId) && c.OpenedAt >= start && c.OpenedAt < end
                && (c.TraffickingStatus == TraffickingStatus.PossibleVictimOfTrafficking || c.TraffickingStatus == TraffickingStatus.ActualVictimOfTrafficking)
            group c by new { p.Gender, p.AgeBand, c.TraffickingStatus } into g
            select new { g.Key.Gender, g.Key.AgeBand, g.Key.TraffickingStatus, Count = g.Count() }).ToListAsync(ct);

        var genders = Enum.GetValues<Gender>();
        var bySex = new int[genders.Length, VictimStatuses.Length];
        var bands = Enum.GetValues<AgeBand>();
        var byBand = new int[bands.Length, VictimStatuses.Length];
        foreach (var v in victims)
        {
            var s = Array.IndexOf(VictimStatuses, v.TraffickingStatus);
            bySex[Array.IndexOf(genders, v.Gender), s] += v.Count;
            byBand[Array.IndexOf(bands, v.AgeBand), s] += v.Count;
        }
        var statusKeys = VictimStatuses.Select(s => s.ToString()).ToList();
        return new CountryFigures(countryCode, year,
            FigureTable.Protect([.. genders.Select(g => g.ToString())], statusKeys, bySex, Protection),
            FigureTable.Protect([.. bands.Select(b => b.ToString())], statusKeys, byBand, Protection),
            await FlowsAsync(countryCode, organisations, start, end, ct),
            await ReflectionEndingAsync(organisations, ct));
    }

    /// <summary>
    /// Referrals sent this year between this country's organisations and other countries': referrals
    /// on this node between organisations of two countries, and transnational referrals to and from
    /// peer nodes (by the peer's country). Rows are the other countries, columns in and out.
    /// </summary>
    private async Task<FigureTable> FlowsAsync(string countryCode, IQueryable<Guid> organisations, DateTime start, DateTime end, CancellationToken ct)
    {
        var sent = db.Referrals.Where(r => r.SentAt >= start && r.SentAt < end && r.Status != ReferralStatus.Draft);
        var outgoing = await (
            from r in sent
            join o in db.Organisations on r.ReceivingOrganisationId equals o.Id
            where organisations.Contains(r.OrganisationId) && o.CountryCode != countryCode
            group r by o.CountryCode into g
            select new { Country = g.Key, Direction = Outgoing, Count = g.Count() }).ToListAsync(ct);
        var incoming = await (
            from r in sent
            join o in db.Organisations on r.OrganisationId equals o.Id
            where organisations.Contains(r.ReceivingOrganisationId) && o.CountryCode != countryCode
            group r by o.CountryCode into g
            select new { Country = g.Key, Direction = Incoming, Count = g.Count() }).ToListAsync(ct);
        var transnational = await (
            from r in db.TransnationalReferrals
            join p in db.FederationPeers on r.PeerNodeId equals p.NodeId
            where organisations.Contains(r.OrganisationId) && r.SentAt >= start && r.SentAt < end && p.CountryCode != countryCode
            group r by new { p.CountryCode, r.Side } into g
            select new { Country = g.Key.CountryCode, g.Key.Side, Count = g.Count() }).ToListAsync(ct);

        var all = outgoing.Concat(incoming)
            .Concat(transnational.Select(t => new { t.Country, Direction = t.Side == TransnationalSide.Sending ? Outgoing : Incoming, t.Count }))
            .ToList();
        // Every other country of the node has a row, so a country's absence tells nothing.
        var countries = (await db.Countries.Select(c => c.Code).ToListAsync(ct)).Concat(all.Select(a => a.Country))
            .Where(c => c != countryCode).Distinct().Order(StringComparer.Ordinal).ToList();
        string[] directions = [Incoming, Outgoing];
        var cells = new int[countries.Count, directions.Length];
        foreach (var a in all)
            cells[countries.IndexOf(a.Country), Array.IndexOf(directions, a.Direction)] += a.Count;
        return FigureTable.Protect(countries, directions, cells, Protection);
    }

    /// <summary>Reflection periods of the country's cases ending from today to <see cref="ReflectionWindowDays"/> days ahead.</summary>
    private async Task<FigureTable> ReflectionEndingAsync(IQueryable<Guid> organisations, CancellationToken ct)
    {
        var today = Today;
        var last = today.AddDays(ReflectionWindowDays);
        var count = await db.CaseIdentifications.CountAsync(i => organisations.Contains(i.OrganisationId)
            && i.ReflectionEndsOn >= today && i.ReflectionEndsOn <= last, ct);
        return FigureTable.Protect(["EndingSoon"], ["Count"], new[,] { { count } }, Protection);
    }

    /// <summary>Potential and identified victims per country of the node this year (cases opened this year).</summary>
    public async Task<AllCountriesFigures> AllCountriesAsync(CancellationToken ct)
    {
        var (start, end, year) = ThisYear();
        var groups = await (
            from c in db.Cases
            join o in db.Organisations on c.OrganisationId equals o.Id
            where c.OpenedAt >= start && c.OpenedAt < end
                && (c.TraffickingStatus == TraffickingStatus.PossibleVictimOfTrafficking || c.TraffickingStatus == TraffickingStatus.ActualVictimOfTrafficking)
            group c by new { o.CountryCode, c.TraffickingStatus } into g
            select new { g.Key.CountryCode, g.Key.TraffickingStatus, Count = g.Count() }).ToListAsync(ct);
        var countries = (await db.Countries.Select(c => c.Code).ToListAsync(ct)).Concat(groups.Select(g => g.CountryCode))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var cells = new int[countries.Count, VictimStatuses.Length];
        foreach (var g in groups)
            cells[countries.IndexOf(g.CountryCode), Array.IndexOf(VictimStatuses, g.TraffickingStatus)] += g.Count;
        return new AllCountriesFigures(year, FigureTable.Protect(countries, [.. VictimStatuses.Select(s => s.ToString())], cells, Protection));
    }
}

/// <summary>What the figures partial shows: a chart and the table of the same numbers, with localised labels.</summary>
public sealed record FigurePanel(string Id, string Title, FigureTable Table, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels, string HiddenMark);
