using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Cases;

/// <summary>
/// One closure of a case: requested by the case team with a reason, approved or refused by a
/// supervisor of the organisation (never the requester), and perhaps later reopened with a reason.
/// The case's own status columns say where it stands now; these rows keep the history and the words.
/// </summary>
public sealed class CaseClosure : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public ClosureReason Reason { get; set; }

    /// <summary>HTCDS <c>cas_ReasonForCaseClosure</c> in the worker's words (encrypted).</summary>
    public string? Details { get; set; }

    public DateTime RequestedAt { get; set; }
    public Guid RequestedById { get; set; }
    public ClosureDecision? Decision { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedById { get; set; }
    public string? DecisionNote { get; set; }
    public DateTime? ReopenedAt { get; set; }
    public Guid? ReopenedById { get; set; }
    public string? ReopenReason { get; set; }
}

public enum ClosureDecision
{
    Approved,
    Refused,
}

internal sealed class CaseClosureConfiguration : IEntityTypeConfiguration<CaseClosure>
{
    public void Configure(EntityTypeBuilder<CaseClosure> e)
    {
        e.Property(c => c.Reason).HasConversion<string>().HasMaxLength(40);
        e.Property(c => c.Decision).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Details!).IsEncrypted(FieldClass.FreeText);
        e.Property(c => c.DecisionNote!).IsEncrypted(FieldClass.FreeText);
        e.Property(c => c.ReopenReason!).IsEncrypted(FieldClass.FreeText);
        e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.CaseId, c.RequestedAt });
        // Supervisors' list of requests waiting for them.
        e.HasIndex(c => new { c.OrganisationId, c.Decision });
    }
}

/// <summary>A closure request as the case team and supervisors read it.</summary>
public sealed record ClosureView(
    Guid Id, Guid CaseId, string Reference, ClosureReason Reason, string? Details, DateTime RequestedAt, string RequestedBy,
    ClosureDecision? Decision, DateTime? DecidedAt, string? DecidedBy, string? DecisionNote,
    DateTime? ReopenedAt, string? ReopenedBy, string? ReopenReason);

/// <summary>Requests, approves, refuses and reopens case closures, and lists the requests a supervisor must decide.</summary>
public sealed class CaseClosures(UraDbContext db, CaseAccess access, CurrentUser user)
{
    public const int TextLimit = 2000;

    /// <summary>The case team asks to close the case; a supervisor decides.</summary>
    public async Task<CommandResult<ClosureView>> RequestAsync(Guid caseId, string reason, string? details, CancellationToken ct)
    {
        var (found, refusal) = await access.ForChangeAsync(caseId, ct);
        if (found is null)
            return CommandResult<ClosureView>.NotFound();
        if (refusal is not null)
            return CommandResult<ClosureView>.Refused(refusal);
        if (!Enum.TryParse<ClosureReason>(reason, out var why) || !Enum.IsDefined(why))
            return CommandResult<ClosureView>.Refused("Reason", "Cases.Closure.UnknownReason");
        if (why == ClosureReason.Other && string.IsNullOrWhiteSpace(details))
            return CommandResult<ClosureView>.Refused("Details", "Cases.Closure.DetailsRequired");
        if (details?.Length > TextLimit)
            return CommandResult<ClosureView>.Refused("Details", "Validation.TooLong");
        if (found.ClosureRequestedAt is not null)
            return CommandResult<ClosureView>.Refused("", "Cases.Closure.AlreadyRequested");

        var closure = new CaseClosure
        {
            CaseId = found.Id,
            OrganisationId = found.OrganisationId,
            Reason = why,
            Details = Clean(details),
            RequestedAt = access.Now,
            RequestedById = user.RequiredId,
        };
        db.Add(closure);
        found.ClosureReason = why;
        found.ClosureRequestedAt = closure.RequestedAt;
        found.ClosureRequestedById = closure.RequestedById;
        access.Record(found, "closure.request", closure.Id, "ClosureReason." + why);
        await db.SaveChangesAsync(ct);
        return CommandResult<ClosureView>.Done(await ViewAsync(closure, found.Reference, ct));
    }

