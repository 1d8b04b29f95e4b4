using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Cases;
using Ura.Features.Directory;
using Ura.Features.Notifications;
using Ura.Features.Referrals;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Federation;

namespace Ura.Features.Transnational;

/// <summary>
/// <c>transnational.referral</c> on the receiving node: keeps the referral under the sender's id (the
/// correlation), for the chosen organisation or, with focal-point routing, for the national
/// coordinator's office first. A service that is not (or no longer) taking referrals here is
/// declined at once, and the person's data is not kept.
/// </summary>
public sealed class ReferralArrivedHandler(
    UraDbContext db, FederationSender sender, Notifier notifier, AuditLog audit, TimeProvider clock, IOptions<TransnationalOptions> options) : IFederationHandler
{
    public string Type => TransnationalMessages.Referral;

    public async Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        // An id already known here (a peer reusing one) never overwrites anything.
        if (await db.TransnationalReferrals.AnyAsync(r => r.Id == message.CorrelationId, ct))
        {
            audit.Record("transnational.refused", nameof(TransnationalReferral), message.CorrelationId, $"peer={message.SenderNodeId}; id already in use");
            return;
        }
        var payload = message.Read<ReferralPayload>();
        var peer = await db.FederationPeers.AsNoTracking().SingleAsync(p => p.NodeId == message.SenderNodeId, ct);
        var country = (await db.NodeIdentity.AsNoTracking().Select(n => n.CountryCode).FirstOrDefaultAsync(ct)) ?? "";
        var service = await db.Services.AsNoTracking()
            .Where(s => s.Id == payload.ServiceId && s.Status == ServiceStatus.Active && s.AcceptsReferrals && s.Organisation!.IsActive && s.Organisation.CountryCode == country)
            .Select(s => new { s.Id, s.OrganisationId }).SingleOrDefaultAsync(ct);
        var focalPoint = options.Value.Routing == TransnationalRouting.FocalPoint
            ? await db.Organisations.AsNoTracking().Where(o => o.IsNationalCoordinatorOffice && o.IsActive && o.CountryCode == country)
                .Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct)
            : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var fields = (payload.SharedFields ?? []).Where(SharedRecord.IsField).Distinct().ToList();
        var referral = new TransnationalReferral
        {
            Id = message.CorrelationId,
            Side = TransnationalSide.Receiving,
            PeerNodeId = peer.NodeId,
            OrganisationId = focalPoint ?? service?.OrganisationId ?? Guid.Empty,
            CreatedAt = now,
            RemoteOrganisationId = payload.FromOrganisationId,
            RemoteOrganisationName = Cut(payload.FromOrganisationName ?? "", 300),
            ServiceId = service?.Id,
            CategoryCode = payload.CategoryCode is { Length: <= 60 } c ? c : null,
            Urgency = Enum.IsDefined(payload.Urgency) ? payload.Urgency : ReferralUrgency.Routine,
            Status = ReferralStatus.Sent,
            AtFocalPoint = focalPoint is not null,
            SentAt = message.CreatedAt,
            SharedFields = Cut(string.Join(',', fields), 300),
        };
        db.TransnationalReferrals.Add(referral);
        if (service is null && focalPoint is null)
        {
            referral.Status = ReferralStatus.Declined;
            referral.DecidedAt = now;
            referral.DeclineReason = DeclineReason.ServiceNotOffered;
            await sender.SendAsync(peer.NodeId, TransnationalMessages.Declined, referral.Id, new StepPayload(DeclineReason.ServiceNotOffered, null, null, null), ct);
            audit.Record("transnational.declined", nameof(TransnationalReferral), referral.Id, "service not taking referrals");
            return;
        }
        referral.Reason = Cut(payload.Reason ?? "", 2000);
        referral.Message = payload.Message is null ? null : Cut(payload.Message, 2000);
        referral.SharedData = SharedRecord.Serialise((payload.Shared ?? []).Where(kv => fields.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => Cut(kv.Value, 500)));
        audit.Record("transnational.received", nameof(TransnationalReferral), referral.Id, $"peer={peer.NodeId}; focal point={referral.AtFocalPoint}");
        notifier.Notify(await TransnationalReading.ReceiversAsync(db, referral, ct), "transnational.received", $"/referrals/transnational/{referral.Id}");
    }

    internal static string Cut(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>
/// The receiver's answers on the sending node (acknowledged, accepted, declined, completed, forwarded):
/// the sending row moves as the state machine allows, the step goes on the case timeline, the team is told.
/// A step that crossed the sender's withdrawal finds the referral final and changes nothing.
/// </summary>
public sealed class ReferralAnswerHandler(string type, UraDbContext db, CaseAccess access, Notifier notifier) : IFederationHandler
{
    public string Type => type;

    public async Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        var referral = await db.TransnationalReferrals.SingleOrDefaultAsync(r => r.Id == message.CorrelationId
            && r.PeerNodeId == message.SenderNodeId && r.Side == TransnationalSide.Sending, ct);
        if (referral?.CaseId is not { } caseId)
            return;
        string? detail = null;
        if (type == TransnationalMessages.Forwarded)
        {
            var forwarded = message.Read<ForwardedPayload>();
            if (referral.Status != ReferralStatus.Sent)
                return;
            referral.RemoteOrganisationId = forwarded.OrganisationId;
            referral.RemoteOrganisationName = ReferralArrivedHandler.Cut(forwarded.OrganisationName ?? "", 300);
            referral.RemoteServiceId = forwarded.ServiceId;
            referral.RemoteServiceName = ReferralArrivedHandler.Cut(forwarded.ServiceName ?? "", 300);
            referral.ForwardedAt = message.CreatedAt;
        }
        else
        {
            var step = message.Read<StepPayload>();
            var action = type switch
            {
                TransnationalMessages.Acknowledged => ReferralAction.Acknowledge,
                TransnationalMessages.Accepted => ReferralAction.Accept,
                TransnationalMessages.Declined => ReferralAction.Decline,
                _ => ReferralAction.Complete,
            };
            // The focal point declines straight from sent.
            var to = action == ReferralAction.Decline && referral.Status == ReferralStatus.Sent
                ? ReferralStatus.Declined : ReferralStateMachine.Next(referral.Status, action);
            if (to is null)
                return;
            referral.Status = to.Value;
            switch (action)
            {
                case ReferralAction.Acknowledge: referral.AcknowledgedAt = message.CreatedAt; break;
                case ReferralAction.Accept: referral.DecidedAt = message.CreatedAt; break;
                case ReferralAction.Decline:
                    referral.DecidedAt = message.CreatedAt;
                    referral.DeclineReason = step.DeclineReason is { } d && Enum.IsDefined(d) ? d : DeclineReason.Other;
                    referral.DeclineNote = step.Note is null ? null : ReferralArrivedHandler.Cut(step.Note, 2000);
                    detail = "DeclineReason." + referral.DeclineReason;
                    break;
                case ReferralAction.Complete:
                    referral.CompletedAt = message.CreatedAt;
                    referral.Successful = step.Successful;
                    referral.OutcomeNote = step.Note is null ? null : ReferralArrivedHandler.Cut(step.Note, 2000);
                    referral.ServicesGiven = string.Join(',', (step.ServicesGiven ?? []).Where(PersonRules.IsValue<ServiceType>).Distinct().Order());
                    detail = step.Successful == true ? "Referrals.Outcome.Successful" : "Referrals.Outcome.NotSuccessful";
                    break;
            }
        }
        referral.Version++;
        // The message type names the step on the timeline (Timeline.transnational.accepted, ...) and in the notification.
        access.RecordOnReferringCase(caseId, type, referral.Id, detail);
        notifier.Notify(await TransnationalReading.SendersAsync(db, referral, ct), type, $"/cases/{caseId}/transnational/{referral.Id}");
    }
}

