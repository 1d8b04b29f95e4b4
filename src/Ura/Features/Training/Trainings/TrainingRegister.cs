using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Training.Trainings;

/// <summary>A training as an outreach officer writes it. The organising organisation is the user's, never taken from here.</summary>
public sealed class TrainingInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Training.Field.Title")]
    public string? Title { get; set; }

    /// <summary>A <see cref="TrainingTopic"/> name.</summary>
    public string? Topic { get; set; }

    /// <summary>ISO 3166 alpha-2 of the country the training took place in.</summary>
    public string? CountryCode { get; set; }

    [Display(Name = "Training.Field.StartsOn")]
    public DateOnly? StartsOn { get; set; }

    [Display(Name = "Training.Field.EndsOn")]
    public DateOnly? EndsOn { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Training.Field.Place")]
    public string? Place { get; set; }

    [StringLength(1000, ErrorMessage = "Validation.TooLong"), Display(Name = "Training.Field.Trainers")]
    public string? Trainers { get; set; }

    /// <summary>Directory organisations whose staff took part, of any country.</summary>
    public List<Guid> OrganisationIds { get; set; } = [];

    /// <summary>People by role and sex; a count left out or zero means nobody.</summary>
    public List<ParticipantCountInput> Participants { get; set; } = [];

    [Display(Name = "Training.Field.TestedCount")]
    public int? TestedCount { get; set; }

    /// <summary>Average score before, 0 to 100.</summary>
    public decimal? ScoreBefore { get; set; }

    /// <summary>Average score after, 0 to 100.</summary>
    public decimal? ScoreAfter { get; set; }

    [Display(Name = "Training.Field.ImprovedCount")]
    public int? ImprovedCount { get; set; }
}

/// <summary>How many of one role and sex (names of <see cref="ParticipantRole"/> and <see cref="ParticipantSex"/>).</summary>
public sealed class ParticipantCountInput
{
    public string? Role { get; set; }
    public string? Sex { get; set; }
    public int? Count { get; set; }
}

/// <summary>A follow-up action agreed at a training.</summary>
public sealed class FollowUpInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.TooLong"), Display(Name = "Training.Field.FollowUpAction")]
    public string? Action { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Training.Field.FollowUpOwner")]
    public string? Owner { get; set; }

    [Display(Name = "Training.Field.FollowUpDue")]
    public DateOnly? DueOn { get; set; }
}

public sealed record ParticipantCount(ParticipantRole Role, ParticipantSex Sex, int Count);

public sealed record OrganisationRef(Guid Id, string Name, string CountryCode);

public sealed record FollowUpView(Guid Id, string Action, string? Owner, DateOnly? DueOn, bool Done);

/// <summary>One row of a list of trainings.</summary>
public sealed record TrainingSummary(Guid Id, string Title, TrainingTopic Topic, string CountryCode, DateOnly StartsOn, DateOnly EndsOn,
    string OrganisationName, int Participants, decimal? ScoreBefore, decimal? ScoreAfter, decimal? ScoreChange);

/// <summary>
/// A training as its reader may see it. <see cref="Trainers"/> and <see cref="FollowUps"/> are null for
/// analysts (figures only); <see cref="CanChange"/> is true for the organising organisation's outreach officers.
/// </summary>
public sealed record TrainingView(Guid Id, string Title, TrainingTopic Topic, string CountryCode, DateOnly StartsOn, DateOnly EndsOn,
    string? Place, string? Trainers, OrganisationRef Organiser, IReadOnlyList<OrganisationRef> Organisations,
    IReadOnlyList<ParticipantCount> Participants, int ParticipantTotal, int? TestedCount, decimal? ScoreBefore, decimal? ScoreAfter,
    decimal? ScoreChange, int? ImprovedCount, decimal? ImprovedShare, IReadOnlyList<FollowUpView>? FollowUps, int FollowUpsOpen, bool CanChange)
{
    public int Count(ParticipantRole role, ParticipantSex sex) => Participants.Where(p => p.Role == role && p.Sex == sex).Sum(p => p.Count);
    public int Count(ParticipantRole role) => Participants.Where(p => p.Role == role).Sum(p => p.Count);
    public int Count(ParticipantSex sex) => Participants.Where(p => p.Sex == sex).Sum(p => p.Count);
}

