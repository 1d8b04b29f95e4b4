using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Notifications;
using Ura.Platform;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Referrals;

/// <summary>
/// The receiving side: the organisation's case workers and supervisors see the referrals sent to it
/// (only what was shared), acknowledge, accept or decline, complete with the outcome, and open their
/// own case from it. Each step is written on the sender's case timeline and told to the sender.
/// </summary>
public sealed class ReferralReceiving(
    UraDbContext db, CaseAccess access, CurrentUser user, Notifier notifier, AuditLog audit, CaseRegistration registration, IOptions<UraOptions> options,
    Shelters.BedHolds holds)
{
    public const int PageSize = 25;

    /// <summary>
    /// Referrals sent to the user's organisation, for its case workers and supervisors only; nobody else
    /// finds any. "Sent" is its time: a draft, even one withdrawn before sending, never reaches the receiver.
    /// </summary>
    private IQueryable<Referral> Received()
    {
        if (user.OrganisationId is not { } organisationId || !(user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.Supervisor)))
            return db.Referrals.Where(_ => false);
        return db.Referrals.Where(r => r.ReceivingOrganisationId == organisationId && r.SentAt != null);
    }

    /// <summary>The inbox, newest sent first, optionally of one status. One row more than a page tells whether another follows.</summary>
    public async Task<ReferralPage> InboxAsync(ReferralStatus? status, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, 10_000);
        var query = Received().AsNoTracking();
        if (status is { } s)
            query = query.Where(r => r.Status == s);
        var rows = await query.OrderByDescending(r => r.SentAt).ThenByDescending(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(r => new
            {
                r.Id, Service = db.Services.Where(x => x.Id == r.ServiceId).Select(x => x.Name).First(),
                Organisation = db.Organisations.Where(o => o.Id == r.OrganisationId).Select(o => o.Name).First(),
                r.Urgency, r.Status, r.CreatedAt, r.SentAt, r.AcknowledgeBy, r.DecideBy, r.DeclineReason, r.Successful,
            }).ToListAsync(ct);
        var now = access.Now;
        return new ReferralPage([.. rows.Take(PageSize).Select(r =>
        {
            var due = ReferralReading.Due(r.Status, r.AcknowledgeBy, r.DecideBy);
            return new ReferralSummary(r.Id, null, r.Service, r.Organisation, r.Urgency, r.Status, r.CreatedAt, r.SentAt, due, due < now,
                r.DeclineReason, r.Successful);
        })], page, rows.Count > PageSize);
    }

    /// <summary>A referral sent to the user's organisation: the shared fields only. Null when out of scope; the read is audited.</summary>
    public async Task<ReferralView?> ReadAsync(Guid id, CancellationToken ct)
    {
        var referral = await Received().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
            return null;
        await audit.ReadAsync(nameof(Referral), referral.Id, ct);
        return await ReferralReading.ViewAsync(db, referral, ReferralSide.Receiver, access.Now, ct);
    }

    /// <summary>
    /// One receiver step (acknowledge, accept, decline, complete), refused when the state machine does
    /// not allow it now, when the referral changed since the person looked (<see cref="ReferralStepInput.Version"/>),
    /// or when its details are missing.
    /// </summary>
    public async Task<CommandResult<ReferralView>> StepAsync(Guid id, ReferralAction action, ReferralStepInput input, CancellationToken ct)
    {
        var referral = await Received().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
            return CommandResult<ReferralView>.NotFound();
        if (input.Version is { } seen && seen != referral.Version)
            return CommandResult<ReferralView>.Refused("", "Referrals.Refused.Changed");
        if (ReferralStateMachine.SideOf(action) != ReferralSide.Receiver)
            return CommandResult<ReferralView>.Refused("", "Referrals.Refused.NotYourSide");
        if (ReferralStateMachine.Next(referral.Status, action) is null)
            return CommandResult<ReferralView>.Refused("", "Referrals.Refused.NotNow");

        var errors = new List<RuleError>();
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > 2000 })
            errors.Add(new(nameof(ReferralStepInput.Note), "Validation.TooLong"));
        string? detail = null;
        switch (action)
        {
            case ReferralAction.Decline:
                if (string.IsNullOrEmpty(input.DeclineReason))
                    errors.Add(new(nameof(ReferralStepInput.DeclineReason), "Referrals.DeclineReasonRequired"));
                else if (!PersonRules.IsValue<DeclineReason>(input.DeclineReason))
                    errors.Add(new(nameof(ReferralStepInput.DeclineReason), "Referrals.UnknownDeclineReason"));
                else if (input.DeclineReason == nameof(DeclineReason.Other) && note is null)
                    errors.Add(new(nameof(ReferralStepInput.Note), "Referrals.NoteRequired"));
                break;
            case ReferralAction.Complete:
                if (input.Successful is null)
                    errors.Add(new(nameof(ReferralStepInput.Successful), "Referrals.OutcomeRequired"));
                if (!input.ServicesGiven.All(PersonRules.IsValue<ServiceType>))
                    errors.Add(new(nameof(ReferralStepInput.ServicesGiven), "Referrals.UnknownServiceType"));
                break;
        }
        if (errors.Count > 0)
            return CommandResult<ReferralView>.Refused([.. errors]);

        ReferralStateMachine.Apply(referral, action, ReferralSide.Receiver, access.Now);
        switch (action)
        {
            case ReferralAction.Acknowledge:
                referral.AcknowledgedById = user.RequiredId;
                referral.DecideBy = referral.AcknowledgedAt + ReferralReading.Window(options.Value.Referrals, referral.Urgency);
                break;
            case ReferralAction.Accept:
                referral.DecidedById = user.RequiredId;
                // A bed held for the referral stays held long enough for the shelter to admit the person.
                await holds.ExtendAsync(referral.Id, access.Now, ct);
                break;
            case ReferralAction.Decline:
                referral.DecidedById = user.RequiredId;
                referral.DeclineReason = Enum.Parse<DeclineReason>(input.DeclineReason!);
                referral.DeclineNote = note;
                detail = "DeclineReason." + referral.DeclineReason;
                await holds.ReleaseAsync(referral.Id, access.Now, ct);
                break;
            case ReferralAction.Complete:
                referral.Successful = input.Successful;
                referral.OutcomeNote = note;
                referral.ServicesGiven = string.Join(',', input.ServicesGiven.Distinct().Select(Enum.Parse<ServiceType>).Order());
                detail = input.Successful == true ? "Referrals.Outcome.Successful" : "Referrals.Outcome.NotSuccessful";
                await holds.ReleaseAsync(referral.Id, access.Now, ct);
                break;
        }
        db.ReferralEvents.Add(new ReferralEvent
        {
            ReferralId = referral.Id, Action = action, Status = referral.Status, At = access.Now, UserId = user.Id, OrganisationId = user.OrganisationId,
        });
        var step = action.ToString().ToLowerInvariant();
        access.RecordOnReferringCase(referral.CaseId, "referral." + step, referral.Id, detail);
        notifier.Notify(await ReferralReading.SendersAsync(db, referral, ct), "referral." + StepKind(action), $"/cases/{referral.CaseId}/referrals/{referral.Id}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult<ReferralView>.Refused("", "Referrals.Refused.Changed");
        }
        return CommandResult<ReferralView>.Done(await ReferralReading.ViewAsync(db, referral, ReferralSide.Receiver, access.Now, ct));
    }

    /// <summary>The new-case form filled from what was shared, when the user may open the linked case now; null otherwise.</summary>
    public async Task<PersonForm?> CaseFormAsync(Guid id, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.CaseWorker))
            return null;
        var referral = await Received().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null || !CanOpenCase(referral))
            return null;
        await audit.ReadAsync(nameof(Referral), referral.Id, ct);
        return SharedRecord.ToPersonForm(referral.ConsentWithdrawnAt is null ? SharedRecord.Parse(referral.SharedData) : [], access.Today);
    }

    /// <summary>
    /// "Open our case": after acceptance, a case worker of the receiving organisation registers the
    /// person in their own organisation (the usual registration, with its rules and duplicate check),
    /// is put on its team, and the referral points to it.
    /// </summary>
    public async Task<(CommandResult<ReferralView> Result, RegistrationResult? Registration)> OpenCaseAsync(Guid id, PersonInput input, CancellationToken ct)
    {
        var referral = user.IsInRole(Roles.CaseWorker) ? await Received().SingleOrDefaultAsync(r => r.Id == id, ct) : null;
        if (referral is null)
            return (CommandResult<ReferralView>.NotFound(), null);
        if (referral.ReceivingCaseId is not null)
            return (CommandResult<ReferralView>.Refused("", "Referrals.CaseAlreadyOpen"), null);
        if (!CanOpenCase(referral))
            return (CommandResult<ReferralView>.Refused("", "Referrals.Refused.NotAccepted"), null);
        var registered = await registration.RegisterAsync(input, ct);
        if (!registered.Succeeded)
            return (CommandResult<ReferralView>.Refused([.. registered.Errors]), registered);
        referral.ReceivingCaseId = registered.Opened!.Id;
        referral.Version++;
        var opened = await db.Cases.SingleAsync(c => c.Id == registered.Opened.Id, ct);
        access.Record(opened, "referral.received", referral.Id);
        await db.SaveChangesAsync(ct);
        return (CommandResult<ReferralView>.Done(await ReferralReading.ViewAsync(db, referral, ReferralSide.Receiver, access.Now, ct)), registered);
    }

    private static bool CanOpenCase(Referral referral) =>
        referral.ReceivingCaseId is null && referral.Status is ReferralStatus.Accepted or ReferralStatus.Completed;

    private static string StepKind(ReferralAction action) => action switch
    {
        ReferralAction.Acknowledge => "acknowledged",
        ReferralAction.Accept => "accepted",
        ReferralAction.Decline => "declined",
        _ => "completed",
    };
}
