using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Identification;

/// <summary>One answer as given: the indicator's id in the instrument, yes/no/unknown, an optional note.</summary>
public sealed record AnswerInput(string? Indicator, string? Answer, string? Note);

public sealed record AnswerView(string Indicator, string Answer, string? Note);

/// <summary>A dimension's outcome with its reasons: the yes-answered indicators that counted.</summary>
public sealed record DimensionView(string Dimension, bool Positive, IReadOnlyList<string> CountedIndicators);

/// <summary>A screening as its readers see it. The suggestion is the rule's, never a legal finding.</summary>
public sealed record ScreeningView(
    Guid Id, Guid? CaseId, string List, Guid InstrumentId, string InstrumentKey, string InstrumentVersion, string InstrumentStatus,
    string ListStatus, string RuleStatus, DateTime StartedAt, IReadOnlyList<AnswerView> Answers, IReadOnlyList<DimensionView> Dimensions,
    string Suggestion, IReadOnlyList<string> NoSuggestionReasons, string? Conclusion, string? ConclusionReason, DateTime? ConcludedAt);

/// <summary>A line in a list of screenings.</summary>
public sealed record ScreeningSummary(Guid Id, Guid? CaseId, string List, DateTime StartedAt, string Suggestion, string? Conclusion);

/// <summary>A screening with the instrument it used, parsed, and the rule's result on its answers.</summary>
public sealed record LoadedScreening(Screening Screening, ScreeningInstrument Instrument, InstrumentDocument Document, ScreeningResult Result)
{
    public IndicatorList List => Document.Lists[Screening.List];

    public ScreeningView ToView() => new(
        Screening.Id, Screening.CaseId, InstrumentDocument.NameOf(Screening.List), Instrument.Id, Instrument.Key, Instrument.Version,
        InstrumentDocument.NameOf(Document.Status), InstrumentDocument.NameOf(List.Status), InstrumentDocument.NameOf(Document.Rule.Status),
        Screening.StartedAt,
        [.. Screening.Answers.OrderBy(a => a.IndicatorId, StringComparer.Ordinal).Select(a => new AnswerView(a.IndicatorId, a.Answer.ToString(), a.Note))],
        [.. Result.Dimensions.Select(d => new DimensionView(d.Dimension, d.Positive, [.. d.Counted.Select(i => i.Id)]))],
        Screening.Suggestion.ToString(), [.. Screening.NoSuggestionReasonList.Select(r => r.ToString())],
        Screening.Conclusion?.ToString(), Screening.ConclusionReason, Screening.ConcludedAt);
}

/// <summary>
/// Screening interviews: started by a case worker (before a case exists, or for a case), answered,
/// evaluated by <see cref="IloScreening"/>, concluded by the worker. A screening without a case is
/// seen by its screener and the supervisors of their organisation; one linked to a case by the case team.
/// </summary>
public sealed class ScreeningCommands(UraDbContext db, CurrentUser user, AuditLog audit, CaseAccess access)
{
    public const int MaxNoteLength = 2000;
    public const int MaxReasonLength = 4000;

    /// <summary>The screenings the user may read, in the query.</summary>
    private IQueryable<Screening> Visible()
    {
        if (user.Id is not { } userId || user.OrganisationId is not { } organisationId)
            return db.Screenings.Where(_ => false);
        var supervisor = user.IsInRole(Roles.Supervisor);
        if (!supervisor && !user.IsInRole(Roles.CaseWorker))
            return db.Screenings.Where(_ => false);
        var cases = db.Cases.VisibleToCaseTeam(user).Select(c => c.Id);
        return db.Screenings.Where(s => s.OrganisationId == organisationId
            && ((s.CaseId == null && (supervisor || s.ScreenedById == userId)) || (s.CaseId != null && cases.Contains(s.CaseId.Value))));
    }

    /// <summary>The screenings the user may change: visible ones, and only case workers interview.</summary>
    private IQueryable<Screening> Changeable() => user.IsInRole(Roles.CaseWorker) ? Visible() : db.Screenings.Where(_ => false);

