using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Identification;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Awareness.HelpRequests;

/// <summary>A line of the inbox: no words of the request, only when, language and danger.</summary>
public sealed record HelpRequestSummary(Guid Id, DateTime ReceivedAt, string Language, string Danger, string Status);

/// <summary>A request as its handler reads it.</summary>
public sealed record HelpRequestView(
    Guid Id, string CountryCode, DateTime ReceivedAt, string Language, string Danger, string Account, string? SafeContact,
    string Status, DateTime? HandledAt, Guid? ScreeningId, Guid? CaseId, string? CloseReason);

/// <summary>The handler's reason for closing a request without action.</summary>
public sealed record CloseInput
{
    public const int MaxReasonLength = 1000;

    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Validation.Required"),
     System.ComponentModel.DataAnnotations.StringLength(MaxReasonLength, ErrorMessage = "Validation.TooLong"),
     System.ComponentModel.DataAnnotations.Display(Name = "HelpRequests.Field.CloseReason")]
    public string Reason { get; set; } = "";
}

/// <summary>Which screening list to open: the person's age group and the form of exploitation described.</summary>
public sealed record OpenScreeningInput(string? Age, string? Exploitation);

/// <summary>
/// The help-request inbox of a receiving organisation (a hotline): its country's new requests and
/// the ones it handled itself. Case workers turn a request into a screening or a case; case workers
/// and supervisors may close it without action. Out of scope is not found.
/// </summary>
public sealed class HelpRequestInbox(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock, ScreeningCommands screenings,
    CaseRegistration registration)
{
    public const int PageSize = 25;

    /// <summary>The user's organisation, if it is active and receives help requests; otherwise the inbox is closed to them.</summary>
    public Task<Organisation?> ReceivingOrganisationAsync(CancellationToken ct)
    {
        var organisationId = user.OrganisationId ?? Guid.Empty;
        return db.Organisations.AsNoTracking()
            .SingleOrDefaultAsync(o => o.Id == organisationId && o.ReceivesHelpRequests && o.IsActive, ct);
    }

    private static IQueryable<HelpRequest> Visible(IQueryable<HelpRequest> rows, Organisation organisation) =>
        rows.Where(r => r.CountryCode == organisation.CountryCode
            && (r.HandledByOrganisationId == null || r.HandledByOrganisationId == organisation.Id));

    private async Task<IQueryable<HelpRequest>> VisibleAsync(CancellationToken ct) =>
        await ReceivingOrganisationAsync(ct) is { } organisation ? Visible(db.HelpRequests, organisation) : db.HelpRequests.Where(_ => false);

    /// <summary>New (or handled) requests, newest first; null when the user's organisation receives none.</summary>
    public async Task<Paged<HelpRequestSummary>?> ListAsync(bool handled, int page, CancellationToken ct)
    {
        if (await ReceivingOrganisationAsync(ct) is not { } organisation)
            return null;
        page = Paged<HelpRequestSummary>.Clamp(page);
        var query = Visible(db.HelpRequests.AsNoTracking(), organisation)
            .Where(r => handled ? r.Status != HelpRequestStatus.New : r.Status == HelpRequestStatus.New);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new { r.Id, r.ReceivedAt, r.Language, r.Danger, r.Status }).ToListAsync(ct);
        return new Paged<HelpRequestSummary>(
            [.. rows.Select(r => new HelpRequestSummary(r.Id, r.ReceivedAt, r.Language, r.Danger.ToString(), r.Status.ToString()))],
            page, PageSize, total);
    }

    /// <summary>The request, if in the user's inbox; the read is audited.</summary>
    public async Task<HelpRequestView?> ReadAsync(Guid id, CancellationToken ct)
    {
        var request = await (await VisibleAsync(ct)).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
            return null;
        await audit.ReadAsync(nameof(HelpRequest), request.Id, ct);
        return ToView(request);
    }

    /// <summary>
    /// Starts a screening in the user's organisation for the person who wrote, and links it. The
    /// request is claimed in the same transaction, so two workers never both handle it.
    /// </summary>
    public async Task<CommandResult<HelpRequestView>> OpenScreeningAsync(Guid id, OpenScreeningInput input, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } request)
            return CommandResult<HelpRequestView>.NotFound();
        if (!user.IsInRole(Roles.CaseWorker))
            return CommandResult<HelpRequestView>.Refused("", "HelpRequests.CaseWorkersOnly");
        var errors = new List<RuleError>();
        if (input.Age is not ("adult" or "child"))
            errors.Add(new("Age", "Screening.Start.AgeRequired"));
        if (input.Exploitation is not ("labour" or "sexual"))
            errors.Add(new("Exploitation", "Screening.Start.ExploitationRequired"));
        if (errors.Count > 0)
            return CommandResult<HelpRequestView>.Refused([.. errors]);
        if (!request.IsNew)
            return CommandResult<HelpRequestView>.Refused("", "HelpRequests.AlreadyHandled");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await ClaimAsync(request, HelpRequestStatus.ScreeningOpened, ct))
            return CommandResult<HelpRequestView>.Refused("", "HelpRequests.AlreadyHandled");
        var started = await screenings.StartAsync($"{input.Age}_{input.Exploitation}", null, ct);
        if (!started.Succeeded)
            return CommandResult<HelpRequestView>.Refused([.. started.Errors]);
        request.ScreeningId = started.Value!.Screening.Id;
        audit.Record("helprequest.screening", nameof(HelpRequest), request.Id, $"screening={request.ScreeningId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<HelpRequestView>.Done(ToView(request));
    }

    /// <summary>
    /// Registers the person and opens their case in the user's organisation (as on the new-case page),
    /// then links the case. Registration may refuse (rules, likely duplicates): the request stays new.
    /// </summary>
    public async Task<(CommandResult<HelpRequestView> Result, RegistrationResult? Registration)> OpenCaseAsync(Guid id, PersonInput person, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } request)
            return (CommandResult<HelpRequestView>.NotFound(), null);
        if (!user.IsInRole(Roles.CaseWorker))
            return (CommandResult<HelpRequestView>.Refused("", "HelpRequests.CaseWorkersOnly"), null);
        if (!request.IsNew)
            return (CommandResult<HelpRequestView>.Refused("", "HelpRequests.AlreadyHandled"), null);
        var registered = await registration.RegisterAsync(person, ct);
        if (!registered.Succeeded)
            return (CommandResult<HelpRequestView>.Refused([.. registered.Errors]), registered);
        // Registration commits its own transaction; a worker who handled the request meanwhile keeps it,
        // and the case just opened stays, unlinked (the refusal says so).
        if (!await ClaimAsync(request, HelpRequestStatus.CaseOpened, ct))
            return (CommandResult<HelpRequestView>.Refused("", "HelpRequests.AlreadyHandled"), registered);
        request.CaseId = registered.Opened!.Id;
        audit.Record("helprequest.case", nameof(HelpRequest), request.Id, $"case={request.CaseId}");
        await db.SaveChangesAsync(ct);
        return (CommandResult<HelpRequestView>.Done(ToView(request)), registered);
    }

    /// <summary>Closes a new request without action, with the handler's reason.</summary>
    public async Task<CommandResult<HelpRequestView>> CloseAsync(Guid id, CloseInput input, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } request)
            return CommandResult<HelpRequestView>.NotFound();
        var reason = input.Reason.Trim();
        if (reason.Length == 0)
            return CommandResult<HelpRequestView>.Refused(nameof(CloseInput.Reason), "Validation.Required");
        if (reason.Length > CloseInput.MaxReasonLength)
            return CommandResult<HelpRequestView>.Refused(nameof(CloseInput.Reason), "Validation.TooLong");
        if (!request.IsNew)
            return CommandResult<HelpRequestView>.Refused("", "HelpRequests.AlreadyHandled");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await ClaimAsync(request, HelpRequestStatus.Closed, ct))
            return CommandResult<HelpRequestView>.Refused("", "HelpRequests.AlreadyHandled");
        request.CloseReason = reason;
        audit.Record("helprequest.close", nameof(HelpRequest), request.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<HelpRequestView>.Done(ToView(request));
    }

    /// <summary>A request in the user's inbox, tracked, for a handler role (others find nothing).</summary>
    private async Task<HelpRequest?> ChangeableAsync(Guid id, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.CaseWorker) && !user.IsInRole(Roles.Supervisor))
            return null;
        return await (await VisibleAsync(ct)).SingleOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>Marks the request handled by the user's organisation if it is still new, in one conditional update.</summary>
    private async Task<bool> ClaimAsync(HelpRequest request, HelpRequestStatus status, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var organisationId = user.RequiredOrganisationId;
        var userId = user.RequiredId;
        var claimed = await db.HelpRequests.Where(r => r.Id == request.Id && r.Status == HelpRequestStatus.New)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.HandledByOrganisationId, organisationId)
                .SetProperty(r => r.HandledById, userId).SetProperty(r => r.HandledAt, now), ct) == 1;
        if (claimed)
        {
            // Keep the tracked row equal to the database, so the later save only adds the link or reason.
            var entry = db.Entry(request);
            foreach (var (name, value) in new (string, object?)[]
                     {
                         (nameof(HelpRequest.Status), status), (nameof(HelpRequest.HandledByOrganisationId), organisationId),
                         (nameof(HelpRequest.HandledById), userId), (nameof(HelpRequest.HandledAt), now),
                     })
            {
                entry.Property(name).CurrentValue = value;
                entry.Property(name).OriginalValue = value;
                entry.Property(name).IsModified = false;
            }
        }
        return claimed;
    }

    internal static HelpRequestView ToView(HelpRequest r) => new(
        r.Id, r.CountryCode, r.ReceivedAt, r.Language, r.Danger.ToString(), r.Account, r.SafeContact,
        r.Status.ToString(), r.HandledAt, r.ScreeningId, r.CaseId, r.CloseReason);
}
