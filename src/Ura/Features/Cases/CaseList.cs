using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Cases;

/// <summary>
/// What the case list is asked for. Every value is a code or an id, so a filter link can be shared
/// and logged; a name never goes here (name searches are posted to <c>SearchAsync</c>).
/// </summary>
public sealed class CaseFilter
{
    /// <summary><c>mine</c> (cases whose team I am on) or <c>organisation</c> (supervisors only).</summary>
    public string? Scope { get; set; }
    public string? Status { get; set; }
    public string? Stage { get; set; }
    public string? TraffickingStatus { get; set; }
    public string? ExploitationType { get; set; }
    public Guid? Worker { get; set; }
    public string? AgeBand { get; set; }
    public string? Gender { get; set; }
    public string? Citizenship { get; set; }
    public bool? Transnational { get; set; }
    public bool? Overdue { get; set; }

    /// <summary>A whole reference or its beginning, such as <c>AL-2026-0001</c>.</summary>
    public string? Reference { get; set; }

    /// <summary><c>updated</c> (newest first, the default), <c>opened</c> (newest first) or <c>reference</c>.</summary>
    public string? Sort { get; set; }
    public int? Page { get; set; }

    public int PageNumber => Page ?? 1;

    public bool OrganisationWide => Scope == "organisation";
}

/// <summary>One row of the case list: codes and counts, no names.</summary>
public sealed record CaseListRow(
    Guid Id, string Reference, CaseStatus Status, CaseStage Stage, TraffickingStatus TraffickingStatus,
    AgeBand? AgeBand, Gender? Gender, DateTime OpenedAt, DateTime UpdatedAt, IReadOnlyList<StaffView> Workers, int OverdueTasks);

/// <summary>
/// One page of the case list. No total: counting a large organisation's cases under a narrow filter
/// costs as much as the page itself, so the list only says whether another page follows.
/// </summary>
public sealed record CasePage(IReadOnlyList<CaseListRow> Items, int Page, int PageSize, bool HasMore)
{
    /// <summary>The position of the first row, numbered from 1.</summary>
    public int First => (Page - 1) * PageSize + 1;

    public int Last => First + Items.Count - 1;
}

/// <summary>A worker's load: their active and follow-up cases, their open and overdue tasks.</summary>
public sealed record CaseloadRow(Guid UserId, string Name, int ActiveCases, int FollowUpCases, int OpenTasks, int OverdueTasks);

/// <summary>
/// The case list, search and caseload. Built for 100,000 cases: every query starts from the user's
/// organisation, a page is one page query plus one query each for the page's workers and overdue
/// counts (never one per row), and names are searched only through blind-index hashes.
/// </summary>
public sealed partial class CaseList(UraDbContext db, CurrentUser user, BlindIndex blind, AuditLog audit, TimeProvider clock)
{
    public const int PageSize = 25;

    /// <summary>The list pages through its first thousand cases; past them a worker narrows it with a filter.</summary>
    public const int MaxPage = 40;

    public static readonly IReadOnlyList<string> Sorts = ["updated", "opened", "reference"];

    public bool CanSeeOrganisation => user.IsInRole(Roles.Supervisor);

    public static IReadOnlyList<RuleError> Check(CaseFilter f)
    {
        var errors = new List<RuleError>();
        void Code<TEnum>(string? value, string field) where TEnum : struct, Enum
        {
            if (!string.IsNullOrEmpty(value) && !PersonRules.IsValue<TEnum>(value))
                errors.Add(new(field, "Exploitation.UnknownCode"));
        }
        Code<CaseStatus>(f.Status, nameof(f.Status));
        Code<CaseStage>(f.Stage, nameof(f.Stage));
        Code<TraffickingStatus>(f.TraffickingStatus, nameof(f.TraffickingStatus));
        Code<TypeOfExploitation>(f.ExploitationType, nameof(f.ExploitationType));
        Code<AgeBand>(f.AgeBand, nameof(f.AgeBand));
        Code<Gender>(f.Gender, nameof(f.Gender));
        if (!string.IsNullOrEmpty(f.Citizenship) && !PersonRules.IsCountry(f.Citizenship))
            errors.Add(new(nameof(f.Citizenship), "Cases.Person.UnknownCountry"));
        if (f.Scope is not (null or "" or "mine" or "organisation"))
            errors.Add(new(nameof(f.Scope), "Exploitation.UnknownCode"));
        if (!string.IsNullOrEmpty(f.Sort) && !Sorts.Contains(f.Sort))
            errors.Add(new(nameof(f.Sort), "Exploitation.UnknownCode"));
        if (f.Reference?.Length > 20)
            errors.Add(new(nameof(f.Reference), "Validation.TooLong"));
        if (f.PageNumber is < 1 or > MaxPage)
            errors.Add(new(nameof(f.Page), "CaseList.PageOutOfRange"));
        return errors;
    }