/// <summary>What a list of trainings may be narrowed to.</summary>
public sealed record TrainingFilter(string? CountryCode = null, int? Year = null, string? Topic = null);

/// <summary>
/// Trainings: who may read which (outreach officers their organisation's, national coordinators their
/// country's, analysts all, as figures), and the outreach officer's changes to their organisation's.
/// Every load is scoped inside the query: a training out of scope is not found.
/// </summary>
public sealed class TrainingRegister(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public const int MaxCount = 100_000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Only analysts-without-another-reading-role are kept to figures.</summary>
    private bool SeesNames => user.IsInRole(Roles.OutreachOfficer) || user.IsInRole(Roles.NationalCoordinator);

    private IQueryable<TrainingCourse> Readable
    {
        get
        {
            if (user.IsInRole(Roles.Analyst))
                return db.Trainings;
            var organisationId = user.OrganisationId ?? Guid.Empty;
            var country = user.CountryCode ?? "";
            var outreach = user.IsInRole(Roles.OutreachOfficer);
            var coordinator = user.IsInRole(Roles.NationalCoordinator);
            return db.Trainings.Where(t => (outreach && t.OrganisationId == organisationId) || (coordinator && t.CountryCode == country));
        }
    }

    /// <summary>The user's organisation's trainings, the only ones an outreach officer may change.</summary>
    private IQueryable<TrainingCourse> Own => user.IsInRole(Roles.OutreachOfficer) ? db.Trainings.OfOwnOrganisation(user) : db.Trainings.Where(_ => false);

    public async Task<IReadOnlyList<TrainingSummary>> ListAsync(TrainingFilter filter, CancellationToken ct)
    {
        var query = Readable.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.CountryCode))
        {
            var country = filter.CountryCode.Trim().ToUpperInvariant();
            query = query.Where(t => t.CountryCode == country);
        }
        if (filter.Year is { } year)
        {
            var from = new DateOnly(Math.Clamp(year, 1, 9998), 1, 1);
            var to = from.AddYears(1);
            query = query.Where(t => t.StartsOn >= from && t.StartsOn < to);
        }
        if (Enum.TryParse<TrainingTopic>(filter.Topic, out var topic) && PersonRules.IsValue<TrainingTopic>(filter.Topic))
            query = query.Where(t => t.Topic == topic);
        var rows = await query.OrderByDescending(t => t.StartsOn).ThenBy(t => t.Title)
            .Select(t => new
            {
                t.Id, t.Title, t.Topic, t.CountryCode, t.StartsOn, t.EndsOn, t.ScoreBefore, t.ScoreAfter,
                Organisation = db.Organisations.Where(o => o.Id == t.OrganisationId).Select(o => o.Name).First(),
                Participants = t.Participants.Sum(p => (int?)p.Count) ?? 0,
            })
            .Take(500).ToListAsync(ct);
        return [.. rows.Select(r => new TrainingSummary(r.Id, r.Title, r.Topic, r.CountryCode, r.StartsOn, r.EndsOn, r.Organisation, r.Participants,
            r.ScoreBefore, r.ScoreAfter, r.ScoreBefore is { } b && r.ScoreAfter is { } a ? a - b : null))];
    }

    public async Task<TrainingView?> GetAsync(Guid id, CancellationToken ct)
    {
        var t = await Readable.AsNoTracking().Include(x => x.Participants).Include(x => x.Organisations).Include(x => x.FollowUps)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null)
            return null;
        var ids = t.Organisations.Select(o => o.OrganisationId).Append(t.OrganisationId).ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new OrganisationRef(o.Id, o.Name, o.CountryCode)).ToListAsync(ct);
        var names = SeesNames;
        var participants = t.Participants.Where(p => p.Count > 0).OrderBy(p => p.Role).ThenBy(p => p.Sex)
            .Select(p => new ParticipantCount(p.Role, p.Sex, p.Count)).ToList();
        return new TrainingView(t.Id, t.Title, t.Topic, t.CountryCode, t.StartsOn, t.EndsOn, t.Place, names ? t.Trainers : null,
            organisations.Single(o => o.Id == t.OrganisationId),
            [.. organisations.Where(o => t.Organisations.Any(x => x.OrganisationId == o.Id)).OrderBy(o => o.CountryCode).ThenBy(o => o.Name)],
            participants, participants.Sum(p => p.Count), t.TestedCount, t.ScoreBefore, t.ScoreAfter, t.ScoreChange, t.ImprovedCount,
            t.ImprovedShare,
            names ? [.. t.FollowUps.OrderBy(f => f.Done).ThenBy(f => f.DueOn ?? DateOnly.MaxValue).ThenBy(f => f.CreatedAt)
                .Select(f => new FollowUpView(f.Id, f.Action, f.Owner, f.DueOn, f.Done))] : null,
            t.FollowUps.Count(f => !f.Done),
            user.IsInRole(Roles.OutreachOfficer) && t.OrganisationId == user.OrganisationId);
    }

    /// <summary>The training as its edit form shows it; null unless the user's organisation's.</summary>
    public async Task<TrainingInput?> ForEditAsync(Guid id, CancellationToken ct)
    {
        var t = await Own.AsNoTracking().Include(x => x.Participants).Include(x => x.Organisations).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        return t is null ? null : new TrainingInput
        {
            Title = t.Title, Topic = t.Topic.ToString(), CountryCode = t.CountryCode, StartsOn = t.StartsOn, EndsOn = t.EndsOn, Place = t.Place,
            Trainers = t.Trainers, OrganisationIds = [.. t.Organisations.Select(o => o.OrganisationId)],
            Participants = [.. t.Participants.Select(p => new ParticipantCountInput { Role = p.Role.ToString(), Sex = p.Sex.ToString(), Count = p.Count })],
            TestedCount = t.TestedCount, ScoreBefore = t.ScoreBefore, ScoreAfter = t.ScoreAfter, ImprovedCount = t.ImprovedCount,
        };
    }

    /// <summary>Whether the user's organisation has this training (for pages that must answer 404 first).</summary>
    public Task<bool> IsOwnAsync(Guid id, CancellationToken ct) => Own.AnyAsync(t => t.Id == id, ct);

    public async Task<CommandResult<TrainingView>> CreateAsync(TrainingInput input, CancellationToken ct)
    {
        var errors = await CheckAsync(input, ct);
        if (errors.Count > 0)
            return CommandResult<TrainingView>.Refused([.. errors]);
        var now = Now;
        var training = new TrainingCourse { OrganisationId = user.RequiredOrganisationId, CountryCode = "", Title = "", CreatedAt = now };
        Apply(training, input, now);
        db.Trainings.Add(training);
        audit.Record("training.create", nameof(TrainingCourse), training.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<TrainingView>.Done((await GetAsync(training.Id, ct))!);
    }

    public async Task<CommandResult<TrainingView>> ChangeAsync(Guid id, TrainingInput input, CancellationToken ct)
    {
        var training = await Own.Include(t => t.Participants).Include(t => t.Organisations).AsSplitQuery().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (training is null)
            return CommandResult<TrainingView>.NotFound();
        var errors = await CheckAsync(input, ct);
        if (errors.Count > 0)
            return CommandResult<TrainingView>.Refused([.. errors]);
        Apply(training, input, Now);
        audit.Record("training.change", nameof(TrainingCourse), training.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<TrainingView>.Done((await GetAsync(training.Id, ct))!);
    }

    public async Task<CommandResult<TrainingView>> AddFollowUpAsync(Guid id, FollowUpInput input, CancellationToken ct)
    {
        var training = await Own.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (training is null)
            return CommandResult<TrainingView>.NotFound();
        var errors = CheckFollowUp(input);
        if (errors.Count > 0)
            return CommandResult<TrainingView>.Refused([.. errors]);
        var followUp = new TrainingFollowUp
        {
            TrainingId = training.Id, Action = input.Action!.Trim(), Owner = Clean(input.Owner), DueOn = input.DueOn, CreatedAt = Now,
        };
        db.TrainingFollowUps.Add(followUp);
        training.ModifiedAt = Now;
        audit.Record("training.followup.add", nameof(TrainingFollowUp), followUp.Id, $"training={training.Id}");
        await db.SaveChangesAsync(ct);
        return CommandResult<TrainingView>.Done((await GetAsync(training.Id, ct))!);
    }

    /// <summary>Marks a follow-up action done, or open again.</summary>
    public async Task<CommandResult<TrainingView>> SetFollowUpDoneAsync(Guid id, Guid followUpId, bool done, CancellationToken ct)
    {
        // Through the user's own training: another organisation's follow-up is not found.
        var followUp = await Own.Where(t => t.Id == id).SelectMany(t => t.FollowUps).FirstOrDefaultAsync(f => f.Id == followUpId, ct);
        if (followUp is null)
            return CommandResult<TrainingView>.NotFound();
        followUp.Done = done;
        audit.Record(done ? "training.followup.done" : "training.followup.reopen", nameof(TrainingFollowUp), followUp.Id, $"training={id}");
        await db.SaveChangesAsync(ct);
        return CommandResult<TrainingView>.Done((await GetAsync(id, ct))!);
    }

    /// <summary>Every organisation of the directory, any country, for the "who took part" choice.</summary>
    public async Task<IReadOnlyList<OrganisationRef>> OrganisationsAsync(CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.CountryCode).ThenBy(o => o.Name)
            .Select(o => new OrganisationRef(o.Id, o.Name, o.CountryCode)).ToListAsync(ct);

    public async Task<IReadOnlyList<string>> CountriesAsync(CancellationToken ct) =>
        await db.Countries.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct);

    private void Apply(TrainingCourse t, TrainingInput input, DateTime now)
    {
        t.Title = input.Title!.Trim();
        t.Topic = Enum.Parse<TrainingTopic>(input.Topic!);
        t.CountryCode = input.CountryCode!.Trim().ToUpperInvariant();
        t.StartsOn = input.StartsOn!.Value;
        t.EndsOn = input.EndsOn!.Value;
        t.Place = Clean(input.Place);
        t.Trainers = Clean(input.Trainers);
        t.TestedCount = input.TestedCount;
        t.ScoreBefore = input.ScoreBefore is { } before ? Math.Round(before, 2) : null;
        t.ScoreAfter = input.ScoreAfter is { } after ? Math.Round(after, 2) : null;
        t.ImprovedCount = input.ImprovedCount;
        t.ModifiedAt = now;
        // Rows are kept, changed or removed in place: their keys are the group itself.
        var counts = input.Participants.Where(p => p.Count > 0)
            .GroupBy(p => (Role: Enum.Parse<ParticipantRole>(p.Role!), Sex: Enum.Parse<ParticipantSex>(p.Sex!)))
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Count!.Value));
        foreach (var row in t.Participants.ToList())
        {
            if (counts.Remove((row.Role, row.Sex), out var count))
                row.Count = count;
            else
                t.Participants.Remove(row);
        }
        foreach (var ((role, sex), count) in counts)
            t.Participants.Add(new TrainingParticipants { TrainingId = t.Id, Role = role, Sex = sex, Count = count });
        var organisationIds = input.OrganisationIds.ToHashSet();
        t.Organisations.RemoveAll(o => !organisationIds.Contains(o.OrganisationId));
        foreach (var organisationId in organisationIds.Where(id => t.Organisations.All(o => o.OrganisationId != id)))
            t.Organisations.Add(new TrainingOrganisation { TrainingId = t.Id, OrganisationId = organisationId });
    }

    private async Task<List<RuleError>> CheckAsync(TrainingInput input, CancellationToken ct)
    {
        var errors = Check(input);
        var country = input.CountryCode?.Trim().ToUpperInvariant();
        if (!errors.Any(e => e.Field == nameof(input.CountryCode)) && !await db.Countries.AnyAsync(c => c.Code == country, ct))
            errors.Add(new(nameof(input.CountryCode), "Training.UnknownCountry"));
        var ids = input.OrganisationIds.Distinct().ToList();
        if (ids.Count > 0 && await db.Organisations.CountAsync(o => ids.Contains(o.Id), ct) != ids.Count)
            errors.Add(new(nameof(input.OrganisationIds), "Training.UnknownOrganisation"));
        return errors;
    }

    /// <summary>The rules of a training that need no database.</summary>
    public static List<RuleError> Check(TrainingInput input)
    {
        input.OrganisationIds ??= [];
        input.Participants ??= [];
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(input.Title))
            errors.Add(new(nameof(input.Title), "Validation.Required"));
        if (!PersonRules.IsValue<TrainingTopic>(input.Topic))
            errors.Add(new(nameof(input.Topic), "Training.UnknownTopic"));
        if (!PersonRules.IsCountry(input.CountryCode?.Trim().ToUpperInvariant()))
            errors.Add(new(nameof(input.CountryCode), "Training.UnknownCountry"));
        errors.AddRange(CheckPeriod(input.StartsOn, input.EndsOn));
        foreach (var (value, max, field) in new[]
        {
            (input.Title, 200, nameof(input.Title)), (input.Place, 200, nameof(input.Place)), (input.Trainers, 1000, nameof(input.Trainers)),
        })
            if (value?.Trim().Length > max)
                errors.Add(new(field, "Validation.TooLong"));

        if (input.Participants.Any(p => !PersonRules.IsValue<ParticipantRole>(p.Role) || !PersonRules.IsValue<ParticipantSex>(p.Sex)))
            errors.Add(new(nameof(input.Participants), "Training.UnknownParticipantGroup"));
        else if (input.Participants.Any(p => p.Count is < 0 or > MaxCount))
            errors.Add(new(nameof(input.Participants), "Training.CountOutOfRange"));

        if (input.TestedCount is < 0 or > MaxCount)
            errors.Add(new(nameof(input.TestedCount), "Training.CountOutOfRange"));
        if (input.ImprovedCount is < 0 or > MaxCount)
            errors.Add(new(nameof(input.ImprovedCount), "Training.CountOutOfRange"));
        else if (input.ImprovedCount is { } improved && (input.TestedCount is not { } tested || improved > tested))
            errors.Add(new(nameof(input.ImprovedCount), "Training.ImprovedAboveTested"));
        if (input.ScoreBefore is < 0 or > 100)
            errors.Add(new(nameof(input.ScoreBefore), "Training.ScoreOutOfRange"));
        if (input.ScoreAfter is < 0 or > 100)
            errors.Add(new(nameof(input.ScoreAfter), "Training.ScoreOutOfRange"));
        // The change only means something when both averages are over the same people.
        if ((input.ScoreBefore is null) != (input.ScoreAfter is null) || (input.ScoreBefore is not null && input.TestedCount is not > 0))
            errors.Add(new(nameof(input.TestedCount), "Training.ScoresIncomplete"));
        return errors;
    }

    /// <summary>Both dates given, the end not before the start.</summary>
    public static IEnumerable<RuleError> CheckPeriod(DateOnly? startsOn, DateOnly? endsOn)
    {
        if (startsOn is null)
            yield return new("StartsOn", "Validation.Required");
        if (endsOn is null)
            yield return new("EndsOn", "Validation.Required");
        else if (startsOn is { } from && endsOn < from)
            yield return new("EndsOn", "Training.EndsBeforeStarts");
    }

    public static List<RuleError> CheckFollowUp(FollowUpInput input)
    {
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(input.Action))
            errors.Add(new(nameof(input.Action), "Validation.Required"));
        else if (input.Action.Trim().Length > 1000)
            errors.Add(new(nameof(input.Action), "Validation.TooLong"));
        if (input.Owner?.Trim().Length > 200)
            errors.Add(new(nameof(input.Owner), "Validation.TooLong"));
        return errors;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
