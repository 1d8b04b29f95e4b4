using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Federation;

namespace Ura.Features.Transnational;

/// <summary>The federation message types of a voluntary return, all on the referral's correlation.</summary>
public static class ReturnMessageTypes
{
    /// <summary>Sender to receiver: the plan, first time.</summary>
    public const string Proposed = "return.proposed";

    /// <summary>Sender to receiver: the plan changed; it needs confirming again.</summary>
    public const string Updated = "return.updated";

    /// <summary>Receiver to sender: the plan of a given revision is confirmed.</summary>
    public const string Confirmed = "return.confirmed";

    /// <summary>Receiver to sender: the plan of a given revision is declined, with a reason.</summary>
    public const string Declined = "return.declined";

    /// <summary>Receiver to sender: the person arrived and was received (date, place, who).</summary>
    public const string HandedOver = "return.handed-over";

    /// <summary>Receiver to sender: a follow-up report, sent only while the person's consent allows it.</summary>
    public const string FollowUp = "return.follow-up";
}

public sealed record ReturnAssistancePayload(ReturnAssistanceType Type, decimal? Amount, string? Currency, string? Note);

/// <summary>The plan as it travels in <c>return.proposed</c> and <c>return.updated</c>.</summary>
public sealed record ReturnPlanPayload(
    int Revision, bool InformedDecision, DateOnly? DecisionOn, string? DecisionNote, ReturnRisk SafetyRisk, string? SafetyNote,
    string? FamilySituation, string? Route, TravelMode TravelMode, DateOnly DepartureOn, DateOnly? ArrivalOn, ReturnEscort Escort,
    string? EscortDetails, TravelDocumentStatus TravelDocuments, IReadOnlyList<ReturnAssistancePayload> Assistance)
{
    public static ReturnPlanPayload Of(ReturnPlan p) => new(
        p.Revision, p.InformedDecision, p.DecisionOn, p.DecisionNote, p.SafetyRisk, p.SafetyNote, p.FamilySituation, p.Route, p.TravelMode,
        p.DepartureOn, p.ArrivalOn, p.Escort, p.EscortDetails, p.TravelDocuments,
        [.. p.Assistance.OrderBy(a => a.Type).Select(a => new ReturnAssistancePayload(a.Type, a.Amount, a.Currency, a.Note))]);
}

public sealed record ReturnDecisionPayload(int Revision, string? Reason);

public sealed record ReturnHandoverPayload(DateOnly HandedOverOn, string Place, string ReceivedBy);

public sealed record ReturnFollowUpPayload(int Month, DateOnly ReportedOn, ReturnSituation Situation, string Summary);

/// <summary>
/// What the return handlers share: finding the referral the message belongs to (by correlation AND
/// sending peer, never by an id in the payload) and writing on a case's timeline without a user.
/// </summary>
internal static class ReturnInbound
{
    /// <summary>Null referral when the peer has no such referral with this node: the message then has no effect.</summary>
    public static async Task<(TransnationalReferral? Referral, ReturnPlan? Plan)> FindAsync(UraDbContext db, InboundMessage m, TransnationalSide side, CancellationToken ct)
    {
        var referral = await db.TransnationalReferrals
            .SingleOrDefaultAsync(r => r.Id == m.CorrelationId && r.PeerNodeId == m.SenderNodeId && r.Side == side, ct);
        var plan = referral is null ? null : await db.ReturnPlans.Include(p => p.Assistance).Include(p => p.FollowUps)
            .SingleOrDefaultAsync(p => p.TransnationalReferralId == referral.Id, ct);
        return (referral, plan);
    }