    /// <summary>A page of the cases the user may see, filtered and sorted. Listing shows no case content, so it is not audited.</summary>
    public Task<CommandResult<CasePage>> ListAsync(CaseFilter filter, CancellationToken ct) => FindAsync(filter, null, ct);

    /// <summary>
    /// As <see cref="ListAsync"/>, narrowed to persons whose names or aliases hold every word of
    /// <paramref name="name"/> (compared as blind-index hashes). Audited: it tells whether someone is known here.
    /// </summary>
    public async Task<CommandResult<CasePage>> SearchAsync(CaseFilter filter, string name, CancellationToken ct)
    {
        var hashes = blind.OfWords(CaseRegistration.NamePurpose, name ?? "").Distinct().ToList();
        if (hashes.Count == 0)
            return CommandResult<CasePage>.Refused("Name", "CaseList.NameRequired");
        if (hashes.Count > 10)
            return CommandResult<CasePage>.Refused("Name", "Validation.TooLong");
        var result = await FindAsync(filter, hashes, ct);
        if (result.Succeeded)
        {
            audit.Record("case.search", nameof(Case), null, $"words={hashes.Count}; found={(result.Value!.HasMore ? "more than " : "")}{result.Value.Last}");
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    private async Task<CommandResult<CasePage>> FindAsync(CaseFilter f, List<string>? nameHashes, CancellationToken ct)
    {
        var errors = Check(f);
        if (errors.Count > 0)
            return CommandResult<CasePage>.Refused([.. errors]);
        var me = user.RequiredId;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        // Case workers only ever see their team's cases (the scoping does it); a supervisor sees the
        // whole organisation, so "my cases" narrows to those they work on or are responsible for.
        var cases = db.Cases.AsNoTracking().VisibleToCaseTeam(user);
        if (CanSeeOrganisation && !f.OrganisationWide)
            cases = cases.Where(c => c.Team.Any(m => m.UserId == me) || c.SupervisorId == me);
        if (!string.IsNullOrEmpty(f.Status))
        {
            var status = Enum.Parse<CaseStatus>(f.Status);
            cases = cases.Where(c => c.Status == status);
        }
        if (!string.IsNullOrEmpty(f.Stage))
        {
            var stage = Enum.Parse<CaseStage>(f.Stage);
            cases = cases.Where(c => c.Stage == stage);
        }
        if (!string.IsNullOrEmpty(f.TraffickingStatus))
        {
            var trafficking = Enum.Parse<TraffickingStatus>(f.TraffickingStatus);
            cases = cases.Where(c => c.TraffickingStatus == trafficking);
        }
        if (!string.IsNullOrEmpty(f.ExploitationType))
        {
            var code = f.ExploitationType;
            cases = cases.Where(c => db.ExploitationCodes.Any(x => x.CaseId == c.Id && x.Kind == ExploitationCodeKind.TypeOfExploitation && x.Code == code));
        }
        if (f.Worker is { } worker)
            cases = cases.Where(c => c.Team.Any(m => m.UserId == worker));
        if (!string.IsNullOrEmpty(f.AgeBand))
        {
            var band = Enum.Parse<AgeBand>(f.AgeBand);
            cases = cases.Where(c => c.Person!.AgeBand == band);
        }
        if (!string.IsNullOrEmpty(f.Gender))
        {
            var gender = Enum.Parse<Gender>(f.Gender);
            cases = cases.Where(c => c.Person!.Gender == gender);
        }
        if (!string.IsNullOrEmpty(f.Citizenship))
        {
            // Citizenships are stored as "AL,XK"; commas around both sides match whole codes only.
            var needle = "," + f.Citizenship + ",";
            cases = cases.Where(c => ("," + c.Person!.Citizenships + ",").Contains(needle));
        }
        if (f.Transnational is { } transnational)
            cases = cases.Where(c => db.CaseExploitations.Any(x => x.CaseId == c.Id && x.Transnational == transnational));
        if (f.Overdue == true)
            cases = cases.Where(c => db.CaseTasks.Any(t => t.CaseId == c.Id && t.CompletedAt == null && t.DueOn < today));
        if (!string.IsNullOrWhiteSpace(f.Reference))
        {
            // A whole reference is an equality on the unique index; a beginning is a prefix match.
            var reference = f.Reference.Trim().ToUpperInvariant();
            cases = WholeReference().IsMatch(reference)
                ? cases.Where(c => c.Reference == reference)
                : cases.Where(c => c.Reference.StartsWith(reference));
        }
        if (nameHashes is not null)
        {
            // The name index finds the people first (a few rows through its hash index); the list then
            // looks only at their cases, rather than testing every case of the organisation.
            var organisationId = user.RequiredOrganisationId;
            var count = nameHashes.Count;
            var caseIds = await db.PersonNameIndex.Where(n => n.OrganisationId == organisationId && nameHashes.Contains(n.Hash))
                .GroupBy(n => n.PersonId).Where(g => g.Count() == count).Select(g => g.Key)
                .Join(db.Persons, personId => personId, p => p.Id, (_, p) => p.CaseId)
                .Take(MaxPage * PageSize + 1).ToListAsync(ct);
            cases = cases.Where(c => caseIds.Contains(c.Id));
        }

        var sorted = f.Sort switch
        {
            "opened" => cases.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id),
            "reference" => cases.OrderBy(c => c.Reference),
            _ => cases.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        };
        // One row more than a page says whether another page follows, without counting.
        var rows = await sorted.Skip((f.PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(c => new
            {
                c.Id, c.Reference, c.Status, c.Stage, c.TraffickingStatus, c.OpenedAt, c.UpdatedAt,
                AgeBand = (AgeBand?)c.Person!.AgeBand, Gender = (Gender?)c.Person!.Gender,
            }).ToListAsync(ct);

        var hasMore = rows.Count > PageSize;
        if (hasMore)
            rows.RemoveAt(PageSize);
        var ids = rows.Select(r => r.Id).ToList();
        var workers = await (
            from m in db.CaseTeamMembers
            join u in db.Users on m.UserId equals u.Id
            where ids.Contains(m.CaseId)
            select new { m.CaseId, u.Id, u.DisplayName }).ToListAsync(ct);
        var overdue = await db.CaseTasks.Where(t => ids.Contains(t.CaseId) && t.CompletedAt == null && t.DueOn < today)
            .GroupBy(t => t.CaseId).Select(g => new { CaseId = g.Key, Count = g.Count() }).ToListAsync(ct);

        var items = rows.Select(r => new CaseListRow(r.Id, r.Reference, r.Status, r.Stage, r.TraffickingStatus, r.AgeBand, r.Gender,
            r.OpenedAt, r.UpdatedAt,
            [.. workers.Where(w => w.CaseId == r.Id).Select(w => new StaffView(w.Id, w.DisplayName)).OrderBy(w => w.Name, StringComparer.CurrentCulture)],
            overdue.FirstOrDefault(o => o.CaseId == r.Id)?.Count ?? 0)).ToList();
        return CommandResult<CasePage>.Done(new CasePage(items, f.PageNumber, PageSize, hasMore));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{2}-[0-9]{4}-[0-9]{6}$")]
    private static partial System.Text.RegularExpressions.Regex WholeReference();

    /// <summary>The case workers of the supervisor's organisation, for the "worker" filter.</summary>
    public async Task<IReadOnlyList<StaffView>> WorkersAsync(CancellationToken ct)
    {
        var organisationId = user.RequiredOrganisationId;
        var rows = await (
            from u in db.Users.AsNoTracking()
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where u.OrganisationId == organisationId && (r.Name == Roles.CaseWorker || r.Name == Roles.IdentificationOfficer)
            select new { u.Id, u.DisplayName }).Distinct().ToListAsync(ct);
        return [.. rows.Select(r => new StaffView(r.Id, r.DisplayName)).OrderBy(s => s.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>
    /// Per worker of the supervisor's organisation: open cases by status, open and overdue tasks.
    /// Three grouped queries, whatever the number of workers or cases.
    /// </summary>
    public async Task<IReadOnlyList<CaseloadRow>> CaseloadAsync(CancellationToken ct)
    {
        var organisationId = user.RequiredOrganisationId;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var workers = await WorkersAsync(ct);
        var cases = await (
            from m in db.CaseTeamMembers
            join c in db.Cases on m.CaseId equals c.Id
            where c.OrganisationId == organisationId && (c.Status == CaseStatus.Active || c.Status == CaseStatus.FollowUp)
            group c by new { m.UserId, c.Status } into g
            select new { g.Key.UserId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var workerIds = workers.Select(w => w.Id).ToList();
        var tasks = await db.CaseTasks.Where(t => workerIds.Contains(t.AssigneeId) && t.CompletedAt == null)
            .GroupBy(t => t.AssigneeId)
            .Select(g => new { UserId = g.Key, Open = g.Count(), Overdue = g.Count(t => t.DueOn < today) }).ToListAsync(ct);
        return [.. workers.Select(w => new CaseloadRow(w.Id, w.Name,
            cases.Where(c => c.UserId == w.Id && c.Status == CaseStatus.Active).Sum(c => c.Count),
            cases.Where(c => c.UserId == w.Id && c.Status == CaseStatus.FollowUp).Sum(c => c.Count),
            tasks.FirstOrDefault(t => t.UserId == w.Id)?.Open ?? 0,
            tasks.FirstOrDefault(t => t.UserId == w.Id)?.Overdue ?? 0))];
    }
}

/// <summary>Indexes on cases for the case list's other sorts (kept with the list rather than in Case.cs).</summary>
internal sealed class CaseListIndexes : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> e)
    {
        // Also the dashboards and reports, which count cases opened in a period by status: with the status and
        // the key in it, the index answers them without reading the (wide, encrypted) case rows.
        e.HasIndex(c => new { c.OrganisationId, c.OpenedAt, c.TraffickingStatus, c.Id });
        e.HasIndex(c => new { c.OrganisationId, c.Reference });
    }
}
