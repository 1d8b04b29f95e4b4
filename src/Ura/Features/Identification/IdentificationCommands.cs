using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Identification;

public sealed record AuthorityChoice(Guid Id, string Name);

/// <summary>A submission as the case team sees it.</summary>
public sealed record SubmissionView(Guid Id, Guid AuthorityId, string Authority, DateTime SubmittedAt, string Statement,
    string? Decision, DateOnly? DecidedOn, string? Basis);

public sealed record IdentificationRecordView(DateOnly? ReflectionStartsOn, DateOnly? ReflectionEndsOn, string? Cooperation, DateOnly? CooperationOn);

/// <summary>The identification section of a case: screenings, submissions, the record, and where the case can be submitted.</summary>
public sealed record CaseIdentificationView(Guid CaseId, string TraffickingStatus, IReadOnlyList<ScreeningSummary> Screenings,
    IReadOnlyList<SubmissionView> Submissions, IdentificationRecordView Record, IReadOnlyList<AuthorityChoice> Authorities);

/// <summary>A line in an identification authority's inbox.</summary>
public sealed record InboxItem(Guid Id, string CaseReference, string SubmittedBy, DateTime SubmittedAt, string? Decision);

/// <summary>A screening's result as the authority sees it: no answers, no notes, no reasons in the worker's words.</summary>
public sealed record ScreeningOutcome(string List, DateTime StartedAt, IReadOnlyList<string> PositiveDimensions, string Suggestion, string? Conclusion);

/// <summary>
/// Only what an identification officer needs to decide: who submits, which case, the person's
/// gender, age band, child flag and citizenships, the screening outcomes and the worker's statement.
/// No name, birth date, contacts or documents: the decision rests on the facts, and the authority
/// meets the person through the submitting organisation.
/// </summary>
public sealed record DecisionView(Guid Id, string CaseReference, string SubmittedBy, DateTime SubmittedAt, DateOnly CaseOpenedOn,
    string Gender, string AgeBand, bool IsChild, IReadOnlyList<string> Citizenships, IReadOnlyList<ScreeningOutcome> Screenings,
    string Statement, string? Decision, DateOnly? DecidedOn, string? Basis);