    /// <summary>
    /// The instrument a new screening of this list uses: among the latest version of each instrument,
    /// the one whose list has indicators and is best verified, newest first.
    /// </summary>
    public async Task<(ScreeningInstrument Instrument, InstrumentDocument Document)?> CurrentInstrumentAsync(ScreeningList list, CancellationToken ct)
    {
        var stored = await db.ScreeningInstruments.AsNoTracking().ToListAsync(ct);
        return stored.GroupBy(i => i.Key)
            .Select(g => g.OrderByDescending(i => i.ImportedAt).ThenByDescending(i => i.Id).First())
            .Select(i => (Instrument: i, Document: InstrumentDocument.Parse(i.Document).Document))
            .Where(x => x.Document is not null && x.Document.Lists.ContainsKey(list))
            .Select(x => (x.Instrument, Document: x.Document!))
            .OrderByDescending(x => x.Document.Lists[list].All.Any())
            .ThenBy(x => x.Document.Lists[list].Status)
            .ThenByDescending(x => x.Instrument.ImportedAt)
            .Cast<(ScreeningInstrument, InstrumentDocument)?>()
            .FirstOrDefault();
    }

    public static ScreeningList ListOf(bool child, bool sexual) => (child, sexual) switch
    {
        (false, false) => ScreeningList.AdultLabour,
        (false, true) => ScreeningList.AdultSexual,
        (true, false) => ScreeningList.ChildLabour,
        (true, true) => ScreeningList.ChildSexual,
    };

    /// <summary>Starts a screening with the current instrument for the list; for a case when given (its team only).</summary>
    public async Task<CommandResult<LoadedScreening>> StartAsync(string? listName, Guid? caseId, CancellationToken ct)
    {
        if (!InstrumentDocument.ListNames.TryGetValue(listName ?? "", out var list))
            return CommandResult<LoadedScreening>.Refused("List", "Screening.Interview.UnknownList");
        Case? @case = null;
        if (caseId is { } id)
        {
            var (found, refusal) = await access.ForChangeAsync(id, ct);
            if (found is null)
                return CommandResult<LoadedScreening>.NotFound();
            if (refusal is not null)
                return CommandResult<LoadedScreening>.Refused(refusal);
            @case = found;
        }
        if (await CurrentInstrumentAsync(list, ct) is not { } current)
            return CommandResult<LoadedScreening>.Refused("List", "Screening.Interview.NoInstrument");

        var now = access.Now;
        var screening = new Screening
        {
            OrganisationId = user.RequiredOrganisationId,
            CaseId = @case?.Id,
            InstrumentId = current.Instrument.Id,
            List = list,
            ScreenedById = user.RequiredId,
            StartedAt = now,
            UpdatedAt = now,
        };
        var result = IloScreening.Evaluate(current.Document, list, new Dictionary<string, Answer>());
        screening.Store(result);
        db.Screenings.Add(screening);
        audit.Record("screening.start", nameof(Screening), screening.Id, $"list={listName};instrument={current.Instrument.Key}/{current.Instrument.Version}");
        if (@case is not null)
            access.Record(@case, "screening.start", screening.Id, "Screening.List." + listName);
        await db.SaveChangesAsync(ct);
        return CommandResult<LoadedScreening>.Done(new LoadedScreening(screening, current.Instrument, current.Document, result));
    }

    /// <summary>The screening with its instrument, if the user may read it; the read is audited.</summary>
    public async Task<LoadedScreening?> ReadAsync(Guid id, CancellationToken ct)
    {
        var screening = await Visible().AsNoTracking().Include(s => s.Answers).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (screening is null)
            return null;
        await audit.ReadAsync(nameof(Screening), screening.Id, ct);
        return await LoadInstrumentAsync(screening, ct);
    }

    private async Task<LoadedScreening> LoadInstrumentAsync(Screening screening, CancellationToken ct)
    {
        var instrument = await db.ScreeningInstruments.AsNoTracking().SingleAsync(i => i.Id == screening.InstrumentId, ct);
        var document = InstrumentDocument.Parse(instrument.Document).Document
            ?? throw new InvalidOperationException($"Stored instrument {instrument.Id} no longer validates.");
        var result = IloScreening.Evaluate(document, screening.List, screening.Answers.ToDictionary(a => a.IndicatorId, a => a.Answer));
        return new LoadedScreening(screening, instrument, document, result);
    }

