using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Features.Awareness.Campaigns;
using Ura.Features.Cases;
using Ura.Features.Directory;
using Ura.Features.Identification;
using Ura.Features.Referrals;
using Ura.Features.Reports.Projects;
using Ura.Features.Shelters;
using Ura.Features.Training.Trainings;
using Ura.Features.Transnational;
using Ura.Platform;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Reports.Indicators;

/// <summary>What a report asks for: a period (both days included), where, and how to split the figures.</summary>
public sealed class ReportRequest
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string[]? Country { get; set; }
    public Guid[]? Organisation { get; set; }
    public string? By { get; set; }
    public string[]? Indicator { get; set; }

    /// <summary>A project: its organisations, its period and its indicators with their targets, unless narrowed.</summary>
    public Guid? Project { get; set; }

    /// <summary>Costs in this currency only; otherwise one figure for each currency the costs are in.</summary>
    public string? Currency { get; set; }
}

/// <summary>One line of an indicator's table: a category (or the whole when not split) and its value; null when hidden.</summary>
public sealed record IndicatorCell(string Key, string Label, decimal? Value)
{
    public bool Hidden => Value is null;
}

/// <summary>
/// An indicator computed for a report: its rows when split, and its total. In a project report, the project's target
/// for it (null when the project sets none) and the achievement: the total as a percentage of the target, rounded to
/// one decimal; null when the total is hidden, when there is no target, or when the target is 0. An amount is in one
/// <see cref="Currency"/>: a report with costs in several currencies has one figure for each.
/// </summary>
public sealed record IndicatorFigure(
    string Key, string Title, string Definition, IndicatorUnit Unit, string? By, IReadOnlyList<IndicatorCell> Rows, decimal? Total,
    decimal? Target = null, decimal? Achievement = null, string? Currency = null)
{
    public bool TotalHidden => Total is null;
    public bool AnyHidden => Total is null || Rows.Any(r => r.Hidden);
}

public sealed record ReportScope(Guid Id, string Name, string CountryCode);

/// <summary>The project a report is scoped to; <see cref="Partial"/> when the report covers only some of its organisations.</summary>
public sealed record ReportProject(Guid Id, string Name, string? Funders, DateOnly StartsOn, DateOnly EndsOn, bool Partial);

/// <summary>
/// A report as computed: <see cref="From"/> and <see cref="To"/> are the whole months it covers. Where counts are rounded,
/// amounts carry noise fixed per person (the CostNoise class).
/// </summary>
public sealed record IndicatorReportResult(DateOnly From, DateOnly To, string? By, IReadOnlyList<ReportScope> Organisations, int Threshold, int RoundTo,
    IReadOnlyList<IndicatorFigure> Figures, ReportProject? Project = null)
{
    public bool CostNoise => RoundTo > 1;
}