/// <summary><c>transnational.withdrawn</c> on the receiving node: the referral is withdrawn and the person's data no longer shown or kept.</summary>
public sealed class ReferralWithdrawnHandler(UraDbContext db, Notifier notifier, TimeProvider clock) : IFederationHandler
{
    public string Type => TransnationalMessages.Withdrawn;

    public async Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        var referral = await db.TransnationalReferrals.SingleOrDefaultAsync(r => r.Id == message.CorrelationId
            && r.PeerNodeId == message.SenderNodeId && r.Side == TransnationalSide.Receiving, ct);
        if (referral is null || ReferralStateMachine.Next(referral.Status, ReferralAction.Withdraw) is not { } to)
            return;
        referral.Status = to;
        referral.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        referral.SharedData = null;
        referral.Version++;
        notifier.Notify(await TransnationalReading.ReceiversAsync(db, referral, ct), "transnational.withdrawn", $"/referrals/transnational/{referral.Id}");
    }
}

/// <summary>
/// <c>transnational.consent-withdrawn</c> on the receiving node: erases what was received (shared
/// fields, reason, message), has every <see cref="ITransnationalPurge"/> erase its part, and answers
/// <c>transnational.purged</c> in the same transaction. The organisation's own linked case, opened
/// under its own consent and law, is not touched.
/// </summary>
public sealed class ConsentWithdrawnHandler(
    UraDbContext db, IEnumerable<ITransnationalPurge> purges, FederationSender sender, Notifier notifier, AuditLog audit, TimeProvider clock) : IFederationHandler
{
    public string Type => TransnationalMessages.ConsentWithdrawn;

    public async Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        var referral = await db.TransnationalReferrals.SingleOrDefaultAsync(r => r.Id == message.CorrelationId
            && r.PeerNodeId == message.SenderNodeId && r.Side == TransnationalSide.Receiving, ct);
        if (referral is null)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        referral.SharedData = null;
        referral.Reason = null;
        referral.Message = null;
        referral.ConsentWithdrawnAt = now;
        foreach (var purge in purges)
            await purge.PurgeAsync(referral, now, ct);
        referral.PurgedAt = now;
        referral.Version++;
        await sender.SendAsync(referral.PeerNodeId, TransnationalMessages.Purged, referral.Id, new PurgedPayload(now), ct);
        audit.Record("transnational.purged", nameof(TransnationalReferral), referral.Id, $"peer={referral.PeerNodeId}");
        notifier.Notify(await TransnationalReading.ReceiversAsync(db, referral, ct), "transnational.consent-withdrawn", $"/referrals/transnational/{referral.Id}");
    }
}

