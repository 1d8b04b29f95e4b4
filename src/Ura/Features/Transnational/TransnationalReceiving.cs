using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Directory;
using Ura.Features.Referrals;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Platform.Identity;

namespace Ura.Features.Transnational;

/// <summary>
/// The receiving side. While a referral waits at the focal point, the national coordinators of the
/// coordinator office see it and forward it to an organisation of the country or decline it; after
/// that, the organisation's case workers and supervisors see the shared fields, acknowledge, accept
/// or decline, complete, and open their own case. Each step travels back to the sending node.
/// </summary>
public sealed class TransnationalReceiving(
    UraDbContext db, CaseAccess access, CurrentUser user, FederationSender sender, AuditLog audit, CaseRegistration registration, Notifications.Notifier notifier)
{
    private bool IsCoordinator => user.IsInRole(Roles.NationalCoordinator);
    private bool IsCaseTeam => user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.Supervisor);

    /// <summary>Received referrals the user may act on; nobody else finds any.</summary>
    private IQueryable<TransnationalReferral> Received()
    {
        if (user.OrganisationId is not { } organisationId || !(IsCoordinator || IsCaseTeam))
            return db.TransnationalReferrals.Where(_ => false);
        var coordinator = IsCoordinator;
        var team = IsCaseTeam;
        return db.TransnationalReferrals.Where(r => r.Side == TransnationalSide.Receiving && r.OrganisationId == organisationId
            && ((r.AtFocalPoint && coordinator) || (!r.AtFocalPoint && team)));
    }

    public async Task<IReadOnlyList<TransnationalSummary>> InboxAsync(CancellationToken ct)
    {
        var rows = await Received().AsNoTracking().OrderByDescending(r => r.SentAt).Take(200)
            .Select(r => new
            {
                r.Id, r.PeerNodeId, r.RemoteOrganisationName, Service = db.Services.Where(s => s.Id == r.ServiceId).Select(s => s.Name).FirstOrDefault(),
                r.Urgency, r.Status, r.AtFocalPoint, r.SentAt, r.ConsentWithdrawnAt, r.PurgedAt,
            }).ToListAsync(ct);
        return [.. rows.Select(r => new TransnationalSummary(r.Id, r.PeerNodeId, r.RemoteOrganisationName, r.Service, r.Urgency, r.Status,
            r.AtFocalPoint, r.SentAt, r.ConsentWithdrawnAt is not null, r.PurgedAt))];
    }

    /// <summary>A received referral: the shared fields only; null when out of scope. The read is audited.</summary>
    public async Task<TransnationalView?> ReadAsync(Guid id, CancellationToken ct)
    {
        var referral = await Received().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
            return null;
        await audit.ReadAsync(nameof(TransnationalReferral), referral.Id, ct);
        return await TransnationalReading.ViewAsync(db, referral, access.Now, ct);
    }

    /// <summary>The services of this country the focal point may forward to (active, taking referrals).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, string Organisation)>> ForwardChoicesAsync(CancellationToken ct)
    {
        var country = user.CountryCode ?? "";
        var rows = await db.Services.AsNoTracking()
            .Where(s => s.Status == ServiceStatus.Active && s.AcceptsReferrals && s.Organisation!.IsActive && s.Organisation.CountryCode == country)
            .OrderBy(s => s.Organisation!.Name).ThenBy(s => s.Name).Select(s => new { s.Id, s.Name, Organisation = s.Organisation!.Name }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.Name, r.Organisation))];
    }

    /// <summary>The service the sender chose, offered first when the focal point forwards.</summary>
    public Task<Guid?> ChosenServiceAsync(Guid id, CancellationToken ct) =>
        Received().Where(r => r.Id == id).Select(r => r.ServiceId).SingleOrDefaultAsync(ct);

    /// <summary>The focal point passes the referral to a service of its country; that organisation then sees it.</summary>
    public async Task<CommandResult<TransnationalView>> ForwardAsync(Guid id, TransnationalForwardInput input, CancellationToken ct)
    {
        var referral = IsCoordinator ? await Received().SingleOrDefaultAsync(r => r.Id == id && r.AtFocalPoint, ct) : null;
        if (referral is null)
            return CommandResult<TransnationalView>.NotFound();
        if (input.Version is { } seen && seen != referral.Version)
            return CommandResult<TransnationalView>.Refused("", "Referrals.Refused.Changed");
        if (referral.Status != ReferralStatus.Sent)
            return CommandResult<TransnationalView>.Refused("", "Referrals.Refused.NotNow");
        var country = user.CountryCode ?? "";
        var service = input.ServiceId is { } serviceId
            ? await db.Services.AsNoTracking().Where(s => s.Id == serviceId && s.Status == ServiceStatus.Active && s.AcceptsReferrals
                    && s.Organisation!.IsActive && s.Organisation.CountryCode == country)
                .Select(s => new { s.Id, s.Name, s.OrganisationId, Organisation = s.Organisation!.Name }).SingleOrDefaultAsync(ct)
            : null;
        if (service is null)
            return CommandResult<TransnationalView>.Refused(nameof(input.ServiceId), "Transnational.UnknownService");
        referral.AtFocalPoint = false;
        referral.OrganisationId = service.OrganisationId;
        referral.ServiceId = service.Id;
        referral.ForwardedAt = access.Now;
        referral.ForwardedById = user.RequiredId;
        referral.Version++;
        await sender.SendAsync(referral.PeerNodeId, TransnationalMessages.Forwarded, referral.Id,
            new ForwardedPayload(service.OrganisationId, service.Organisation, service.Id, service.Name), ct);
        audit.Record("transnational.forward", nameof(TransnationalReferral), referral.Id, $"organisation={service.OrganisationId}");
        Notify(await TransnationalReading.ReceiversAsync(db, referral, ct), referral);
        return await SaveAsync(referral, ct);
    }

    /// <summary>
    /// Acknowledge, accept, decline or complete, as for a national referral. At the focal point only
    /// decline is possible (straight from sent): the coordinator turns it down instead of forwarding.
    /// </summary>
    public async Task<CommandResult<TransnationalView>> StepAsync(Guid id, ReferralAction action, ReferralStepInput input, CancellationToken ct)
    {
        var referral = await Received().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
            return CommandResult<TransnationalView>.NotFound();
        if (input.Version is { } seen && seen != referral.Version)
            return CommandResult<TransnationalView>.Refused("", "Referrals.Refused.Changed");
        if (ReferralStateMachine.SideOf(action) != ReferralSide.Receiver)
            return CommandResult<TransnationalView>.Refused("", "Referrals.Refused.NotYourSide");
        var atFocalPoint = referral.AtFocalPoint;
        ReferralStatus? to = atFocalPoint
            ? action == ReferralAction.Decline && referral.Status == ReferralStatus.Sent ? ReferralStatus.Declined : null
            : ReferralStateMachine.Next(referral.Status, action);
        if (to is null)
            return CommandResult<TransnationalView>.Refused("", "Referrals.Refused.NotNow");

        var errors = new List<RuleError>();
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > 2000 })
            errors.Add(new(nameof(input.Note), "Validation.TooLong"));
        if (action == ReferralAction.Decline)
        {
            if (string.IsNullOrEmpty(input.DeclineReason))
                errors.Add(new(nameof(input.DeclineReason), "Referrals.DeclineReasonRequired"));
            else if (!PersonRules.IsValue<DeclineReason>(input.DeclineReason))
                errors.Add(new(nameof(input.DeclineReason), "Referrals.UnknownDeclineReason"));
            else if (input.DeclineReason == nameof(DeclineReason.Other) && note is null)
                errors.Add(new(nameof(input.Note), "Referrals.NoteRequired"));
        }
        if (action == ReferralAction.Complete)
        {
            if (input.Successful is null)
                errors.Add(new(nameof(input.Successful), "Referrals.OutcomeRequired"));
            if (!input.ServicesGiven.All(PersonRules.IsValue<ServiceType>))
                errors.Add(new(nameof(input.ServicesGiven), "Referrals.UnknownServiceType"));
        }
        if (errors.Count > 0)
            return CommandResult<TransnationalView>.Refused([.. errors]);

        var now = access.Now;
        referral.Status = to.Value;
        referral.Version++;
        var payload = new StepPayload(null, null, null, null);
        switch (action)
        {
            case ReferralAction.Acknowledge:
                referral.AcknowledgedAt = now;
                break;
            case ReferralAction.Accept:
                referral.DecidedAt = now;
                break;
            case ReferralAction.Decline:
                referral.DecidedAt = now;
                referral.DeclineReason = Enum.Parse<DeclineReason>(input.DeclineReason!);
                referral.DeclineNote = note;
                // Turned down: the person's data has no further use here.
                referral.SharedData = null;
                payload = new StepPayload(referral.DeclineReason, note, null, null);
                break;
            case ReferralAction.Complete:
                referral.CompletedAt = now;
                referral.Successful = input.Successful;
                referral.OutcomeNote = note;
                referral.ServicesGiven = string.Join(',', input.ServicesGiven.Distinct().Select(Enum.Parse<ServiceType>).Order());
                payload = new StepPayload(null, note, input.Successful, [.. referral.ServicesGiven.Split(',', StringSplitOptions.RemoveEmptyEntries)]);
                break;
        }
        await sender.SendAsync(referral.PeerNodeId, TransnationalMessages.Of(action), referral.Id, payload, ct);
        // Timeline.transnational.acknowledge, .accept, .decline, .complete
        var step = "transnational." + action.ToString().ToLowerInvariant();
        audit.Record(step, nameof(TransnationalReferral), referral.Id, atFocalPoint ? "focal point" : null);
        if (referral.CaseId is { } ours && await db.Cases.SingleOrDefaultAsync(c => c.Id == ours, ct) is { } linked)
            access.Record(linked, step, referral.Id);
        return await SaveAsync(referral, ct);
    }

    /// <summary>The new-case form filled from what was shared, when the user may open the linked case now; null otherwise.</summary>
    public async Task<PersonForm?> CaseFormAsync(Guid id, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.CaseWorker))
            return null;
        var referral = await Received().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null || !CanOpenCase(referral))
            return null;
        await audit.ReadAsync(nameof(TransnationalReferral), referral.Id, ct);
        return SharedRecord.ToPersonForm(referral.ConsentWithdrawnAt is null ? SharedRecord.Parse(referral.SharedData) : [], access.Today);
    }

    /// <summary>"Open our case": after acceptance, a case worker registers the person in their own organisation; the referral points to that case.</summary>
    public async Task<(CommandResult<TransnationalView> Result, RegistrationResult? Registration)> OpenCaseAsync(Guid id, PersonInput input, CancellationToken ct)
    {
        var referral = user.IsInRole(Roles.CaseWorker) ? await Received().SingleOrDefaultAsync(r => r.Id == id, ct) : null;
        if (referral is null)
            return (CommandResult<TransnationalView>.NotFound(), null);
        if (referral.CaseId is not null)
            return (CommandResult<TransnationalView>.Refused("", "Referrals.CaseAlreadyOpen"), null);
        if (!CanOpenCase(referral))
            return (CommandResult<TransnationalView>.Refused("", "Referrals.Refused.NotAccepted"), null);
        var registered = await registration.RegisterAsync(input, ct);
        if (!registered.Succeeded)
            return (CommandResult<TransnationalView>.Refused([.. registered.Errors]), registered);
        referral.CaseId = registered.Opened!.Id;
        referral.Version++;
        var opened = await db.Cases.SingleAsync(c => c.Id == registered.Opened.Id, ct);
        access.Record(opened, "transnational.received", referral.Id);
        return (await SaveAsync(referral, ct), registered);
    }

    private static bool CanOpenCase(TransnationalReferral r) =>
        r.CaseId is null && !r.AtFocalPoint && r.Status is ReferralStatus.Accepted or ReferralStatus.Completed;

    private void Notify(List<Guid> users, TransnationalReferral referral) =>
        notifier.Notify(users, "transnational.received", $"/referrals/transnational/{referral.Id}");

    private async Task<CommandResult<TransnationalView>> SaveAsync(TransnationalReferral referral, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<TransnationalView>.Refused("", "Referrals.Refused.Changed");
        }
        return CommandResult<TransnationalView>.Done(await TransnationalReading.ViewAsync(db, referral, access.Now, ct));
    }
}
