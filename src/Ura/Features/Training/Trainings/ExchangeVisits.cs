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

/// <summary>A visit as its reader may see it; <see cref="Purpose"/> and <see cref="Outcomes"/> are null for analysts (figures only).</summary>
public sealed record ExchangeVisitView(Guid Id, OrganisationRef RecordedBy, OrganisationRef Host, IReadOnlyList<OrganisationRef> Visitors,
    DateOnly StartsOn, DateOnly EndsOn, string? Purpose, string? Outcomes, int Female, int Male, int OtherOrUnknown, int Participants);

/// <summary>
/// Exchange visits: outreach officers read and record their organisation's, national coordinators
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
            text ? v.Purpose : null, text ? v.Outcomes : null, v.Female, v.Male, v.OtherOrUnknown, v.Participants);
    }

    public async Task<CommandResult<ExchangeVisitView>> CreateAsync(ExchangeVisitInput input, CancellationToken ct)
    {
        input.VisitingOrganisationIds ??= [];
        var errors = Check(input);
        var ids = input.VisitingOrganisationIds.Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => ids.Contains(o.Id) || o.Id == input.HostOrganisationId).ToDictionaryAsync(o => o.Id, ct);
        if (input.HostOrganisationId is { } hostId && !organisations.ContainsKey(hostId))
            errors.Add(new(nameof(input.HostOrganisationId), "Training.UnknownOrganisation"));
        if (!ids.All(organisations.ContainsKey))
            errors.Add(new(nameof(input.VisitingOrganisationIds), "Training.UnknownOrganisation"));
        if (errors.Count > 0)
            return CommandResult<ExchangeVisitView>.Refused([.. errors]);

        var host = organisations[input.HostOrganisationId!.Value];
        var visit = new ExchangeVisit
        {
            OrganisationId = user.RequiredOrganisationId, HostOrganisationId = host.Id, HostCountryCode = host.CountryCode,
            StartsOn = input.StartsOn!.Value, EndsOn = input.EndsOn!.Value, Purpose = input.Purpose!.Trim(),
            Outcomes = string.IsNullOrWhiteSpace(input.Outcomes) ? null : input.Outcomes.Trim(),
            Female = input.Female ?? 0, Male = input.Male ?? 0, OtherOrUnknown = input.OtherOrUnknown ?? 0, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var id in ids)
            visit.Visitors.Add(new ExchangeVisitor { VisitId = visit.Id, OrganisationId = id, CountryCode = organisations[id].CountryCode });
        db.ExchangeVisits.Add(visit);
        audit.Record("training.visit.create", nameof(ExchangeVisit), visit.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<ExchangeVisitView>.Done((await GetAsync(visit.Id, ct))!);
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