    /// <summary>
    /// A supervisor of the organisation approves or refuses the pending request. The requester never
    /// decides their own request, so every closure passes two pairs of eyes.
    /// </summary>
    public async Task<CommandResult<ClosureView>> DecideAsync(Guid caseId, bool approve, string? note, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Supervisor))
            return CommandResult<ClosureView>.NotFound();
        var (found, refusal) = await access.ForChangeAsync(caseId, ct);
        if (found is null)
            return CommandResult<ClosureView>.NotFound();
        if (refusal is not null)
            return CommandResult<ClosureView>.Refused(refusal);
        if (note?.Length > TextLimit)
            return CommandResult<ClosureView>.Refused("Note", "Validation.TooLong");
        var pending = await db.CaseClosures
            .Where(c => c.CaseId == found.Id && c.Decision == null)
            .OrderByDescending(c => c.RequestedAt).FirstOrDefaultAsync(ct);
        if (pending is null || found.ClosureRequestedAt is null)
            return CommandResult<ClosureView>.Refused("", "Cases.Closure.NothingPending");
        if (pending.RequestedById == user.RequiredId)
            return CommandResult<ClosureView>.Refused("", "Cases.Closure.NotOwnRequest");
        if (!approve && string.IsNullOrWhiteSpace(note))
            return CommandResult<ClosureView>.Refused("Note", "Cases.Closure.RefusalNeedsNote");

        var now = access.Now;
        pending.Decision = approve ? ClosureDecision.Approved : ClosureDecision.Refused;
        pending.DecidedAt = now;
        pending.DecidedById = user.RequiredId;
        pending.DecisionNote = Clean(note);
        found.ClosureRequestedAt = null;
        found.ClosureRequestedById = null;
        if (approve)
        {
            found.Status = pending.Reason == ClosureReason.ReferredToAnotherOrganisation ? CaseStatus.ClosedReferred : CaseStatus.Closed;
            found.ClosedAt = now;
            // Nothing is left to do on a closed case: its open tasks leave the workers' lists.
            foreach (var task in await db.CaseTasks.Where(t => t.CaseId == found.Id && t.CompletedAt == null).ToListAsync(ct))
            {
                task.CompletedAt = now;
                task.CompletedById = user.RequiredId;
            }
            access.Record(found, "closure.approve", pending.Id, "ClosureReason." + pending.Reason);
        }
        else
        {
            found.ClosureReason = null;
            access.Record(found, "closure.refuse", pending.Id);
        }
        await db.SaveChangesAsync(ct);
        return CommandResult<ClosureView>.Done(await ViewAsync(pending, found.Reference, ct));
    }

    /// <summary>The case team reopens a closed case, saying why; it becomes active again.</summary>
    public async Task<CommandResult<ClosureView>> ReopenAsync(Guid caseId, string? reason, CancellationToken ct)
    {
        var found = (await access.ForChangeAsync(caseId, ct)).Case;
        if (found is null)
            return CommandResult<ClosureView>.NotFound();
        if (!found.IsClosed)
            return CommandResult<ClosureView>.Refused("", "Cases.Closure.NotClosed");
        if (string.IsNullOrWhiteSpace(reason))
            return CommandResult<ClosureView>.Refused("Reason", "Cases.Closure.ReopenNeedsReason");
        if (reason.Length > TextLimit)
            return CommandResult<ClosureView>.Refused("Reason", "Validation.TooLong");
        var last = await db.CaseClosures
            .Where(c => c.CaseId == found.Id && c.Decision == ClosureDecision.Approved && c.ReopenedAt == null)
            .OrderByDescending(c => c.DecidedAt).FirstAsync(ct);

        last.ReopenedAt = access.Now;
        last.ReopenedById = user.RequiredId;
        last.ReopenReason = reason.Trim();
        found.Status = CaseStatus.Active;
        found.ClosedAt = null;
        found.ClosureReason = null;
        access.Record(found, "reopen", last.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<ClosureView>.Done(await ViewAsync(last, found.Reference, ct));
    }

    /// <summary>The case's closures, newest first, for a case the caller has already loaded through <see cref="CaseAccess"/>.</summary>
    public async Task<IReadOnlyList<ClosureView>> HistoryAsync(Case loaded, CancellationToken ct)
    {
        var rows = await db.CaseClosures.AsNoTracking().Where(c => c.CaseId == loaded.Id)
            .OrderByDescending(c => c.RequestedAt).ToListAsync(ct);
        var names = await NamesAsync(rows, ct);
        return [.. rows.Select(r => ToView(r, loaded.Reference, names))];
    }

    /// <summary>Requests waiting for a decision in the supervisor's organisation, oldest first.</summary>
    public async Task<IReadOnlyList<ClosureView>> PendingAsync(CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Supervisor))
            return [];
        var rows = await db.CaseClosures.AsNoTracking().OfOwnOrganisation(user)
            .Where(c => c.Decision == null)
            .OrderBy(c => c.RequestedAt)
            .Join(db.Cases, c => c.CaseId, k => k.Id, (c, k) => new { Closure = c, k.Reference })
            .Take(200).ToListAsync(ct);
        var names = await NamesAsync(rows.Select(r => r.Closure).ToList(), ct);
        // The list shows the reason code, not the worker's words: those are read on the case itself.
        return [.. rows.Select(r => ToView(r.Closure, r.Reference, names) with { Details = null })];
    }

    /// <summary>The view of a closure just saved: the row is in hand, only the people's names are read.</summary>
    private async Task<ClosureView> ViewAsync(CaseClosure row, string reference, CancellationToken ct) =>
        ToView(row, reference, await NamesAsync([row], ct));

    private Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyCollection<CaseClosure> rows, CancellationToken ct) =>
        db.StaffNamesAsync(rows.SelectMany(r => new[] { r.RequestedById, r.DecidedById, r.ReopenedById }), ct);

    private static ClosureView ToView(CaseClosure c, string reference, Dictionary<Guid, string> names) => new(
        c.Id, c.CaseId, reference, c.Reason, c.Details, c.RequestedAt, names.GetValueOrDefault(c.RequestedById, ""),
        c.Decision, c.DecidedAt, c.DecidedById is { } d ? names.GetValueOrDefault(d) : null, c.DecisionNote,
        c.ReopenedAt, c.ReopenedById is { } r ? names.GetValueOrDefault(r) : null, c.ReopenReason);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