/// <summary>
/// Computes indicators for the organisations the signed-in user may report on: a supervisor their organisation,
/// a national coordinator their country, an analyst every organisation of this installation. Counts are made in
/// the database; every table goes through <see cref="SmallNumbers"/> before anyone sees it.
/// <para>
/// A report covers whole calendar months, widened from the days asked for, and its counts are rounded: otherwise two
/// reports a day apart, or a year and the same year less December, could be subtracted to find a hidden count, and
/// the day of one person's identification with it.
/// </para>
/// </summary>
public sealed class IndicatorReport(UraDbContext db, CurrentUser user, TimeProvider clock, IOptions<UraOptions> options, IStringLocalizer<Text> text,
    ProjectDirectory projects, BlindIndex secret)
{
    public const int MaxDays = 3660;
    public const string NotRecorded = "not-recorded";
    public const string Several = "several";

    private int Threshold => options.Value.Reports.SmallNumberThreshold;
    private int RoundTo => options.Value.Reports.RoundTo;

    /// <summary>The organisations the user may report on, with their countries.</summary>
    public async Task<List<ReportScope>> VisibleOrganisationsAsync(CancellationToken ct)
    {
        var organisations = db.Organisations.AsNoTracking();
        if (user.IsInRole(Roles.Analyst))
        {
        }
        else if (user.IsInRole(Roles.NationalCoordinator) && user.CountryCode is { } country)
            organisations = organisations.Where(o => o.CountryCode == country);
        else if (user.IsInRole(Roles.Supervisor) && user.OrganisationId is { } organisation)
            organisations = organisations.Where(o => o.Id == organisation);
        else
            organisations = organisations.Where(o => false);
        return await organisations.OrderBy(o => o.CountryCode).ThenBy(o => o.Name)
            .Select(o => new ReportScope(o.Id, o.Name, o.CountryCode)).ToListAsync(ct);
    }

    /// <summary>
    /// The report, or not found when <see cref="ReportRequest.Project"/> names a project the user may not read (or none).
    /// A project sets the organisations (those of the project within the user's scope), the period (narrowed inside it,
    /// never outside) and the indicators (its own, unless some are chosen), and adds its targets and the achievement.
    /// </summary>
    public async Task<CommandResult<IndicatorReportResult>> RunAsync(ReportRequest request, CancellationToken ct)
    {
        Project? project = null;
        if (request.Project is { } projectId && (project = await projects.FindAsync(projectId, user, ct)) is null)
            return CommandResult<IndicatorReportResult>.NotFound();

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = request.To ?? project?.EndsOn ?? today;
        var from = request.From ?? project?.StartsOn ?? new DateOnly(to.Year, 1, 1);
        var errors = new List<RuleError>();
        if (from > to)
            errors.Add(new(nameof(request.From), "Reports.Error.FromAfterTo"));
        else if (project is not null && (from < project.StartsOn || to > project.EndsOn))
            errors.Add(new(nameof(request.From), "Reports.Error.OutsideProject"));
        else if (to.DayNumber - from.DayNumber >= MaxDays)
            errors.Add(new(nameof(request.To), "Reports.Error.PeriodTooLong"));

        var projectKeys = project?.Targets.Select(t => t.IndicatorKey).Where(IndicatorCatalogue.IsKnown).ToHashSet(StringComparer.Ordinal);
        var keys = request.Indicator is { Length: > 0 } asked ? asked.Distinct(StringComparer.Ordinal).ToList()
            : projectKeys is { Count: > 0 } ? [.. IndicatorCatalogue.Keys.Where(projectKeys.Contains)]
            : [.. IndicatorCatalogue.Keys];
        if (keys.Any(k => !IndicatorCatalogue.IsKnown(k)))
            errors.Add(new(nameof(request.Indicator), "Reports.Error.UnknownIndicator"));
        var by = string.IsNullOrEmpty(request.By) ? null : request.By;
        if (by is not null && !IndicatorCatalogue.IsDisaggregation(by))
            errors.Add(new(nameof(request.By), "Reports.Error.UnknownDisaggregation"));
        else if (by is not null && !keys.Where(IndicatorCatalogue.IsKnown).Any(k => IndicatorCatalogue.Find(k)!.Supports(by)))
            errors.Add(new(nameof(request.By), "Reports.Error.UnsupportedDisaggregation"));

        if (request.Currency is { Length: > 0 } && !ServiceDeliveries.Currencies.Contains(request.Currency))
            errors.Add(new(nameof(request.Currency), "Reports.Error.UnknownCurrency"));

        var visible = await VisibleOrganisationsAsync(ct);
        if (project is not null)
        {
            // Within a project a reader still sees only their own scope: a supervisor their organisation's part.
            var members = project.Organisations.Select(o => o.OrganisationId).ToHashSet();
            visible = [.. visible.Where(o => members.Contains(o.Id))];
        }
        var countries = request.Country?.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var chosen = request.Organisation?.Distinct().ToList() ?? [];
        if (countries.Any(c => !visible.Any(o => o.CountryCode == c)))
            errors.Add(new(nameof(request.Country), "Reports.Error.CountryOutOfScope"));
        if (chosen.Any(id => !visible.Any(o => o.Id == id)))
            errors.Add(new(nameof(request.Organisation), "Reports.Error.OrganisationOutOfScope"));
        if (errors.Count > 0)
            return CommandResult<IndicatorReportResult>.Refused([.. errors]);

        var scope = visible.Where(o => (countries.Count == 0 || countries.Contains(o.CountryCode)) && (chosen.Count == 0 || chosen.Contains(o.Id))).ToList();
        (from, to) = WholeMonths(from, to);
        var period = new Period(from, to, today);
        var figures = new List<IndicatorFigure>();
        foreach (var key in keys)
        {
            var indicator = IndicatorCatalogue.Find(key)!;
            // In a report of several indicators, one that cannot be split this way is shown whole.
            var split = by is not null && indicator.Supports(by) ? by : null;
            // Amounts in different currencies are never added up.
            List<string?> currencies = indicator.Unit != IndicatorUnit.Amount ? [null]
                : request.Currency is { Length: > 0 } one ? [one]
                : await CurrenciesAsync(period, scope, ct);
            foreach (var currency in currencies)
            {
                var figure = await ComputeAsync(indicator, period, scope, split, currency, ct);
                // A target is in one currency, so it applies only when the costs are.
                if (project?.Targets.FirstOrDefault(t => t.IndicatorKey == key) is { } target && currencies.Count == 1)
                    figure = figure with { Target = target.Target, Achievement = Achievement(figure.Total, target.Target) };
                figures.Add(figure);
            }
        }
        var about = project is null ? null : new ReportProject(project.Id, project.Name, project.Funders, project.StartsOn, project.EndsOn,
            Partial: scope.Count < project.Organisations.Count);
        return CommandResult<IndicatorReportResult>.Done(new IndicatorReportResult(from, to, by, scope, Threshold, RoundTo, figures, about));
    }

    /// <summary>From the first day of the first month to the last day of the last.</summary>
    public static (DateOnly From, DateOnly To) WholeMonths(DateOnly from, DateOnly to) =>
        (new DateOnly(from.Year, from.Month, 1), new DateOnly(to.Year, to.Month, DateTime.DaysInMonth(to.Year, to.Month)));

    /// <summary>The value as a percentage of the target, one decimal; none when the value is hidden or the target is 0.</summary>
    public static decimal? Achievement(decimal? value, decimal target) =>
        value is { } v && target > 0 ? Math.Round(v / target * 100m, 1, MidpointRounding.AwayFromZero) : null;

    private sealed record Period(DateOnly From, DateOnly To, DateOnly Today)
    {
        public DateTime Start => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        public DateTime End => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    /// <summary>One counted record: who owns it, its case if any, what it weighs and what it measures.</summary>
    private sealed class Fact
    {
        public Guid OrganisationId { get; set; }
        public Guid? CaseId { get; set; }
        public int Weight { get; set; }
        public DateTime Start { get; set; }
        public DateTime End { get; set; }
        public decimal Amount { get; set; }
        public Gender? Gender { get; set; }
        public AgeBand? AgeBand { get; set; }
        public Sex? ReachSex { get; set; }
        public ParticipantSex? ParticipantSex { get; set; }
        public ServiceType? ServiceType { get; set; }
        public int? Month { get; set; }
    }

    private sealed class Keyed<TKey>
    {
        public TKey Key { get; set; } = default!;
        public Guid? CaseId { get; set; }
        public int Weight { get; set; }
        public DateTime Start { get; set; }
        public DateTime End { get; set; }
        public decimal Amount { get; set; }
    }

    /// <summary>A category's raw figures before protection: records (or people) counted, and the measure.</summary>
    private sealed record Raw(string Key, string Label, int Count, decimal Value);

    /// <summary>The currencies of the costs in the report, or none (one figure of 0) when nothing has a cost.</summary>
    private async Task<List<string?>> CurrenciesAsync(Period p, List<ReportScope> scope, CancellationToken ct)
    {
        var ids = scope.Select(o => o.Id).ToList();
        List<string?> found = await db.ServiceDeliveries.AsNoTracking()
            .Where(s => ids.Contains(s.OrganisationId) && s.DeliveredOn >= p.From && s.DeliveredOn <= p.To && s.Cost != null)
            .Select(s => s.Currency).Distinct().OrderBy(c => c).ToListAsync(ct);
        return found.Count == 0 ? [null] : found;
    }

    private async Task<IndicatorFigure> ComputeAsync(Indicator indicator, Period period, List<ReportScope> scope, string? by, string? currency, CancellationToken ct)
    {
        var ids = scope.Select(o => o.Id).ToList();
        Task<List<Raw>> Compute(string? split) => indicator.Key switch
        {
            "shelter-bed-nights" or "shelter-length-of-stay" => StaysAsync(indicator, period, ids, scope, split, ct),
            "capacity-progress" => CapacityProgressAsync(period, ids, scope, split, ct),
            _ => SplitAsync(indicator, Facts(indicator.Key, period, ids, currency), scope, split, ct),
        };
        var raw = await Compute(by);
        // A median of the whole is not a sum of the rows' medians: it is computed over all records again.
        var whole = by is not null && indicator.Unit is IndicatorUnit.Days or IndicatorUnit.Hours ? (await Compute(null)).FirstOrDefault() : null;
        return Protect(indicator, by, raw, whole, currency);
    }

    private IQueryable<Fact> Facts(string key, Period p, List<Guid> ids, string? currency)
    {
        var cases = db.Cases.AsNoTracking().Where(c => ids.Contains(c.OrganisationId));
        var referrals = db.Referrals.AsNoTracking().Where(r => ids.Contains(r.OrganisationId));
        var services = db.ServiceDeliveries.AsNoTracking().Where(s => ids.Contains(s.OrganisationId) && s.DeliveredOn >= p.From && s.DeliveredOn <= p.To);
        return key switch
        {
            "persons-screened" => db.Screenings.AsNoTracking()
                .Where(s => ids.Contains(s.OrganisationId) && s.StartedAt >= p.Start && s.StartedAt < p.End)
                .Select(s => new Fact { OrganisationId = s.OrganisationId, CaseId = s.CaseId, Weight = 1 }),
            "potential-victims" => cases.Where(c => c.OpenedAt >= p.Start && c.OpenedAt < p.End)
                .Select(c => new Fact { OrganisationId = c.OrganisationId, CaseId = c.Id, Weight = 1 }),
            "identified-victims" => cases
                .Select(c => new { Case = c, DecidedOn = db.IdentificationSubmissions.Where(s => s.CaseId == c.Id && s.Decision == TraffickingStatus.ActualVictimOfTrafficking).Min(s => s.DecidedOn) })
                .Where(x => x.DecidedOn >= p.From && x.DecidedOn <= p.To)
                .Select(x => new Fact { OrganisationId = x.Case.OrganisationId, CaseId = x.Case.Id, Weight = 1 }),
            "days-to-identification" => cases
                .Select(c => new { Case = c, DecidedOn = db.IdentificationSubmissions.Where(s => s.CaseId == c.Id && s.Decision == TraffickingStatus.ActualVictimOfTrafficking).Min(s => s.DecidedOn) })
                .Where(x => x.DecidedOn >= p.From && x.DecidedOn <= p.To)
                .Select(x => new Fact { OrganisationId = x.Case.OrganisationId, CaseId = x.Case.Id, Weight = 1, Start = x.Case.OpenedAt, End = x.DecidedOn!.Value.ToDateTime(TimeOnly.MinValue) }),
            "referrals-made" => referrals.Where(r => r.SentAt >= p.Start && r.SentAt < p.End)
                .Select(r => new Fact { OrganisationId = r.OrganisationId, CaseId = r.CaseId, Weight = 1 }),
            "referrals-accepted" => referrals.Where(r => r.DecidedAt >= p.Start && r.DecidedAt < p.End && r.Status != ReferralStatus.Declined && r.DeclineReason == null)
                .Select(r => new Fact { OrganisationId = r.OrganisationId, CaseId = r.CaseId, Weight = 1 }),
            "referrals-declined" => referrals.Where(r => r.DecidedAt >= p.Start && r.DecidedAt < p.End && r.Status == ReferralStatus.Declined)
                .Select(r => new Fact { OrganisationId = r.OrganisationId, CaseId = r.CaseId, Weight = 1 }),
            "referrals-completed" => referrals.Where(r => r.CompletedAt >= p.Start && r.CompletedAt < p.End && r.Successful == true)
                .Select(r => new Fact { OrganisationId = r.OrganisationId, CaseId = r.CaseId, Weight = 1 }),
            "hours-to-acknowledge" => referrals.Where(r => r.AcknowledgedAt >= p.Start && r.AcknowledgedAt < p.End && r.SentAt != null)
                .Select(r => new Fact { OrganisationId = r.OrganisationId, CaseId = r.CaseId, Weight = 1, Start = r.SentAt!.Value, End = r.AcknowledgedAt!.Value }),
            "hours-to-decide" => referrals.Where(r => r.DecidedAt >= p.Start && r.DecidedAt < p.End && r.SentAt != null)
                .Select(r => new Fact { OrganisationId = r.OrganisationId, CaseId = r.CaseId, Weight = 1, Start = r.SentAt!.Value, End = r.DecidedAt!.Value }),
            "services-delivered" => services
                .Select(s => new Fact { OrganisationId = s.OrganisationId, CaseId = s.CaseId, Weight = 1, ServiceType = s.Type }),
            "service-cost" => services.Where(s => s.Cost != null && s.Currency == currency)
                .Select(s => new Fact { OrganisationId = s.OrganisationId, CaseId = s.CaseId, Weight = 1, Amount = s.Cost!.Value, ServiceType = s.Type }),
            "transnational-referrals" => db.TransnationalReferrals.AsNoTracking()
                .Where(r => ids.Contains(r.OrganisationId) && r.SentAt >= p.Start && r.SentAt < p.End)
                .Select(r => new Fact { OrganisationId = r.OrganisationId, CaseId = r.CaseId, Weight = 1 }),
            "returns" => db.ReturnPlans.AsNoTracking()
                .Where(r => ids.Contains(r.OrganisationId) && r.Status == ReturnStatus.HandedOver && r.HandedOverOn >= p.From && r.HandedOverOn <= p.To)
                .Select(r => new Fact { OrganisationId = r.OrganisationId, CaseId = r.CaseId, Weight = 1 }),
            "follow-ups" => db.ReturnFollowUps.AsNoTracking()
                .Where(f => ids.Contains(f.OrganisationId) && f.ReportedOn >= p.From && f.ReportedOn <= p.To)
                .Select(f => new Fact { OrganisationId = f.OrganisationId, Weight = 1, Month = f.Month }),
            "campaign-reach" =>
                from r in db.CampaignReach.AsNoTracking()
                join a in db.CampaignActivities on r.ActivityId equals a.Id
                where ids.Contains(a.OrganisationId) && a.HeldOn >= p.From && a.HeldOn <= p.To
                select new Fact { OrganisationId = a.OrganisationId, Weight = r.People, ReachSex = r.Sex, AgeBand = r.AgeBand },
            "trainings" => db.Trainings.AsNoTracking()
                .Where(t => ids.Contains(t.OrganisationId) && t.StartsOn >= p.From && t.StartsOn <= p.To)
                .Select(t => new Fact { OrganisationId = t.OrganisationId, Weight = 1 }),
            "training-participants" =>
                from n in db.TrainingParticipants.AsNoTracking()
                join t in db.Trainings on n.TrainingId equals t.Id
                where ids.Contains(t.OrganisationId) && t.StartsOn >= p.From && t.StartsOn <= p.To
                select new Fact { OrganisationId = t.OrganisationId, Weight = n.Count, ParticipantSex = n.Sex },
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "No query for this indicator."),
        };
    }

    private Task<List<Raw>> SplitAsync(Indicator indicator, IQueryable<Fact> facts, List<ReportScope> scope, string? by, CancellationToken ct)
    {
        const ExploitationCodeKind type = ExploitationCodeKind.TypeOfExploitation;
        var names = scope.ToDictionary(o => o.Id, o => o.Name);
        var persons = from f in facts
                      join person in db.Persons on f.CaseId equals person.CaseId into found
                      from person in found.DefaultIfEmpty()
                      select new { f, person };
        return by switch
        {
            null => AggregateAsync(indicator, facts.Select(f => new Keyed<int> { Key = 0, CaseId = f.CaseId, Weight = f.Weight, Start = f.Start, End = f.End, Amount = f.Amount }),
                _ => ("all", text["Reports.Total"].Value), ct),
            IndicatorCatalogue.Organisation => AggregateAsync(indicator, facts.Select(f => new Keyed<Guid> { Key = f.OrganisationId, CaseId = f.CaseId, Weight = f.Weight, Start = f.Start, End = f.End, Amount = f.Amount }),
                id => (id.ToString(), names.GetValueOrDefault(id, "")), ct),
            IndicatorCatalogue.Country => AggregateAsync(indicator,
                from f in facts join o in db.Organisations on f.OrganisationId equals o.Id
                select new Keyed<string> { Key = o.CountryCode, CaseId = f.CaseId, Weight = f.Weight, Start = f.Start, End = f.End, Amount = f.Amount },
                code => (code, text.Country(code)), ct),
            IndicatorCatalogue.ServiceType => AggregateAsync(indicator, facts.Select(f => new Keyed<ServiceType?> { Key = f.ServiceType, CaseId = f.CaseId, Weight = f.Weight, Start = f.Start, End = f.End, Amount = f.Amount }),
                t => Label(t, "ServiceType."), ct),
            IndicatorCatalogue.FollowUpMonth => AggregateAsync(indicator, facts.Select(f => new Keyed<int?> { Key = f.Month, Weight = f.Weight, Start = f.Start, End = f.End, Amount = f.Amount }),
                m => m is { } month ? (month.ToString(System.Globalization.CultureInfo.InvariantCulture), text["Reports.FollowUpMonth", month].Value) : (NotRecorded, text["Reports.NotRecorded"].Value), ct),
            IndicatorCatalogue.Sex when indicator.Key == "campaign-reach" => AggregateAsync(indicator,
                facts.Select(f => new Keyed<Sex?> { Key = f.ReachSex, Weight = f.Weight }), s => Label(s, "Sex."), ct),
            IndicatorCatalogue.Sex when indicator.Key == "training-participants" => AggregateAsync(indicator,
                facts.Select(f => new Keyed<ParticipantSex?> { Key = f.ParticipantSex, Weight = f.Weight }), s => Label(s, "Training.Sex."), ct),
            IndicatorCatalogue.AgeBand when indicator.Key == "campaign-reach" => AggregateAsync(indicator,
                facts.Select(f => new Keyed<AgeBand?> { Key = f.AgeBand, Weight = f.Weight }), a => Label(a, "AgeBand."), ct),
            IndicatorCatalogue.Sex => AggregateAsync(indicator,
                persons.Select(x => new Keyed<Gender?> { Key = x.person == null ? null : x.person.Gender, Weight = x.f.Weight, Start = x.f.Start, End = x.f.End, Amount = x.f.Amount }),
                g => Label(g, "Gender."), ct),
            IndicatorCatalogue.AgeBand => AggregateAsync(indicator,
                persons.Select(x => new Keyed<AgeBand?> { Key = x.person == null ? null : x.person.AgeBand, Weight = x.f.Weight, Start = x.f.Start, End = x.f.End, Amount = x.f.Amount }),
                a => Label(a, "AgeBand."), ct),
            IndicatorCatalogue.Citizenship => AggregateAsync(indicator,
                persons.Select(x => new Keyed<string?>
                {
                    Key = x.person == null || x.person.Citizenships == "" ? null : x.person.Citizenships.Contains(",") ? Several : x.person.Citizenships,
                    Weight = x.f.Weight, Start = x.f.Start, End = x.f.End, Amount = x.f.Amount,
                }),
                c => c switch { null => (NotRecorded, text["Reports.NotRecorded"].Value), Several => (Several, text["Reports.SeveralCitizenships"].Value), _ => (c, text.Country(c)) }, ct),
            IndicatorCatalogue.ExploitationType => AggregateAsync(indicator,
                facts.Select(f => new Keyed<string?>
                {
                    Key = db.ExploitationCodes.Count(c => c.CaseId == f.CaseId && c.Kind == type) > 1 ? Several
                        : db.ExploitationCodes.Where(c => c.CaseId == f.CaseId && c.Kind == type).Min(c => c.Code),
                    Weight = f.Weight, Start = f.Start, End = f.End, Amount = f.Amount,
                }),
                c => c switch { null => (NotRecorded, text["Reports.NotRecorded"].Value), Several => (Several, text["Reports.SeveralTypes"].Value), _ => (c, text["TypeOfExploitation." + c].Value) }, ct),
            IndicatorCatalogue.CountryOfExploitation => AggregateAsync(indicator,
                facts.Select(f => new Keyed<string?>
                {
                    Key = db.TraffickingEvents.Where(e => e.CaseId == f.CaseId && e.Type == TraffickingEventType.Exploitation).Select(e => e.Country).Distinct().Count() > 1 ? Several
                        : db.TraffickingEvents.Where(e => e.CaseId == f.CaseId && e.Type == TraffickingEventType.Exploitation).Min(e => e.Country),
                    Weight = f.Weight, Start = f.Start, End = f.End, Amount = f.Amount,
                }),
                c => c switch { null => (NotRecorded, text["Reports.NotRecorded"].Value), Several => (Several, text["Reports.SeveralCountries"].Value), _ => (c, text.Country(c)) }, ct),
            IndicatorCatalogue.Transnational => AggregateAsync(indicator,
                facts.Select(f => new Keyed<bool?>
                {
                    Key = db.CaseExploitations.Where(e => e.CaseId == f.CaseId).Select(e => e.Transnational).FirstOrDefault(),
                    Weight = f.Weight, Start = f.Start, End = f.End, Amount = f.Amount,
                }),
                t => t switch { true => ("transnational", text["Reports.Transnational"].Value), false => ("internal", text["Reports.Internal"].Value), null => (NotRecorded, text["Reports.NotRecorded"].Value) }, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(by), by, "No such breakdown."),
        };
    }

    private (string, string) Label<TEnum>(TEnum? value, string prefix) where TEnum : struct, Enum =>
        value is { } v ? (v.ToString(), text[prefix + v].Value) : (NotRecorded, text["Reports.NotRecorded"].Value);

    /// <summary>
    /// Counts in the database; sums by category and person in the database, each person's with their noise added here;
    /// medians from the durations, which only a median needs.
    /// </summary>
    private async Task<List<Raw>> AggregateAsync<TKey>(Indicator indicator, IQueryable<Keyed<TKey>> rows, Func<TKey, (string Key, string Label)> label, CancellationToken ct)
    {
        if (indicator.Unit is IndicatorUnit.Days or IndicatorUnit.Hours)
        {
            var spans = await rows.Select(r => new { r.Key, r.Start, r.End }).ToListAsync(ct);
            return [.. spans.GroupBy(s => s.Key).Select(g =>
            {
                var sorted = g.Select(s => indicator.Unit == IndicatorUnit.Days
                    ? (double)(DateOnly.FromDateTime(s.End).DayNumber - DateOnly.FromDateTime(s.Start).DayNumber)
                    : (s.End - s.Start).TotalHours).Order().ToList();
                var (key, name) = label(g.Key);
                return new Raw(key, name, sorted.Count, (decimal)Math.Round(OccupancyStatistics.Median(sorted) ?? 0, 1));
            })];
        }
        if (indicator.Unit == IndicatorUnit.Amount)
        {
            // SQLite cannot add decimals; a double holds two-decimal amounts of any realistic size exactly enough to round back.
            var sums = await rows.GroupBy(r => new { r.Key, r.CaseId })
                .Select(g => new { g.Key.Key, g.Key.CaseId, Count = g.Count(), Amount = g.Sum(r => (double)r.Amount) }).ToListAsync(ct);
            var noisy = RoundTo > 1;
            return [.. sums.GroupBy(s => s.Key).Select(g =>
            {
                var (key, name) = label(g.Key);
                var amount = g.Sum(s => s.Amount * (noisy ? CostNoise.Factor(secret, s.CaseId) : 1));
                return new Raw(key, name, g.Sum(s => s.Count), Math.Round((decimal)amount, 2));
            })];
        }
        var groups = await rows.GroupBy(r => r.Key).Select(g => new { g.Key, Count = g.Sum(r => r.Weight) }).ToListAsync(ct);
        return [.. groups.Select(g =>
        {
            var (key, name) = label(g.Key);
            return new Raw(key, name, g.Count, g.Count);
        })];
    }

    private async Task<List<Raw>> StaysAsync(Indicator indicator, Period p, List<Guid> ids, List<ReportScope> scope, string? by, CancellationToken ct)
    {
        var stays = await (
            from s in db.ShelterStays.AsNoTracking()
            join o in db.Organisations on s.OrganisationId equals o.Id
            where ids.Contains(s.OrganisationId) && s.AdmittedOn <= p.To && (s.DischargedOn == null || s.DischargedOn >= p.From)
            select new { s.OrganisationId, o.CountryCode, s.Gender, s.AgeBand, Facts = new StayFacts(s.FacilityId, s.AdmittedOn, s.DischargedOn, s.Destination) })
            .ToListAsync(ct);
        var names = scope.ToDictionary(o => o.Id, o => o.Name);
        var grouped = stays.GroupBy(s => by switch
        {
            IndicatorCatalogue.Organisation => (s.OrganisationId.ToString(), names.GetValueOrDefault(s.OrganisationId, "")),
            IndicatorCatalogue.Country => (s.CountryCode, text.Country(s.CountryCode)),
            IndicatorCatalogue.Sex => Label<Gender>(s.Gender, "Gender."),
            IndicatorCatalogue.AgeBand => Label<AgeBand>(s.AgeBand, "AgeBand."),
            _ => ("all", text["Reports.Total"].Value),
        });
        var raw = new List<Raw>();
        foreach (var g in grouped)
        {
            var figures = OccupancyStatistics.Compute(0, g.Select(s => s.Facts), p.From, p.To, p.Today);
            if (indicator.Key == "shelter-bed-nights")
                raw.Add(new Raw(g.Key.Item1, g.Key.Item2, figures.BedNightsOccupied, figures.BedNightsOccupied));
            else if (figures.Discharges > 0)
                raw.Add(new Raw(g.Key.Item1, g.Key.Item2, figures.Discharges, (decimal)Math.Round(figures.MedianStayNights ?? 0, 1)));
        }
        if (indicator.Key == "shelter-bed-nights")
        {
            // Bed-nights are protected by the number of stays behind them, not by the nights.
            var counts = grouped.ToDictionary(g => g.Key.Item1, g => g.Count(s => s.Facts.AdmittedOn <= p.To));
            raw = [.. raw.Select(r => r with { Count = counts.GetValueOrDefault(r.Key) })];
        }
        return raw;
    }

    private async Task<List<Raw>> CapacityProgressAsync(Period p, List<Guid> ids, List<ReportScope> scope, string? by, CancellationToken ct)
    {
        var assessments = await (
            from a in db.CapacityAssessments.AsNoTracking()
            join programme in db.CapacityProgrammes on a.ProgrammeId equals programme.Id
            where ids.Contains(programme.OrganisationId) && a.AssessedOn <= p.To
            select new { a.Id, a.ProgrammeId, a.ProviderId, a.AssessedOn, programme.OrganisationId, Score = db.CapacityScores.Where(s => s.AssessmentId == a.Id).Average(s => (double?)s.Score) })
            .ToListAsync(ct);
        var names = scope.ToDictionary(o => o.Id, o => o);
        var improved = assessments.GroupBy(a => (a.ProgrammeId, a.ProviderId))
            .Select(g => g.OrderBy(a => a.AssessedOn).ThenBy(a => a.Id).ToList())
            .Where(h => h.Count > 1 && h[^1].AssessedOn >= p.From && h[^1].Score > h[0].Score)
            .Select(h => h[^1])
            .ToList();
        return [.. improved.GroupBy(a => by switch
            {
                IndicatorCatalogue.Organisation => (a.OrganisationId.ToString(), names[a.OrganisationId].Name),
                IndicatorCatalogue.Country => (names[a.OrganisationId].CountryCode, text.Country(names[a.OrganisationId].CountryCode)),
                _ => ("all", text["Reports.Total"].Value),
            })
            .Select(g => new Raw(g.Key.Item1, g.Key.Item2, g.Count(), g.Count()))];
    }

    /// <summary>
    /// Counts go through <see cref="SmallNumbers.Protect(IReadOnlyList{int}, int, int)"/> and are rounded; an amount is
    /// hidden wherever the count of records behind it is, and carries <see cref="CostNoise"/>; a median is hidden when
    /// fewer records than the threshold are behind it.
    /// </summary>
    private IndicatorFigure Protect(Indicator indicator, string? by, List<Raw> raw, Raw? whole, string? currency = null)
    {
        var title = currency is null ? text[indicator.TitleKey].Value : $"{text[indicator.TitleKey].Value} ({currency})";
        var definition = text[indicator.DefinitionKey].Value;
        var rows = raw.OrderBy(r => r.Key == NotRecorded).ThenBy(r => r.Key == Several).ThenBy(r => r.Label, StringComparer.CurrentCulture).ToList();
        if (indicator.Unit is IndicatorUnit.Days or IndicatorUnit.Hours)
        {
            var cells = rows.Select(r => new IndicatorCell(r.Key, r.Label, r.Count >= Threshold ? r.Value : null)).ToList();
            var overall = by is null ? rows.FirstOrDefault() : whole;
            return new IndicatorFigure(indicator.Key, title, definition, indicator.Unit, by, by is null ? [] : cells,
                overall is not null && overall.Count >= Threshold ? overall.Value : null);
        }
        var table = SmallNumbers.Protect([.. rows.Select(r => r.Count)], Threshold);
        decimal Shown(decimal value) => indicator.Unit == IndicatorUnit.Count ? SmallNumbers.Round((int)value, RoundTo) : value;
        var shown = rows.Select((r, i) => new IndicatorCell(r.Key, r.Label, table[i] is null ? null : Shown(r.Value))).ToList();
        // The total is the sum of the values, not of the counts protecting them: bed-nights are protected by stays.
        decimal? total = table.Total is null ? null : Shown(rows.Sum(r => r.Value));
        if (rows.Count == 0)
            total = 0;
        return new IndicatorFigure(indicator.Key, title, definition, indicator.Unit, by, by is null ? [] : shown, total, Currency: currency);
    }
}