    /// <summary>A timeline entry and audit event for a change a peer made; saved with the applied message.</summary>
    public static async Task RecordAsync(UraDbContext db, AuditLog audit, Guid? caseId, string action, Guid planId, DateTime now, CancellationToken ct)
    {
        if (caseId is not { } id || await db.Cases.SingleOrDefaultAsync(c => c.Id == id, ct) is not { } @case)
            return;
        @case.UpdatedAt = now;
        db.CaseEvents.Add(new CaseEvent { CaseId = id, At = now, Action = action });
        audit.Record("case." + action, nameof(Case), id, $"reference={@case.Reference}; id={planId}", organisationId: @case.OrganisationId);
    }

    /// <summary>Free text from a peer, bounded like the same text typed here.</summary>
    public static string? Text(string? value, int max = 4000) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > max ? t[..max] : value.Trim();
}

/// <summary>Receiving node: <c>return.proposed</c> and <c>return.updated</c> store the plan (again) for confirmation.</summary>
public sealed class ReturnProposedHandler(UraDbContext db, AuditLog audit, TimeProvider clock) : IFederationHandler
{
    public string Type => ReturnMessageTypes.Proposed;

    public Task ApplyAsync(InboundMessage message, CancellationToken ct) => StoreAsync(db, audit, clock, message, ct);

    internal static async Task StoreAsync(UraDbContext db, AuditLog audit, TimeProvider clock, InboundMessage message, CancellationToken ct)
    {
        var (referral, plan) = await ReturnInbound.FindAsync(db, message, TransnationalSide.Receiving, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // After consent was withdrawn nothing more about the person is kept here.
        if (referral is null || referral.ConsentWithdrawnAt is not null)
            return;
        var payload = message.Read<ReturnPlanPayload>();
        if (plan is null)
        {
            plan = new ReturnPlan
            {
                TransnationalReferralId = referral.Id, Side = TransnationalSide.Receiving, OrganisationId = referral.OrganisationId,
                CaseId = referral.CaseId, CreatedAt = now,
            };
            db.ReturnPlans.Add(plan);
        }
        else if (plan.Status == ReturnStatus.HandedOver)
            return;
        plan.CaseId ??= referral.CaseId;
        plan.Status = ReturnStatus.Proposed;
        plan.Revision = payload.Revision;
        plan.InformedDecision = payload.InformedDecision;
        plan.DecisionOn = payload.DecisionOn;
        plan.DecisionNote = ReturnInbound.Text(payload.DecisionNote);
        plan.SafetyRisk = payload.SafetyRisk;
        plan.SafetyNote = ReturnInbound.Text(payload.SafetyNote);
        plan.FamilySituation = ReturnInbound.Text(payload.FamilySituation);
        plan.Route = ReturnInbound.Text(payload.Route, 1000);
        plan.TravelMode = payload.TravelMode;
        plan.DepartureOn = payload.DepartureOn;
        plan.ArrivalOn = payload.ArrivalOn;
        plan.Escort = payload.Escort;
        plan.EscortDetails = ReturnInbound.Text(payload.EscortDetails, 500);
        plan.TravelDocuments = payload.TravelDocuments;
        plan.ProposedAt = now;
        plan.DecidedAt = null;
        plan.DeclineReason = null;
        plan.UpdatedAt = now;
        plan.Version++;
        ReturnRules.Replace(db, plan, payload.Assistance.Select(a => new ReturnAssistancePayload(a.Type,
            a.Amount is { } amount && amount >= 0 && amount < 1_000_000_000_000 ? Math.Round(amount, 2) : null,
            a.Amount is not null && ReturnRules.IsCurrency(a.Currency) ? a.Currency : null,
            ReturnInbound.Text(a.Note, 1000))));
        await ReturnInbound.RecordAsync(db, audit, plan.CaseId, message.Type == ReturnMessageTypes.Proposed ? "return.proposed" : "return.updated", plan.Id, now, ct);
    }
}

public sealed class ReturnUpdatedHandler(UraDbContext db, AuditLog audit, TimeProvider clock) : IFederationHandler
{
    public string Type => ReturnMessageTypes.Updated;