/// <summary>
/// Formal identification (SOP 1): the case team submits the case to an identification authority of
/// its country; an identification officer there decides; the case's trafficking status follows, and
/// an actual victim's reflection and recovery period starts, with reminders for the team.
/// </summary>
public sealed class IdentificationCommands(UraDbContext db, CurrentUser user, AuditLog audit, CaseAccess access, ScreeningCommands screenings,
    IStringLocalizer<Text> text)
{
    public const int MaxStatementLength = 4000;

    /// <summary>The case (for its header) and its identification section, for its team; the read is audited.</summary>
    public async Task<(Case Case, CaseIdentificationView View)?> ReadForCaseAsync(Guid caseId, CancellationToken ct)
    {
        var @case = await access.ReadAsync(caseId, ct);
        if (@case is null)
            return null;
        var list = await screenings.OfReadCaseAsync(@case.Id, ct);
        var submissions = await db.IdentificationSubmissions.AsNoTracking().Where(s => s.CaseId == @case.Id)
            .OrderByDescending(s => s.SubmittedAt)
            .Join(db.Organisations, s => s.AuthorityId, o => o.Id, (s, o) => new { s, o.Name }).ToListAsync(ct);
        var record = await db.CaseIdentifications.AsNoTracking().SingleOrDefaultAsync(i => i.CaseId == @case.Id, ct);
        return (@case, new CaseIdentificationView(@case.Id, @case.TraffickingStatus.ToString(), list,
            [.. submissions.Select(x => new SubmissionView(x.s.Id, x.s.AuthorityId, x.Name, x.s.SubmittedAt, x.s.Statement, x.s.Decision?.ToString(), x.s.DecidedOn, x.s.Basis))],
            new IdentificationRecordView(record?.ReflectionStartsOn, record?.ReflectionEndsOn, record?.Cooperation?.ToString(), record?.CooperationOn),
            await AuthoritiesForAsync(@case.OrganisationId, ct)));
    }

    /// <summary>The active identification authorities of the country of the case's organisation.</summary>
    private Task<List<AuthorityChoice>> AuthoritiesForAsync(Guid organisationId, CancellationToken ct)
    {
        var country = db.Organisations.Where(o => o.Id == organisationId).Select(o => o.CountryCode);
        return db.Organisations.AsNoTracking()
            .Where(o => o.IsIdentificationAuthority && o.IsActive && country.Contains(o.CountryCode))
            .OrderBy(o => o.Name).Select(o => new AuthorityChoice(o.Id, o.Name)).ToListAsync(ct);
    }

    /// <summary>Submits the case; refused while another submission waits, or once the person is identified.</summary>
    public async Task<CommandResult<SubmissionView>> SubmitAsync(Guid caseId, Guid? authorityId, string? statement, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<SubmissionView>.NotFound();
        if (refusal is not null)
            return CommandResult<SubmissionView>.Refused(refusal);
        var authority = (await AuthoritiesForAsync(@case.OrganisationId, ct)).FirstOrDefault(a => a.Id == authorityId);
        if (authority is null)
            return CommandResult<SubmissionView>.Refused("AuthorityId", "Identification.Submit.UnknownAuthority");
        if (string.IsNullOrWhiteSpace(statement))
            return CommandResult<SubmissionView>.Refused("Statement", "Identification.Submit.StatementRequired");
        if (statement.Trim().Length > MaxStatementLength)
            return CommandResult<SubmissionView>.Refused("Statement", "Validation.TooLong");
        if (@case.TraffickingStatus == TraffickingStatus.ActualVictimOfTrafficking)
            return CommandResult<SubmissionView>.Refused("", "Identification.Submit.AlreadyIdentified");
        if (await db.IdentificationSubmissions.AnyAsync(s => s.CaseId == @case.Id && s.Decision == null, ct))
            return CommandResult<SubmissionView>.Refused("", "Identification.Submit.AlreadyPending");

        var submission = new IdentificationSubmission
        {
            CaseId = @case.Id,
            OrganisationId = @case.OrganisationId,
            AuthorityId = authority.Id,
            SubmittedAt = access.Now,
            SubmittedById = user.RequiredId,
            Statement = statement.Trim(),
        };
        db.IdentificationSubmissions.Add(submission);
        access.Record(@case, "identification.submit", submission.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<SubmissionView>.Done(new SubmissionView(submission.Id, authority.Id, authority.Name, submission.SubmittedAt, submission.Statement, null, null, null));
    }

    /// <summary>
    /// Records the person's choice about cooperating with the authorities. It is information for the
    /// team and never a condition: no other action on the case looks at it.
    /// </summary>
    public async Task<CommandResult<IdentificationRecordView>> RecordCooperationAsync(Guid caseId, string? choice, DateOnly? on, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<IdentificationRecordView>.NotFound();
        if (refusal is not null)
            return CommandResult<IdentificationRecordView>.Refused(refusal);
        if (!Enum.TryParse<Cooperation>(choice, ignoreCase: false, out var value) || !Enum.IsDefined(value) || int.TryParse(choice, out _))
            return CommandResult<IdentificationRecordView>.Refused("Cooperation", "Identification.Cooperation.Unknown");
        if (DateError(on, @case, "CooperationOn") is { } dateError)
            return CommandResult<IdentificationRecordView>.Refused(dateError);

        var record = await RecordOfAsync(@case, ct);
        record.Cooperation = value;
        record.CooperationOn = on;
        record.CooperationRecordedById = user.RequiredId;
        access.Record(@case, "identification.cooperation", null, "Cooperation." + value);
        await db.SaveChangesAsync(ct);
        return CommandResult<IdentificationRecordView>.Done(new IdentificationRecordView(record.ReflectionStartsOn, record.ReflectionEndsOn, value.ToString(), on));
    }

    private async Task<CaseIdentification> RecordOfAsync(Case @case, CancellationToken ct)
    {
        var record = await db.CaseIdentifications.SingleOrDefaultAsync(i => i.CaseId == @case.Id, ct);
        if (record is null)
        {
            record = new CaseIdentification { CaseId = @case.Id, OrganisationId = @case.OrganisationId };
            db.CaseIdentifications.Add(record);
        }
        return record;
    }

    /// <summary>A date given for the case must be known, not in the future and not before the case was opened.</summary>
    private RuleError? DateError(DateOnly? date, Case @case, string field) => date switch
    {
        null => new RuleError(field, "Identification.Date.Required"),
        { } d when d > access.Today => new RuleError(field, "Identification.Date.Future"),
        { } d when d < DateOnly.FromDateTime(@case.OpenedAt) => new RuleError(field, "Identification.Date.BeforeCase"),
        _ => null,
    };

    /// <summary>Submissions addressed to the officer's authority; nothing for anyone else.</summary>
    private IQueryable<IdentificationSubmission> Addressed()
    {
        if (!user.IsInRole(Roles.IdentificationOfficer) || user.OrganisationId is not { } organisationId)
            return db.IdentificationSubmissions.Where(_ => false);
        return db.IdentificationSubmissions.Where(s => s.AuthorityId == organisationId);
    }

    public async Task<IReadOnlyList<InboxItem>> InboxAsync(CancellationToken ct)
    {
        var rows = await Addressed().AsNoTracking()
            .OrderBy(s => s.Decision != null).ThenByDescending(s => s.SubmittedAt).Take(500)
            .Join(db.Cases, s => s.CaseId, c => c.Id, (s, c) => new { s, c.Reference })
            .Join(db.Organisations, x => x.s.OrganisationId, o => o.Id, (x, o) => new { x.s.Id, x.Reference, o.Name, x.s.SubmittedAt, x.s.Decision })
            .ToListAsync(ct);
        return [.. rows.Select(r => new InboxItem(r.Id, r.Reference, r.Name, r.SubmittedAt, r.Decision?.ToString()))];
    }

    /// <summary>The submission with only the fields needed to decide; the read of case content is audited.</summary>
    public async Task<DecisionView?> ReadSubmissionAsync(Guid id, CancellationToken ct)
    {
        var submission = await Addressed().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (submission is null)
            return null;
        audit.Record("read", nameof(IdentificationSubmission), submission.Id, $"case={submission.CaseId}");
        await db.SaveChangesAsync(ct);
        return await DecisionViewAsync(submission, ct);
    }

    private async Task<DecisionView> DecisionViewAsync(IdentificationSubmission s, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == s.CaseId)
            .Select(x => new { x.Reference, x.OpenedAt }).SingleAsync(ct);
        // Only the clear statistical fields of the person are read: the encrypted ones never leave the database.
        var person = await db.Persons.AsNoTracking().Where(p => p.CaseId == s.CaseId)
            .Select(p => new { p.Gender, p.AgeBand, p.IsChild, p.Citizenships }).SingleOrDefaultAsync(ct);
        var submittedBy = await db.Organisations.Where(o => o.Id == s.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        var outcomes = await db.Screenings.AsNoTracking().Where(x => x.CaseId == s.CaseId).OrderByDescending(x => x.StartedAt)
            .Select(x => new { x.List, x.StartedAt, x.PositiveDimensions, x.Suggestion, x.Conclusion }).ToListAsync(ct);
        return new DecisionView(s.Id, c.Reference, submittedBy, s.SubmittedAt, DateOnly.FromDateTime(c.OpenedAt),
            person?.Gender.ToString() ?? "", person?.AgeBand.ToString() ?? "", person?.IsChild == true,
            person is null ? [] : person.Citizenships.Split(',', StringSplitOptions.RemoveEmptyEntries),
            [.. outcomes.Select(o => new ScreeningOutcome(InstrumentDocument.NameOf(o.List), o.StartedAt,
                o.PositiveDimensions.Split(',', StringSplitOptions.RemoveEmptyEntries), o.Suggestion.ToString(), o.Conclusion?.ToString()))],
            s.Statement, s.Decision?.ToString(), s.DecidedOn, s.Basis);
    }

    /// <summary>
    /// The authority's decision. Only an identification officer of the addressed authority finds the
    /// submission (anyone else: not found, nothing changes); a decided submission is never decided again.
    /// An actual victim's reflection period starts on the decision date, with reminders for the team.
    /// </summary>
    public async Task<CommandResult<DecisionView>> DecideAsync(Guid id, string? decision, DateOnly? decidedOn, string? basis, CancellationToken ct)
    {
        var submission = await Addressed().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (submission is null)
            return CommandResult<DecisionView>.NotFound();
        if (submission.IsDecided)
            return CommandResult<DecisionView>.Refused("", "Identification.Decision.AlreadyDecided");
        // The officer is not on the case team: the case is loaded through the submission addressed to them.
        var @case = await db.Cases.SingleAsync(c => c.Id == submission.CaseId, ct);
        if (@case.IsClosed)
            return CommandResult<DecisionView>.Refused("", "Cases.Closed");
        if (!Enum.TryParse<TraffickingStatus>(decision, ignoreCase: false, out var value) || int.TryParse(decision, out _)
            || value is not (TraffickingStatus.ActualVictimOfTrafficking or TraffickingStatus.NotAVictimOfTrafficking))
            return CommandResult<DecisionView>.Refused("Decision", "Identification.Decision.Unknown");
        if (DateError(decidedOn, @case, "DecidedOn") is { } dateError)
            return CommandResult<DecisionView>.Refused(dateError);
        if (string.IsNullOrWhiteSpace(basis))
            return CommandResult<DecisionView>.Refused("Basis", "Identification.Decision.BasisRequired");
        if (basis.Trim().Length > MaxStatementLength)
            return CommandResult<DecisionView>.Refused("Basis", "Validation.TooLong");

        // Claim the submission in the database first, so two officers deciding at the same moment
        // cannot both succeed: the second finds it claimed and is refused like any second decision.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = access.Now;
        var claimed = await db.IdentificationSubmissions.Where(s => s.Id == submission.Id && s.DecidedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.DecidedAt, now), ct);
        if (claimed == 0)
            return CommandResult<DecisionView>.Refused("", "Identification.Decision.AlreadyDecided");

        submission.Decision = value;
        submission.DecidedOn = decidedOn;
        submission.Basis = basis.Trim();
        submission.DecidedAt = now;
        submission.DecidedById = user.RequiredId;
        @case.TraffickingStatus = value;
        access.Record(@case, "identification.decide", submission.Id, "TraffickingStatus." + value);
        if (value == TraffickingStatus.ActualVictimOfTrafficking)
            await StartReflectionPeriodAsync(@case, decidedOn!.Value, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<DecisionView>.Done(await DecisionViewAsync(submission, ct));
    }

    private async Task StartReflectionPeriodAsync(Case @case, DateOnly startsOn, CancellationToken ct)
    {
        var days = await db.Organisations.Where(o => o.Id == @case.OrganisationId)
            .Join(db.Countries, o => o.CountryCode, c => c.Code, (_, c) => c.ReflectionPeriodDays).SingleAsync(ct);
        var endsOn = ReflectionPeriod.EndsOn(startsOn, days);
        var record = await RecordOfAsync(@case, ct);
        record.ReflectionStartsOn = startsOn;
        record.ReflectionEndsOn = endsOn;

        var workers = await db.CaseTeamMembers.Where(m => m.CaseId == @case.Id).Select(m => m.UserId).ToListAsync(ct);
        var ending = endsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var dueOn in ReflectionPeriod.RemindersFor(startsOn, endsOn))
            foreach (var worker in workers)
                db.CaseTasks.Add(new CaseTask
                {
                    CaseId = @case.Id,
                    OrganisationId = @case.OrganisationId,
                    Kind = CaseTaskKind.ReflectionPeriodEnd,
                    Title = dueOn == endsOn ? text["Identification.Reminder.EndsToday", ending] : text["Identification.Reminder.EndsSoon", ending],
                    DueOn = dueOn,
                    AssigneeId = worker,
                    CreatedAt = access.Now,
                    CreatedById = user.RequiredId,
                });
        access.Record(@case, "identification.reflection", null, null);
    }
}
