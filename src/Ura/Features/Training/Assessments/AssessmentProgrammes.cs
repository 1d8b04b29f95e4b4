using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Training.Assessments;

/// <summary>A new capacity-building programme; its country and organisation are the user's.</summary>
public sealed class ProgrammeInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessments.Field.Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Assessments.Field.StartsOn")]
    public DateOnly? StartsOn { get; set; }

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Assessments.Field.EndsOn")]
    public DateOnly? EndsOn { get; set; }

    /// <summary>How many providers the programme means to assess; nine when left out.</summary>
    [Display(Name = "Assessments.Field.Target")]
    public int? TargetProviders { get; set; }
}

/// <summary>One criterion's score as sent; <see cref="Score"/> null means not scored.</summary>
public sealed class ScoreInput
{
    public string? Criterion { get; set; }
    public int? Score { get; set; }
    public string? Evidence { get; set; }
}

/// <summary>
/// What a correction of a recorded assessment replaces: the date, the assessors and every criterion's score
/// and evidence. The programme and the provider stay as recorded (an assessment of the wrong provider is removed).
/// </summary>
public class AssessmentCorrectionInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Assessments.Field.AssessedOn")]
    public DateOnly? AssessedOn { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(300, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessments.Field.Assessors")]
    public string? Assessors { get; set; }

    public List<ScoreInput> Scores { get; set; } = [];
}

/// <summary>An assessment of a provider: every criterion of the framework scored, with evidence where the score asks for it.</summary>
public sealed class AssessmentInput : AssessmentCorrectionInput
{
    [Display(Name = "Assessments.Field.Provider")]
    public Guid? ProviderId { get; set; }
}

public sealed record ProgrammeSummary(Guid Id, string Name, string CountryCode, string OrganisationName,
    DateOnly StartsOn, DateOnly EndsOn, int TargetProviders, int ProvidersAssessed, int ProvidersImproved);

/// <summary>A provider's place in a programme: how many assessments, first and latest overall score, whether it improved.</summary>
public sealed record ProviderProgress(Guid ProviderId, string ProviderName, int Assessments,
    DateOnly FirstOn, decimal FirstOverall, DateOnly LatestOn, decimal LatestOverall, bool Improved);

public sealed record ProgrammeView(ProgrammeSummary Programme, bool CanRecord,
    IReadOnlyList<ProviderProgress> Providers, IReadOnlyList<DimensionChange> DimensionChanges);

/// <summary>A criterion's score; evidence is null for readers who see figures only (analysts).</summary>
public sealed record ScoreView(string Criterion, string Dimension, int Score, string? Evidence);

public sealed record AssessmentView(Guid Id, Guid ProgrammeId, Guid ProviderId, string ProviderName, DateOnly AssessedOn,
    string? Assessors, string Framework, IReadOnlyList<DimensionScore> Dimensions, decimal? Overall, IReadOnlyList<ScoreView> Scores);

/// <summary>A provider's assessments in a programme; <see cref="CanChange"/> is true for those who may record, correct and remove them.</summary>
public sealed record ProviderHistory(ProgrammeSummary Programme, Guid ProviderId, string ProviderName, IReadOnlyList<AssessmentView> Assessments,
    bool CanChange);

/// <summary>A recorded assessment as its correction and removal pages show it, with the scores as the form takes them.</summary>
public sealed record AssessmentUnderCorrection(Guid Id, Guid ProgrammeId, string ProgrammeName, Guid ProviderId, string ProviderName,
    AssessmentCorrectionInput Recorded);

public sealed record ProviderChoice(Guid Id, string Name);

/// <summary>
/// Capacity programmes and the assessments recorded in them. Who sees what: outreach officers their own
/// organisation's programmes (and only they record, correct and remove assessments in them), national
/// coordinators their country's, analysts all of them, figures only. Anything else is not found.
/// </summary>
public sealed class AssessmentProgrammes(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public const int MaxTarget = 200;
    public const int MaxEvidence = 2000;
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    private CapacityFramework Framework => CapacityFramework.Current;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Analysts read figures only: no evidence, no assessor names.</summary>
    private bool SeesText => user.IsInRole(Roles.OutreachOfficer) || user.IsInRole(Roles.NationalCoordinator);

    /// <summary>The programmes the user may read, filtered inside the query.</summary>
    private IQueryable<CapacityProgramme> Readable()
    {
        if (user.IsInRole(Roles.Analyst))
            return db.CapacityProgrammes;
        var organisationId = user.OrganisationId ?? Guid.Empty;
        var country = user.CountryCode ?? "";
        var own = user.IsInRole(Roles.OutreachOfficer);
        var national = user.IsInRole(Roles.NationalCoordinator);
        return db.CapacityProgrammes.Where(p => (own && p.OrganisationId == organisationId) || (national && p.CountryCode == country));
    }

    /// <summary>The programmes the user may record assessments in: their own organisation's, as an outreach officer.</summary>
    private IQueryable<CapacityProgramme> Writable() => user.IsInRole(Roles.OutreachOfficer)
        ? db.CapacityProgrammes.OfOwnOrganisation(user)
        : db.CapacityProgrammes.Where(_ => false);

    public async Task<IReadOnlyList<ProgrammeSummary>> ListAsync(CancellationToken ct)
    {
        var programmes = await Readable().AsNoTracking().OrderByDescending(p => p.StartsOn).ThenBy(p => p.CountryCode).ThenBy(p => p.Name).ToListAsync(ct);
        var result = new List<ProgrammeSummary>();
        foreach (var programme in programmes)
            result.Add((await FiguresAsync(programme, ct)).Summary);
        return result;
    }

    public async Task<ProgrammeView?> GetAsync(Guid id, CancellationToken ct)
    {
        var programme = await Readable().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (programme is null)
            return null;
        var figures = await FiguresAsync(programme, ct);
        var canRecord = await Writable().AnyAsync(p => p.Id == id, ct);
        return new ProgrammeView(figures.Summary, canRecord, figures.Providers, figures.Changes);
    }

    public async Task<ProviderHistory?> HistoryAsync(Guid programmeId, Guid providerId, CancellationToken ct)
    {
        var programme = await Readable().AsNoTracking().FirstOrDefaultAsync(p => p.Id == programmeId, ct);
        if (programme is null)
            return null;
        var provider = await db.Organisations.AsNoTracking().Where(o => o.Id == providerId && o.CountryCode == programme.CountryCode)
            .Select(o => o.Name).FirstOrDefaultAsync(ct);
        if (provider is null)
            return null;
        var assessments = await db.CapacityAssessments.AsNoTracking().Include(a => a.Scores)
            .Where(a => a.ProgrammeId == programme.Id && a.ProviderId == providerId)
            .OrderBy(a => a.AssessedOn).ThenBy(a => a.RecordedAt).ToListAsync(ct);
        var summary = (await FiguresAsync(programme, ct)).Summary;
        var canChange = await Writable().AnyAsync(p => p.Id == programme.Id, ct);
        return new ProviderHistory(summary, providerId, provider, [.. assessments.Select(a => View(a, provider))], canChange);
    }

    public async Task<AssessmentView?> GetAssessmentAsync(Guid id, CancellationToken ct)
    {
        var readable = Readable().Select(p => p.Id);
        var assessment = await db.CapacityAssessments.AsNoTracking().Include(a => a.Scores).Include(a => a.Provider)
            .FirstOrDefaultAsync(a => a.Id == id && readable.Contains(a.ProgrammeId), ct);
        return assessment is null ? null : View(assessment, assessment.Provider!.Name);
    }

    /// <summary>The organisations of the programme's country that can be assessed; null when the user may not record in it.</summary>
    public async Task<IReadOnlyList<ProviderChoice>?> ProvidersAsync(Guid programmeId, CancellationToken ct)
    {
        var programme = await Writable().AsNoTracking().FirstOrDefaultAsync(p => p.Id == programmeId, ct);
        if (programme is null)
            return null;
        return await db.Organisations.AsNoTracking().Where(o => o.CountryCode == programme.CountryCode && o.IsActive)
            .OrderBy(o => o.Name).Select(o => new ProviderChoice(o.Id, o.Name)).ToListAsync(ct);
    }

    /// <summary>The programme, when the user may record assessments in it.</summary>
    public Task<CapacityProgramme?> WritableAsync(Guid programmeId, CancellationToken ct) =>
        Writable().AsNoTracking().FirstOrDefaultAsync(p => p.Id == programmeId, ct);

    /// <summary>
    /// An assessment of the programme, when the user may record in it (and so correct or remove it); null otherwise,
    /// also when the assessment belongs to another programme than the one named.
    /// </summary>
    public async Task<AssessmentUnderCorrection?> ForCorrectionAsync(Guid programmeId, Guid assessmentId, CancellationToken ct)
    {
        var programme = await Writable().AsNoTracking().FirstOrDefaultAsync(p => p.Id == programmeId, ct);
        if (programme is null)
            return null;
        var a = await db.CapacityAssessments.AsNoTracking().Include(x => x.Scores).Include(x => x.Provider)
            .FirstOrDefaultAsync(x => x.Id == assessmentId && x.ProgrammeId == programme.Id, ct);
        if (a is null)
            return null;
        var order = Framework.Criteria.Select((c, i) => (c.Criterion.Key, i)).ToDictionary(x => x.Key, x => x.i);
        return new AssessmentUnderCorrection(a.Id, programme.Id, programme.Name, a.ProviderId, a.Provider!.Name, new AssessmentCorrectionInput
        {
            AssessedOn = a.AssessedOn,
            Assessors = a.Assessors,
            Scores = [.. a.Scores.OrderBy(s => order.GetValueOrDefault(s.Criterion, int.MaxValue))
                .Select(s => new ScoreInput { Criterion = s.Criterion, Score = s.Score, Evidence = s.Evidence })],
        });
    }

    /// <summary>The assessment with its scores, tracked, when it belongs to a programme the user may record in.</summary>
    private Task<CapacityAssessment?> WritableAssessmentAsync(Guid assessmentId, CancellationToken ct)
    {
        var writable = Writable().Select(p => p.Id);
        return db.CapacityAssessments.Include(a => a.Scores).Include(a => a.Programme)
            .FirstOrDefaultAsync(a => a.Id == assessmentId && writable.Contains(a.ProgrammeId), ct);
    }

    public async Task<CommandResult<ProgrammeSummary>> CreateProgrammeAsync(ProgrammeInput input, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.OutreachOfficer) || user.OrganisationId is not { } organisationId || user.CountryCode is not { } country)
            return CommandResult<ProgrammeSummary>.NotFound();
        var errors = CheckProgramme(input);
        if (errors.Count > 0)
            return CommandResult<ProgrammeSummary>.Refused([.. errors]);
        var programme = new CapacityProgramme
        {
            OrganisationId = organisationId,
            CountryCode = country,
            Name = input.Name!.Trim(),
            StartsOn = input.StartsOn!.Value,
            EndsOn = input.EndsOn!.Value,
            TargetProviders = input.TargetProviders ?? CapacityProgramme.DefaultTarget,
            CreatedById = user.RequiredId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CapacityProgrammes.Add(programme);
        audit.Record("training.programme.create", nameof(CapacityProgramme), programme.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<ProgrammeSummary>.Done((await FiguresAsync(programme, ct)).Summary);
    }

    public async Task<CommandResult<AssessmentView>> RecordAsync(Guid programmeId, AssessmentInput input, CancellationToken ct)
    {
        var programme = await Writable().AsNoTracking().FirstOrDefaultAsync(p => p.Id == programmeId, ct);
        if (programme is null)
            return CommandResult<AssessmentView>.NotFound();
        var provider = input.ProviderId is { } providerId
            ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == providerId && o.CountryCode == programme.CountryCode && o.IsActive, ct)
            : null;
        var errors = CheckAssessment(programme, input, provider is not null, Today);
        if (errors.Count > 0)
            return CommandResult<AssessmentView>.Refused([.. errors]);

        var assessment = new CapacityAssessment
        {
            ProgrammeId = programme.Id,
            OrganisationId = programme.OrganisationId,
            ProviderId = provider!.Id,
            AssessedOn = input.AssessedOn!.Value,
            Assessors = input.Assessors!.Trim(),
            Framework = Framework.Key,
            RecordedById = user.RequiredId,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var line in input.Scores)
            assessment.Scores.Add(new CapacityScore
            {
                AssessmentId = assessment.Id,
                OrganisationId = programme.OrganisationId,
                Criterion = line.Criterion!,
                Score = line.Score!.Value,
                Evidence = Clean(line.Evidence),
            });
        db.CapacityAssessments.Add(assessment);
        audit.Record("training.assessment.create", nameof(CapacityAssessment), assessment.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<AssessmentView>.Done(View(assessment, provider.Name));
    }

    /// <summary>
    /// Corrects a recorded assessment: its date, assessors and every score and evidence, under the rules of recording
    /// one. Out of the user's writable programmes it is not found and nothing changes.
    /// </summary>
    public async Task<CommandResult<AssessmentView>> CorrectAsync(Guid assessmentId, AssessmentCorrectionInput input, CancellationToken ct)
    {
        var assessment = await WritableAssessmentAsync(assessmentId, ct);
        if (assessment is null)
            return CommandResult<AssessmentView>.NotFound();
        var errors = CheckCorrection(assessment.Programme!, input, Today);
        if (errors.Count > 0)
            return CommandResult<AssessmentView>.Refused([.. errors]);

        assessment.AssessedOn = input.AssessedOn!.Value;
        assessment.Assessors = input.Assessors!.Trim();
        assessment.Framework = Framework.Key;
        // Scores are changed in place by criterion (one row per criterion and assessment); rows of criteria
        // no longer in the framework go.
        var lines = input.Scores.ToDictionary(l => l.Criterion!);
        foreach (var row in assessment.Scores.ToList())
        {
            if (lines.Remove(row.Criterion, out var line))
            {
                row.Score = line.Score!.Value;
                row.Evidence = Clean(line.Evidence);
            }
            else
                assessment.Scores.Remove(row);
        }
        foreach (var line in lines.Values)
            assessment.Scores.Add(new CapacityScore
            {
                AssessmentId = assessment.Id, OrganisationId = assessment.OrganisationId, Criterion = line.Criterion!,
                Score = line.Score!.Value, Evidence = Clean(line.Evidence),
            });
        audit.Record("training.assessment.change", nameof(CapacityAssessment), assessment.Id, $"programme={assessment.ProgrammeId}");
        await db.SaveChangesAsync(ct);
        var provider = await db.Organisations.Where(o => o.Id == assessment.ProviderId).Select(o => o.Name).FirstAsync(ct);
        return CommandResult<AssessmentView>.Done(View(assessment, provider));
    }

    /// <summary>Removes an assessment recorded by mistake, with its scores; the programme's figures are computed without it from then on.</summary>
    public async Task<CommandResult<AssessmentView>> RemoveAsync(Guid assessmentId, CancellationToken ct)
    {
        var assessment = await WritableAssessmentAsync(assessmentId, ct);
        if (assessment is null)
            return CommandResult<AssessmentView>.NotFound();
        var provider = await db.Organisations.Where(o => o.Id == assessment.ProviderId).Select(o => o.Name).FirstAsync(ct);
        var view = View(assessment, provider);
        db.CapacityAssessments.Remove(assessment);
        audit.Record("training.assessment.remove", nameof(CapacityAssessment), assessment.Id,
            $"programme={assessment.ProgrammeId} provider={assessment.ProviderId}");
        await db.SaveChangesAsync(ct);
        return CommandResult<AssessmentView>.Done(view);
    }

    public static List<RuleError> CheckProgramme(ProgrammeInput input)
    {
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add(new(nameof(input.Name), "Validation.Required"));
        else if (input.Name.Trim().Length > 200)
            errors.Add(new(nameof(input.Name), "Validation.TooLong"));
        if (input.StartsOn is not { } starts)
            errors.Add(new(nameof(input.StartsOn), "Validation.Required"));
        else if (starts < Earliest || starts > Latest)
            errors.Add(new(nameof(input.StartsOn), "Assessments.DateRange"));
        if (input.EndsOn is not { } ends)
            errors.Add(new(nameof(input.EndsOn), "Validation.Required"));
        else if (ends < Earliest || ends > Latest)
            errors.Add(new(nameof(input.EndsOn), "Assessments.DateRange"));
        else if (input.StartsOn is { } from && ends < from)
            errors.Add(new(nameof(input.EndsOn), "Assessments.PeriodReversed"));
        if (input.TargetProviders is { } target && (target < 1 || target > MaxTarget))
            errors.Add(new(nameof(input.TargetProviders), "Assessments.TargetRange"));
        return errors;
    }

    /// <summary>
    /// Every criterion of the framework scored once on its scale, evidence where the score asks for it,
    /// a provider of the programme's country, a date within the programme and not in the future.
    /// Score errors name the line as <c>Scores[i]</c>.
    /// </summary>
    public static List<RuleError> CheckAssessment(CapacityProgramme programme, AssessmentInput input, bool providerKnown, DateOnly today)
    {
        var errors = new List<RuleError>();
        if (!providerKnown)
            errors.Add(new(nameof(input.ProviderId), "Assessments.UnknownProvider"));
        errors.AddRange(CheckCorrection(programme, input, today));
        return errors;
    }

    /// <summary>The rules of an assessment that do not depend on the provider: date, assessors and the scores.</summary>
    public static List<RuleError> CheckCorrection(CapacityProgramme programme, AssessmentCorrectionInput input, DateOnly today)
    {
        var framework = CapacityFramework.Current;
        input.Scores ??= [];
        var errors = new List<RuleError>();
        if (input.AssessedOn is not { } on)
            errors.Add(new(nameof(input.AssessedOn), "Validation.Required"));
        else if (on < programme.StartsOn || on > programme.EndsOn)
            errors.Add(new(nameof(input.AssessedOn), "Assessments.DateOutsidePeriod"));
        else if (on > today)
            errors.Add(new(nameof(input.AssessedOn), "Assessments.DateInFuture"));
        if (string.IsNullOrWhiteSpace(input.Assessors))
            errors.Add(new(nameof(input.Assessors), "Validation.Required"));
        else if (input.Assessors.Trim().Length > 300)
            errors.Add(new(nameof(input.Assessors), "Validation.TooLong"));

        var known = framework.Criteria.Select(c => c.Criterion.Key).ToHashSet();
        var seen = new HashSet<string>();
        for (var i = 0; i < input.Scores.Count; i++)
        {
            var line = input.Scores[i];
            var field = $"Scores[{i}]";
            if (line?.Criterion is null || !known.Contains(line.Criterion))
                errors.Add(new(field, "Assessments.UnknownCriterion"));
            else if (!seen.Add(line.Criterion))
                errors.Add(new(field, "Assessments.CriterionTwice"));
            else if (line.Score is not { } score)
                errors.Add(new(field, "Assessments.ScoreMissing"));
            else if (score < framework.Lowest || score > framework.Highest)
                errors.Add(new(field, "Assessments.ScoreOutsideScale"));
            else if (line.Evidence?.Trim().Length > MaxEvidence)
                errors.Add(new(field, "Validation.TooLong"));
            else if (framework.RequiresEvidence(score) && string.IsNullOrWhiteSpace(line.Evidence))
                errors.Add(new(field, "Assessments.EvidenceRequired"));
        }
        if (known.Any(k => !input.Scores.Any(s => s?.Criterion == k)))
            errors.Add(new(nameof(input.Scores), "Assessments.CriterionMissing"));
        return errors;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private AssessmentView View(CapacityAssessment a, string providerName)
    {
        var framework = Framework;
        var dimensions = CapacityScoring.Dimensions(framework, a.Scores.Select(s => (s.Criterion, s.Score)));
        var text = SeesText;
        var order = framework.Criteria.Select((c, i) => (c.Criterion.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var scores = a.Scores.OrderBy(s => order.GetValueOrDefault(s.Criterion, int.MaxValue))
            .Select(s => new ScoreView(s.Criterion, framework.DimensionOf(s.Criterion)?.Key ?? "", s.Score, text ? s.Evidence : null)).ToList();
        return new AssessmentView(a.Id, a.ProgrammeId, a.ProviderId, providerName, a.AssessedOn, text ? a.Assessors : null,
            a.Framework, dimensions, CapacityScoring.Overall(dimensions), scores);
    }

    private sealed record Figures(ProgrammeSummary Summary, IReadOnlyList<ProviderProgress> Providers, IReadOnlyList<DimensionChange> Changes);

    /// <summary>The programme's figures, computed from its scores: providers assessed and improved, per-dimension change.</summary>
    private async Task<Figures> FiguresAsync(CapacityProgramme programme, CancellationToken ct)
    {
        var framework = Framework;
        var organisationName = await db.Organisations.Where(o => o.Id == programme.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var assessments = await db.CapacityAssessments.AsNoTracking().Where(a => a.ProgrammeId == programme.Id)
            .Select(a => new { a.Id, a.ProviderId, ProviderName = a.Provider!.Name, a.AssessedOn, a.RecordedAt }).ToListAsync(ct);
        var ids = assessments.Select(a => a.Id).ToList();
        var scores = (await db.CapacityScores.AsNoTracking().Where(s => ids.Contains(s.AssessmentId))
            .Select(s => new { s.AssessmentId, s.Criterion, s.Score }).ToListAsync(ct)).ToLookup(s => s.AssessmentId);

        var providers = new List<ProviderProgress>();
        var histories = new List<IReadOnlyList<(DateOnly On, IReadOnlyList<DimensionScore> Dimensions)>>();
        foreach (var group in assessments.GroupBy(a => a.ProviderId))
        {
            var history = group.OrderBy(a => a.AssessedOn).ThenBy(a => a.RecordedAt)
                .Select(a => (On: a.AssessedOn, Dimensions: CapacityScoring.Dimensions(framework, scores[a.Id].Select(s => (s.Criterion, s.Score)))))
                .ToList();
            histories.Add(history);
            var overall = history.Select(h => (h.On, Overall: CapacityScoring.Overall(h.Dimensions) ?? 0m)).ToList();
            providers.Add(new ProviderProgress(group.Key, group.First().ProviderName, history.Count,
                overall[0].On, overall[0].Overall, overall[^1].On, overall[^1].Overall, CapacityScoring.Improved(overall)));
        }
        providers.Sort((x, y) => string.CompareOrdinal(x.ProviderName, y.ProviderName));
        var summary = new ProgrammeSummary(programme.Id, programme.Name, programme.CountryCode, organisationName,
            programme.StartsOn, programme.EndsOn, programme.TargetProviders, providers.Count, providers.Count(p => p.Improved));
        return new Figures(summary, providers, CapacityScoring.Changes(framework, histories));
    }
}