    public Task ApplyAsync(InboundMessage message, CancellationToken ct) => ReturnProposedHandler.StoreAsync(db, audit, clock, message, ct);
}

/// <summary>Sending node: the receiving side confirmed or declined a revision; an answer to an older revision changes nothing.</summary>
public sealed class ReturnDecisionHandler(UraDbContext db, AuditLog audit, TimeProvider clock, string type) : IFederationHandler
{
    public string Type => type;

    public async Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        var (_, plan) = await ReturnInbound.FindAsync(db, message, TransnationalSide.Sending, ct);
        var payload = message.Read<ReturnDecisionPayload>();
        if (plan is null || plan.Status != ReturnStatus.Proposed || plan.Revision != payload.Revision)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        var confirmed = type == ReturnMessageTypes.Confirmed;
        plan.Status = confirmed ? ReturnStatus.Confirmed : ReturnStatus.Declined;
        plan.DecidedAt = now;
        plan.DeclineReason = confirmed ? null : ReturnInbound.Text(payload.Reason);
        plan.UpdatedAt = now;
        plan.Version++;
        await ReturnInbound.RecordAsync(db, audit, plan.CaseId, confirmed ? "return.confirmed" : "return.declined", plan.Id, now, ct);
    }
}

/// <summary>Sending node: the person was received at the destination; the sending case moves to follow-up.</summary>
public sealed class ReturnHandedOverHandler(UraDbContext db, AuditLog audit, TimeProvider clock) : IFederationHandler
{
    public string Type => ReturnMessageTypes.HandedOver;

    public async Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        var (_, plan) = await ReturnInbound.FindAsync(db, message, TransnationalSide.Sending, ct);
        if (plan is null || plan.Status == ReturnStatus.HandedOver)
            return;
        var payload = message.Read<ReturnHandoverPayload>();
        var now = clock.GetUtcNow().UtcDateTime;
        plan.Status = ReturnStatus.HandedOver;
        plan.HandedOverOn = payload.HandedOverOn;
        plan.HandoverPlace = ReturnInbound.Text(payload.Place, 300);
        plan.ReceivedBy = ReturnInbound.Text(payload.ReceivedBy, 200);
        plan.HandedOverAt = now;
        plan.UpdatedAt = now;
        plan.Version++;
        if (plan.CaseId is { } caseId && await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct) is { IsClosed: false } @case)
            @case.Status = CaseStatus.FollowUp;
        await ReturnInbound.RecordAsync(db, audit, plan.CaseId, "return.handed-over", plan.Id, now, ct);
    }
}

/// <summary>Sending node: a follow-up report arrived; a second report for the same month replaces the first.</summary>
public sealed class ReturnFollowUpHandler(UraDbContext db, AuditLog audit, TimeProvider clock) : IFederationHandler
{
    public string Type => ReturnMessageTypes.FollowUp;

    public async Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        var (_, plan) = await ReturnInbound.FindAsync(db, message, TransnationalSide.Sending, ct);
        if (plan is null)
            return;
        var payload = message.Read<ReturnFollowUpPayload>();
        if (payload.Month is < 1 or > 120)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        var report = plan.FollowUps.SingleOrDefault(f => f.Month == payload.Month);
        if (report is null)
        {
            report = new ReturnFollowUp { ReturnPlanId = plan.Id, OrganisationId = plan.OrganisationId, Month = payload.Month };
            db.ReturnFollowUps.Add(report);
        }
        report.DueOn = (plan.HandedOverOn ?? DateOnly.FromDateTime(now)).AddMonths(payload.Month);
        report.ReportedOn = payload.ReportedOn;
        report.Situation = payload.Situation;
        report.Summary = ReturnInbound.Text(payload.Summary);
        report.ReceivedAt = now;
        await ReturnInbound.RecordAsync(db, audit, plan.CaseId, "return.follow-up", plan.Id, now, ct);
    }
}
