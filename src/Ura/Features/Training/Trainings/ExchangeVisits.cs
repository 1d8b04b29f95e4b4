using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Training.Trainings;

/// <summary>An exchange visit as an outreach officer records it; the recording organisation is the user's.</summary>
public sealed class ExchangeVisitInput
{
    public Guid? HostOrganisationId { get; set; }

    /// <summary>At least one directory organisation other than the host.</summary>
    public List<Guid> VisitingOrganisationIds { get; set; } = [];

    [Display(Name = "Training.Field.StartsOn")]
    public DateOnly? StartsOn { get; set; }

    [Display(Name = "Training.Field.EndsOn")]
    public DateOnly? EndsOn { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Training.Visit.Purpose")]
    public string? Purpose { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Training.Visit.Outcomes")]
    public string? Outcomes { get; set; }

    [Display(Name = "Training.Sex.Female")]
    public int? Female { get; set; }

    [Display(Name = "Training.Sex.Male")]
    public int? Male { get; set; }

    [Display(Name = "Training.Sex.OtherOrUnknown")]
    public int? OtherOrUnknown { get; set; }
}

public sealed record ExchangeVisitSummary(Guid Id, OrganisationRef Host, IReadOnlyList<OrganisationRef> Visitors, DateOnly StartsOn, DateOnly EndsOn,
    int Participants);

/// <summary>
/// A visit as its reader may see it; <see cref="Purpose"/> and <see cref="Outcomes"/> are null for analysts (figures only);
/// <see cref="CanChange"/> is true for the recording organisation's outreach officers.
/// </summary>
public sealed record ExchangeVisitView(Guid Id, OrganisationRef RecordedBy, OrganisationRef Host, IReadOnlyList<OrganisationRef> Visitors,
    DateOnly StartsOn, DateOnly EndsOn, string? Purpose, string? Outcomes, int Female, int Male, int OtherOrUnknown, int Participants,
    bool CanChange);

/// <summary>
/// Exchange visits: outreach officers read, record and correct their organisation's, national coordinators
/// read those hosted in or visiting from their country, analysts read all as figures.
/// </summary>
public sealed class ExchangeVisits(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    private bool SeesText => user.IsInRole(Roles.OutreachOfficer) || user.IsInRole(Roles.NationalCoordinator);

    private IQueryable<ExchangeVisit> Readable
    {
        get
        {
            if (user.IsInRole(Roles.Analyst))
                return db.ExchangeVisits;
            var organisationId = user.OrganisationId ?? Guid.Empty;
            var country = user.CountryCode ?? "";
            var outreach = user.IsInRole(Roles.OutreachOfficer);
            var coordinator = user.IsInRole(Roles.NationalCoordinator);
            return db.ExchangeVisits.Where(v => (outreach && v.OrganisationId == organisationId)
                || (coordinator && (v.HostCountryCode == country || v.Visitors.Any(x => x.CountryCode == country))));
        }
    }

    /// <summary>The visits the user's organisation recorded, the only ones an outreach officer may correct.</summary>
    private IQueryable<ExchangeVisit> Own => user.IsInRole(Roles.OutreachOfficer) ? db.ExchangeVisits.OfOwnOrganisation(user) : db.ExchangeVisits.Where(_ => false);

    public async Task<IReadOnlyList<ExchangeVisitSummary>> ListAsync(int? year, CancellationToken ct)
    {
        var query = Readable.AsNoTracking().Include(v => v.Visitors).AsQueryable();
        if (year is { } y)
        {
            var from = new DateOnly(Math.Clamp(y, 1, 9998), 1, 1);
            var to = from.AddYears(1);
            query = query.Where(v => v.StartsOn >= from && v.StartsOn < to);
        }
        var visits = await query.OrderByDescending(v => v.StartsOn).Take(500).ToListAsync(ct);
        var names = await NamesAsync(visits.SelectMany(v => v.Visitors.Select(x => x.OrganisationId).Append(v.HostOrganisationId)), ct);
        return [.. visits.Select(v => new ExchangeVisitSummary(v.Id, names[v.HostOrganisationId],
            [.. v.Visitors.Select(x => names[x.OrganisationId]).OrderBy(o => o.CountryCode).ThenBy(o => o.Name)], v.StartsOn, v.EndsOn, v.Participants))];
    }

    public async Task<ExchangeVisitView?> GetAsync(Guid id, CancellationToken ct)
    {
        var v = await Readable.AsNoTracking().Include(x => x.Visitors).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (v is null)
            return null;
        var names = await NamesAsync(v.Visitors.Select(x => x.OrganisationId).Append(v.HostOrganisationId).Append(v.OrganisationId), ct);
        var text = SeesText;
        return new ExchangeVisitView(v.Id, names[v.OrganisationId], names[v.HostOrganisationId],
            [.. v.Visitors.Select(x => names[x.OrganisationId]).OrderBy(o => o.CountryCode).ThenBy(o => o.Name)], v.StartsOn, v.EndsOn,
            text ? v.Purpose : null, text ? v.Outcomes : null, v.Female, v.Male, v.OtherOrUnknown, v.Participants,
            user.IsInRole(Roles.OutreachOfficer) && v.OrganisationId == user.OrganisationId);
    }

    /// <summary>The visit as its correction form shows it; null unless the user's organisation recorded it.</summary>
    public async Task<ExchangeVisitInput?> ForEditAsync(Guid id, CancellationToken ct)
    {
        var v = await Own.AsNoTracking().Include(x => x.Visitors).FirstOrDefaultAsync(x => x.Id == id, ct);
        return v is null ? null : new ExchangeVisitInput
        {
            HostOrganisationId = v.HostOrganisationId, VisitingOrganisationIds = [.. v.Visitors.Select(x => x.OrganisationId)],
            StartsOn = v.StartsOn, EndsOn = v.EndsOn, Purpose = v.Purpose, Outcomes = v.Outcomes,
            Female = v.Female, Male = v.Male, OtherOrUnknown = v.OtherOrUnknown,
        };
    }

    /// <summary>Whether the user's organisation recorded this visit (for pages that must answer 404 first).</summary>
    public Task<bool> IsOwnAsync(Guid id, CancellationToken ct) => Own.AnyAsync(v => v.Id == id, ct);

    public async Task<CommandResult<ExchangeVisitView>> CreateAsync(ExchangeVisitInput input, CancellationToken ct)
    {
        var (errors, organisations) = await CheckAsync(input, ct);
        if (errors.Count > 0)
            return CommandResult<ExchangeVisitView>.Refused([.. errors]);

        var visit = new ExchangeVisit
        {
            OrganisationId = user.RequiredOrganisationId, HostCountryCode = "", Purpose = "", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        Apply(visit, input, organisations);
        db.ExchangeVisits.Add(visit);
        audit.Record("training.visit.create", nameof(ExchangeVisit), visit.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<ExchangeVisitView>.Done((await GetAsync(visit.Id, ct))!);
    }

    /// <summary>Corrects a visit of the user's organisation under the rules of recording one; another organisation's is not found.</summary>
    public async Task<CommandResult<ExchangeVisitView>> ChangeAsync(Guid id, ExchangeVisitInput input, CancellationToken ct)
    {
        var visit = await Own.Include(v => v.Visitors).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (visit is null)
            return CommandResult<ExchangeVisitView>.NotFound();
        var (errors, organisations) = await CheckAsync(input, ct);
        if (errors.Count > 0)
            return CommandResult<ExchangeVisitView>.Refused([.. errors]);
        Apply(visit, input, organisations);
        audit.Record("training.visit.change", nameof(ExchangeVisit), visit.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<ExchangeVisitView>.Done((await GetAsync(visit.Id, ct))!);
    }

    private static void Apply(ExchangeVisit visit, ExchangeVisitInput input, Dictionary<Guid, Organisation> organisations)
    {
        var host = organisations[input.HostOrganisationId!.Value];
        visit.HostOrganisationId = host.Id;
        visit.HostCountryCode = host.CountryCode;
        visit.StartsOn = input.StartsOn!.Value;
        visit.EndsOn = input.EndsOn!.Value;
        visit.Purpose = input.Purpose!.Trim();
        visit.Outcomes = string.IsNullOrWhiteSpace(input.Outcomes) ? null : input.Outcomes.Trim();
        visit.Female = input.Female ?? 0;
        visit.Male = input.Male ?? 0;
        visit.OtherOrUnknown = input.OtherOrUnknown ?? 0;
        // Visitor rows are keyed by the organisation: keep those still visiting, drop the others, add the new ones.
        var ids = input.VisitingOrganisationIds.ToHashSet();
        visit.Visitors.RemoveAll(x => !ids.Contains(x.OrganisationId));
        foreach (var id in ids.Where(id => visit.Visitors.All(x => x.OrganisationId != id)))
            visit.Visitors.Add(new ExchangeVisitor { VisitId = visit.Id, OrganisationId = id, CountryCode = organisations[id].CountryCode });
    }

    /// <summary>Every rule of a visit, with the host and visiting organisations it names (loaded once for both).</summary>
    private async Task<(List<RuleError> Errors, Dictionary<Guid, Organisation> Organisations)> CheckAsync(ExchangeVisitInput input, CancellationToken ct)
    {
        var errors = Check(input);
        var ids = input.VisitingOrganisationIds.Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => ids.Contains(o.Id) || o.Id == input.HostOrganisationId).ToDictionaryAsync(o => o.Id, ct);
        if (input.HostOrganisationId is { } hostId && !organisations.ContainsKey(hostId))
            errors.Add(new(nameof(input.HostOrganisationId), "Training.UnknownOrganisation"));
        if (!ids.All(organisations.ContainsKey))
            errors.Add(new(nameof(input.VisitingOrganisationIds), "Training.UnknownOrganisation"));
        return (errors, organisations);
    }

    /// <summary>The rules of a visit that need no database.</summary>
    public static List<RuleError> Check(ExchangeVisitInput input)
    {
        input.VisitingOrganisationIds ??= [];
        var errors = new List<RuleError>();
        if (input.HostOrganisationId is null)
            errors.Add(new(nameof(input.HostOrganisationId), "Validation.Required"));
        if (input.VisitingOrganisationIds.Count == 0)
            errors.Add(new(nameof(input.VisitingOrganisationIds), "Training.Visit.VisitorRequired"));
        else if (input.HostOrganisationId is { } host && input.VisitingOrganisationIds.Contains(host))
            errors.Add(new(nameof(input.VisitingOrganisationIds), "Training.Visit.HostIsVisitor"));
        errors.AddRange(TrainingRegister.CheckPeriod(input.StartsOn, input.EndsOn));
        if (string.IsNullOrWhiteSpace(input.Purpose))
            errors.Add(new(nameof(input.Purpose), "Validation.Required"));
        else if (input.Purpose.Trim().Length > 2000)
            errors.Add(new(nameof(input.Purpose), "Validation.TooLong"));
        if (input.Outcomes?.Trim().Length > 4000)
            errors.Add(new(nameof(input.Outcomes), "Validation.TooLong"));
        foreach (var (value, field) in new[] { (input.Female, nameof(input.Female)), (input.Male, nameof(input.Male)), (input.OtherOrUnknown, nameof(input.OtherOrUnknown)) })
            if (value is < 0 or > TrainingRegister.MaxCount)
                errors.Add(new(field, "Training.CountOutOfRange"));
        return errors;
    }

    private async Task<Dictionary<Guid, OrganisationRef>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => list.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new OrganisationRef(o.Id, o.Name, o.CountryCode), ct);
    }
}