/// <summary><c>transnational.purged</c> on the sending node: the receiver's signed confirmation, shown on the case.</summary>
public sealed class PurgedHandler(UraDbContext db, CaseAccess access, Notifier notifier) : IFederationHandler
{
    public string Type => TransnationalMessages.Purged;

    public async Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        var referral = await db.TransnationalReferrals.SingleOrDefaultAsync(r => r.Id == message.CorrelationId
            && r.PeerNodeId == message.SenderNodeId && r.Side == TransnationalSide.Sending, ct);
        if (referral?.CaseId is not { } caseId)
            return;
        var purged = message.Read<PurgedPayload>();
        referral.PurgedAt = purged.PurgedAt;
        referral.Version++;
        access.RecordOnReferringCase(caseId, "transnational.purged", referral.Id);
        notifier.Notify(await TransnationalReading.SendersAsync(db, referral, ct), "transnational.purged", $"/cases/{caseId}/transnational/{referral.Id}");
    }
}

/// <summary>
/// Withdrawal of consent on the sending case reaches every node that received the person's data under
/// it: the local copy is erased and <c>transnational.consent-withdrawn</c> goes out in the same save.
/// </summary>
public sealed class TransnationalConsent(UraDbContext db, CaseAccess access, FederationSender sender)
{
    public async Task<int> WithdrawnAsync(Case @case, Guid consentId, CancellationToken ct)
    {
        var sent = await db.TransnationalReferrals.Where(r => r.CaseId == @case.Id && r.Side == TransnationalSide.Sending
            && r.ConsentId == consentId && r.SentAt != null && r.ConsentWithdrawnAt == null).ToListAsync(ct);
        foreach (var referral in sent)
        {
            referral.SharedData = null;
            referral.ConsentWithdrawnAt = access.Now;
            referral.Version++;
            // A peer removed since cannot be told; the timeline says the request was recorded all the same.
            if (await db.FederationPeers.AnyAsync(p => p.NodeId == referral.PeerNodeId, ct))
                await sender.SendAsync(referral.PeerNodeId, TransnationalMessages.ConsentWithdrawn, referral.Id, new { }, ct);
            access.Record(@case, "transnational.consent-withdrawn", referral.Id);
        }
        return sent.Count;
    }
}