    /// <summary>
    /// Records answers (each replaces an earlier answer to the same indicator) and stores the rule's
    /// new result. Refused once the worker has concluded, or when the screening's case is closed.
    /// </summary>
    public async Task<CommandResult<LoadedScreening>> AnswerAsync(Guid id, IReadOnlyList<AnswerInput> answers, CancellationToken ct)
    {
        var screening = await Changeable().Include(s => s.Answers).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (screening is null)
            return CommandResult<LoadedScreening>.NotFound();
        var (@case, refusal) = await CaseOfAsync(screening, ct);
        if (screening.CaseId is not null && @case is null)
            return CommandResult<LoadedScreening>.NotFound();
        if (refusal is not null)
            return CommandResult<LoadedScreening>.Refused(refusal);
        if (screening.IsConcluded)
            return CommandResult<LoadedScreening>.Refused("", "Screening.Interview.AlreadyConcluded");

        var loaded = await LoadInstrumentAsync(screening, ct);
        var known = loaded.List.All.Select(x => x.Indicator.Id).ToHashSet(StringComparer.Ordinal);
        var parsed = new List<(string Indicator, Answer Answer, string? Note)>();
        foreach (var answer in answers)
        {
            if (answer.Indicator is null || !known.Contains(answer.Indicator))
                return CommandResult<LoadedScreening>.Refused("Answers", "Screening.Interview.UnknownIndicator");
            if (!Enum.TryParse<Answer>(answer.Answer, ignoreCase: false, out var value) || !Enum.IsDefined(value) || int.TryParse(answer.Answer, out _))
                return CommandResult<LoadedScreening>.Refused("Answers", "Screening.Interview.UnknownAnswer");
            var note = string.IsNullOrWhiteSpace(answer.Note) ? null : answer.Note.Trim();
            if (note is { Length: > MaxNoteLength })
                return CommandResult<LoadedScreening>.Refused("Answers", "Screening.Interview.NoteTooLong");
            parsed.Add((answer.Indicator, value, note));
        }
        if (parsed.Select(p => p.Indicator).Distinct(StringComparer.Ordinal).Count() != parsed.Count)
            return CommandResult<LoadedScreening>.Refused("Answers", "Screening.Interview.DuplicateIndicator");

        foreach (var (indicator, value, note) in parsed)
        {
            var existing = screening.Answers.FirstOrDefault(a => a.IndicatorId == indicator);
            if (existing is null)
                screening.Answers.Add(new ScreeningAnswer { ScreeningId = screening.Id, IndicatorId = indicator, Answer = value, Note = note });
            else
                (existing.Answer, existing.Note) = (value, note);
        }
        var result = IloScreening.Evaluate(loaded.Document, screening.List, screening.Answers.ToDictionary(a => a.IndicatorId, a => a.Answer));
        screening.Store(result);
        screening.UpdatedAt = access.Now;
        audit.Record("screening.answer", nameof(Screening), screening.Id, $"answers={parsed.Count};suggestion={screening.Suggestion}");
        if (@case is not null)
            access.Record(@case, "screening.answer", screening.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<LoadedScreening>.Done(loaded with { Result = result });
    }

    /// <summary>Records the worker's own conclusion with its reason; after it the answers are final.</summary>
    public async Task<CommandResult<LoadedScreening>> ConcludeAsync(Guid id, string? conclusion, string? reason, CancellationToken ct)
    {
        var screening = await Changeable().Include(s => s.Answers).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (screening is null)
            return CommandResult<LoadedScreening>.NotFound();
        var (@case, refusal) = await CaseOfAsync(screening, ct);
        if (screening.CaseId is not null && @case is null)
            return CommandResult<LoadedScreening>.NotFound();
        if (refusal is not null)
            return CommandResult<LoadedScreening>.Refused(refusal);
        if (screening.IsConcluded)
            return CommandResult<LoadedScreening>.Refused("", "Screening.Interview.AlreadyConcluded");
        if (!Enum.TryParse<ScreeningConclusion>(conclusion, ignoreCase: false, out var value) || !Enum.IsDefined(value) || int.TryParse(conclusion, out _))
            return CommandResult<LoadedScreening>.Refused("Conclusion", "Screening.Conclusion.Unknown");
        if (string.IsNullOrWhiteSpace(reason))
            return CommandResult<LoadedScreening>.Refused("Reason", "Screening.Conclusion.ReasonRequired");
        if (reason.Trim().Length > MaxReasonLength)
            return CommandResult<LoadedScreening>.Refused("Reason", "Validation.TooLong");

        screening.Conclusion = value;
        screening.ConclusionReason = reason.Trim();
        screening.ConcludedAt = access.Now;
        screening.ConcludedById = user.RequiredId;
        screening.UpdatedAt = access.Now;
        audit.Record("screening.conclude", nameof(Screening), screening.Id, $"conclusion={value}");
        if (@case is not null)
            access.Record(@case, "screening.conclude", screening.Id, "ScreeningConclusion." + value);
        await db.SaveChangesAsync(ct);
        return CommandResult<LoadedScreening>.Done(await LoadInstrumentAsync(screening, ct));
    }

    /// <summary>The case a screening belongs to, tracked for recording the change (null if out of the team's scope); a refusal if it is closed.</summary>
    private async Task<(Case? Case, RuleError? Refusal)> CaseOfAsync(Screening screening, CancellationToken ct)
    {
        if (screening.CaseId is not { } caseId)
            return (null, null);
        return await access.ForChangeAsync(caseId, ct);
    }

    /// <summary>The case's screenings, newest first, for its team (null when out of scope); the read is audited.</summary>
    public async Task<IReadOnlyList<ScreeningSummary>?> ForCaseAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is null)
            return null;
        return await OfReadCaseAsync(caseId, ct);
    }

    /// <summary>The screenings of a case the caller has already read through <see cref="CaseAccess.ReadAsync"/>.</summary>
    internal Task<IReadOnlyList<ScreeningSummary>> OfReadCaseAsync(Guid caseId, CancellationToken ct) =>
        SummariesAsync(db.Screenings.Where(s => s.CaseId == caseId), ct);

    /// <summary>Screenings not linked to a case that the user may read: their own, or their organisation's for a supervisor.</summary>
    public Task<IReadOnlyList<ScreeningSummary>> WithoutCaseAsync(CancellationToken ct) =>
        SummariesAsync(Visible().Where(s => s.CaseId == null), ct);

    private static async Task<IReadOnlyList<ScreeningSummary>> SummariesAsync(IQueryable<Screening> screenings, CancellationToken ct)
    {
        var rows = await screenings.AsNoTracking().OrderByDescending(s => s.StartedAt).Take(200)
            .Select(s => new { s.Id, s.CaseId, s.List, s.StartedAt, s.Suggestion, s.Conclusion }).ToListAsync(ct);
        return [.. rows.Select(s => new ScreeningSummary(s.Id, s.CaseId, InstrumentDocument.NameOf(s.List), s.StartedAt, s.Suggestion.ToString(), s.Conclusion?.ToString()))];
    }

    /// <summary>
    /// A screening the user may link to the case they are opening: their own, of their organisation,
    /// not yet linked. Tracked, so that registration saves the link with the case.
    /// </summary>
    public Task<Screening?> LinkableAsync(Guid id, CancellationToken ct)
    {
        var userId = user.Id ?? Guid.Empty;
        var organisationId = user.OrganisationId ?? Guid.Empty;
        return db.Screenings.SingleOrDefaultAsync(s => s.Id == id && s.ScreenedById == userId && s.OrganisationId == organisationId && s.CaseId == null, ct);
    }

    /// <summary>Links the screening to the case being opened; saved with the case.</summary>
    public void Link(Screening screening, Case @case)
    {
        screening.CaseId = @case.Id;
        screening.UpdatedAt = access.Now;
        access.Record(@case, "screening.link", screening.Id);
    }

    public static string Date(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
