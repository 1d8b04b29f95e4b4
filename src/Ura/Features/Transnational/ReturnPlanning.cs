using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Referrals;
using Ura.Platform.Data;
using Ura.Platform.Federation;

namespace Ura.Features.Transnational;

/// <summary>The <c>Ura:Federation</c> settings of returns.</summary>
public sealed class ReturnOptions
{
    /// <summary>Months after the handover at which follow-up reports are due, comma separated.</summary>
    public string FollowUpMonths { get; set; } = "3,6,12";

    /// <summary>The valid months (1 to 120) of <see cref="FollowUpMonths"/>, in order; 3, 6 and 12 when none is valid.</summary>
    public IReadOnlyList<int> Months()
    {
        var months = FollowUpMonths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n is >= 1 and <= 120).Distinct().Order().ToList();
        return months.Count > 0 ? months : [3, 6, 12];
    }
}

/// <summary>The return plan as the sending worker writes it. Codes are the names of the return enums and ISO 4217.</summary>
public sealed class ReturnPlanInput
{
    public bool InformedDecision { get; set; }

    [Display(Name = "Return.Field.DecisionOn")]
    public DateOnly? DecisionOn { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Return.Field.DecisionNote")]
    public string? DecisionNote { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string SafetyRisk { get; set; } = "";

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Return.Field.SafetyNote")]
    public string? SafetyNote { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Return.Field.FamilySituation")]
    public string? FamilySituation { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.TooLong"), Display(Name = "Return.Field.Route")]
    public string? Route { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string TravelMode { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Return.Field.DepartureOn")]
    public DateOnly? DepartureOn { get; set; }

    [Display(Name = "Return.Field.ArrivalOn")]
    public DateOnly? ArrivalOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string Escort { get; set; } = "";

    [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Return.Field.EscortDetails")]
    public string? EscortDetails { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string TravelDocuments { get; set; } = "";

    public List<ReturnAssistanceInput> Assistance { get; set; } = [];
}

/// <summary>One service of the return assistance package; a reintegration grant needs its amount and currency.</summary>
public sealed class ReturnAssistanceInput
{
    [Required(ErrorMessage = "Validation.Required")]
    public string Type { get; set; } = "";

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    [StringLength(1000, ErrorMessage = "Validation.TooLong")]
    public string? Note { get; set; }
}

public sealed record ReturnAssistanceView(string Type, decimal? Amount, string? Currency, string? Note);

public sealed record ReturnFollowUpView(int Month, DateOnly DueOn, DateOnly? ReportedOn, string? Situation, string? Summary,
    DateTime? SentAt, string? NotSentReason, DateTime? ReceivedAt);

/// <summary>A return plan as either side sees it. <c>OtherOrganisation</c> is the organisation on the other node.</summary>
public sealed record ReturnPlanView(
    Guid Id, Guid ReferralId, string Side, string Status, int Revision, string PeerNodeId, string OtherOrganisation, Guid? CaseId,
    bool InformedDecision, DateOnly? DecisionOn, string? DecisionNote, string SafetyRisk, string? SafetyNote, string? FamilySituation,
    string? Route, string TravelMode, DateOnly DepartureOn, DateOnly? ArrivalOn, string Escort, string? EscortDetails, string TravelDocuments,
    IReadOnlyList<ReturnAssistanceView> Assistance, DateTime? ProposedAt, DateTime? DecidedAt, string? DeclineReason,
    DateOnly? HandedOverOn, string? HandoverPlace, string? ReceivedBy, DateTime? PurgedAt, IReadOnlyList<ReturnFollowUpView> FollowUps)
{
    public static ReturnPlanView Of(ReturnPlan p, TransnationalReferral r) => new(
        p.Id, r.Id, p.Side.ToString(), p.Status.ToString(), p.Revision, r.PeerNodeId, r.RemoteOrganisationName, p.CaseId,
        p.InformedDecision, p.DecisionOn, p.DecisionNote, p.SafetyRisk.ToString(), p.SafetyNote, p.FamilySituation, p.Route,
        p.TravelMode.ToString(), p.DepartureOn, p.ArrivalOn, p.Escort.ToString(), p.EscortDetails, p.TravelDocuments.ToString(),
        [.. p.Assistance.OrderBy(a => a.Type).Select(a => new ReturnAssistanceView(a.Type.ToString(), a.Amount, a.Currency, a.Note))],
        p.ProposedAt, p.DecidedAt, p.DeclineReason, p.HandedOverOn, p.HandoverPlace, p.ReceivedBy, p.PurgedAt,
        [.. p.FollowUps.OrderBy(f => f.Month).Select(f => new ReturnFollowUpView(f.Month, f.DueOn, f.ReportedOn, f.Situation?.ToString(), f.Summary,
            f.SentAt, f.NotSentReason, f.ReceivedAt))]);
}

/// <summary>A transnational referral of the case that a return can be planned for, with its plan if there is one.</summary>
public sealed record ReturnCandidate(Guid ReferralId, string PeerNodeId, string Organisation, string ReferralStatus, ReturnPlanView? Plan);

/// <summary>The rules of a return plan, shared by the page and the API.</summary>
public static class ReturnRules
{
    public static bool IsCurrency(string? code) => code is not null && ServiceDeliveries.Currencies.Contains(code);

    public static List<RuleError> Check(ReturnPlanInput input, DateOnly today)
    {
        var errors = new List<RuleError>();
        // Voluntary return rests on the person's informed decision (SOP 4): no plan without it.
        if (!input.InformedDecision)
            errors.Add(new(nameof(input.InformedDecision), "Return.InformedDecisionRequired"));
        if (input.DecisionOn is null)
            errors.Add(new(nameof(input.DecisionOn), "Validation.Required"));
        else if (input.DecisionOn > today)
            errors.Add(new(nameof(input.DecisionOn), "Return.DateInFuture"));
        if (!PersonRules.IsValue<ReturnRisk>(input.SafetyRisk))
            errors.Add(new(nameof(input.SafetyRisk), "Return.UnknownCode"));
        if (!PersonRules.IsValue<TravelMode>(input.TravelMode))
            errors.Add(new(nameof(input.TravelMode), "Return.UnknownCode"));
        if (!PersonRules.IsValue<ReturnEscort>(input.Escort))
            errors.Add(new(nameof(input.Escort), "Return.UnknownCode"));
        if (!PersonRules.IsValue<TravelDocumentStatus>(input.TravelDocuments))
            errors.Add(new(nameof(input.TravelDocuments), "Return.UnknownCode"));
        if (input.DepartureOn is { } departure)
        {
            if (input.DecisionOn is { } decided && departure < decided)
                errors.Add(new(nameof(input.DepartureOn), "Return.DepartureBeforeDecision"));
            if (input.ArrivalOn is { } arrival && arrival < departure)
                errors.Add(new(nameof(input.ArrivalOn), "Return.ArrivalBeforeDeparture"));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in input.Assistance)
        {
            if (!PersonRules.IsValue<ReturnAssistanceType>(item.Type))
            {
                errors.Add(new(nameof(input.Assistance), "Return.UnknownCode"));
                continue;
            }
            if (!seen.Add(item.Type))
                errors.Add(new(nameof(input.Assistance), "Return.Assistance.Duplicate"));
            if (item.Type == nameof(ReturnAssistanceType.ReintegrationGrant) && item.Amount is not > 0)
                errors.Add(new(nameof(input.Assistance), "Return.Assistance.GrantAmountRequired"));
            if (item.Amount is { } amount)
            {
                if (amount < 0 || amount >= 1_000_000_000_000)
                    errors.Add(new(nameof(input.Assistance), "Return.Assistance.AmountInvalid"));
                if (!IsCurrency(item.Currency))
                    errors.Add(new(nameof(input.Assistance), "Services.UnknownCurrency"));
            }
            else if (!string.IsNullOrEmpty(item.Currency))
                errors.Add(new(nameof(input.Assistance), "Return.Assistance.AmountRequired"));
        }
        return [.. errors.Distinct()];
    }

    /// <summary>
    /// Makes the plan's package exactly <paramref name="items"/>: rows of a type kept are changed in place
    /// (deleting and re-adding one would briefly hold two rows of a type, which the unique index refuses).
    /// </summary>
    public static void Replace(UraDbContext db, ReturnPlan plan, IEnumerable<ReturnAssistancePayload> items)
    {
        var wanted = items.DistinctBy(i => i.Type).ToDictionary(i => i.Type);
        foreach (var gone in plan.Assistance.Where(a => !wanted.ContainsKey(a.Type)).ToList())
        {
            plan.Assistance.Remove(gone);
            db.ReturnAssistance.Remove(gone);
        }
        foreach (var item in wanted.Values)
        {
            var row = plan.Assistance.SingleOrDefault(a => a.Type == item.Type);
            if (row is null)
            {
                row = new ReturnAssistance { ReturnPlanId = plan.Id, OrganisationId = plan.OrganisationId, Type = item.Type };
                plan.Assistance.Add(row);
            }
            row.Amount = item.Amount;
            row.Currency = item.Currency;
            row.Note = item.Note;
        }
    }

    public static void Apply(ReturnPlan plan, ReturnPlanInput input)
    {
        plan.InformedDecision = input.InformedDecision;
        plan.DecisionOn = input.DecisionOn;
        plan.DecisionNote = RiskAssessments.Clean(input.DecisionNote);
        plan.SafetyRisk = Enum.Parse<ReturnRisk>(input.SafetyRisk);
        plan.SafetyNote = RiskAssessments.Clean(input.SafetyNote);
        plan.FamilySituation = RiskAssessments.Clean(input.FamilySituation);
        plan.Route = RiskAssessments.Clean(input.Route);
        plan.TravelMode = Enum.Parse<TravelMode>(input.TravelMode);
        plan.DepartureOn = input.DepartureOn!.Value;
        plan.ArrivalOn = input.ArrivalOn;
        plan.Escort = Enum.Parse<ReturnEscort>(input.Escort);
        plan.EscortDetails = RiskAssessments.Clean(input.EscortDetails);
        plan.TravelDocuments = Enum.Parse<TravelDocumentStatus>(input.TravelDocuments);
    }
}

/// <summary>
/// The sending side: the case team writes the return plan for a transnational referral of their case,
/// proposes it to the receiving node, and changes it (every change after proposing travels as an
/// update that needs confirming again). Nothing leaves while cross-border consent does not cover the
/// receiving country.
/// </summary>
public sealed class ReturnPlanning(UraDbContext db, CaseAccess access, FederationSender sender, ConsentCheck consent)
{
    /// <summary>The case's transnational referrals with their plans; null when the case is out of scope. The read is audited.</summary>
    public async Task<(Case Case, IReadOnlyList<ReturnCandidate> Referrals)?> ListAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var referrals = await db.TransnationalReferrals.AsNoTracking()
            .Where(r => r.CaseId == found.Id && r.Side == TransnationalSide.Sending && r.SentAt != null)
            .OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        var ids = referrals.Select(r => r.Id).ToList();
        var plans = await db.ReturnPlans.AsNoTracking().Include(p => p.Assistance).Include(p => p.FollowUps)
            .Where(p => ids.Contains(p.TransnationalReferralId) && p.CaseId == found.Id).ToListAsync(ct);
        return (found, [.. referrals.Select(r => new ReturnCandidate(r.Id, r.PeerNodeId, r.RemoteOrganisationName, r.Status.ToString(),
            plans.SingleOrDefault(p => p.TransnationalReferralId == r.Id) is { } p ? ReturnPlanView.Of(p, r) : null))]);
    }

    /// <summary>Writes the plan; once proposed, the change is sent at once as <c>return.updated</c> and needs confirming again.</summary>
    public async Task<CommandResult<ReturnPlanView>> SaveAsync(Guid caseId, Guid referralId, ReturnPlanInput input, CancellationToken ct)
    {
        var (@case, referral, plan, refusal) = await LoadAsync(caseId, referralId, ct);
        if (@case is null || referral is null)
            return CommandResult<ReturnPlanView>.NotFound();
        if (refusal is not null)
            return CommandResult<ReturnPlanView>.Refused(refusal);
        var errors = ReturnRules.Check(input, access.Today);
        if (errors.Count > 0)
            return CommandResult<ReturnPlanView>.Refused([.. errors]);
        var proposed = plan is not null && plan.Status != ReturnStatus.Draft;
        if (proposed && await CoverageAsync(@case, referral, ct) is { } noConsent)
            return CommandResult<ReturnPlanView>.Refused(noConsent);

        if (plan is null)
        {
            plan = new ReturnPlan
            {
                TransnationalReferralId = referral.Id, Side = TransnationalSide.Sending, OrganisationId = @case.OrganisationId, CaseId = @case.Id,
                Status = ReturnStatus.Draft, CreatedAt = access.Now,
            };
            db.ReturnPlans.Add(plan);
        }
        ReturnRules.Apply(plan, input);
        ReturnRules.Replace(db, plan, input.Assistance.Select(item => new ReturnAssistancePayload(
            Enum.Parse<ReturnAssistanceType>(item.Type), item.Amount is { } amount ? Math.Round(amount, 2) : null,
            item.Amount is null ? null : item.Currency, RiskAssessments.Clean(item.Note))));
        plan.UpdatedAt = access.Now;
        plan.Version++;
        if (proposed)
        {
            plan.Revision++;
            plan.Status = ReturnStatus.Proposed;
            plan.ProposedAt = access.Now;
            plan.DecidedAt = null;
            plan.DeclineReason = null;
            await sender.SendAsync(referral.PeerNodeId, ReturnMessageTypes.Updated, referral.Id, ReturnPlanPayload.Of(plan), ct);
            access.Record(@case, "return.updated", plan.Id);
        }
        else
            access.Record(@case, "return.saved", plan.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<ReturnPlanView>.Done(ReturnPlanView.Of(plan, referral));
    }

    /// <summary>Sends the draft plan to the receiving node (<c>return.proposed</c>); the case enters the return stage.</summary>
    public async Task<CommandResult<ReturnPlanView>> ProposeAsync(Guid caseId, Guid referralId, CancellationToken ct)
    {
        var (@case, referral, plan, refusal) = await LoadAsync(caseId, referralId, ct);
        if (@case is null || referral is null)
            return CommandResult<ReturnPlanView>.NotFound();
        if (refusal is not null)
            return CommandResult<ReturnPlanView>.Refused(refusal);
        if (plan is null)
            return CommandResult<ReturnPlanView>.Refused("", "Return.Refused.NoPlan");
        if (plan.Status != ReturnStatus.Draft)
            return CommandResult<ReturnPlanView>.Refused("", "Return.Refused.AlreadyProposed");
        if (await CoverageAsync(@case, referral, ct) is { } noConsent)
            return CommandResult<ReturnPlanView>.Refused(noConsent);

        plan.Revision = 1;
        plan.Status = ReturnStatus.Proposed;
        plan.ProposedAt = access.Now;
        plan.UpdatedAt = access.Now;
        plan.Version++;
        @case.Stage = CaseStage.Return;
        await sender.SendAsync(referral.PeerNodeId, ReturnMessageTypes.Proposed, referral.Id, ReturnPlanPayload.Of(plan), ct);
        access.Record(@case, "return.proposed", plan.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<ReturnPlanView>.Done(ReturnPlanView.Of(plan, referral));
    }

    private async Task<(Case? Case, TransnationalReferral? Referral, ReturnPlan? Plan, RuleError? Refusal)> LoadAsync(Guid caseId, Guid referralId, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return default;
        var referral = await db.TransnationalReferrals
            .SingleOrDefaultAsync(r => r.Id == referralId && r.CaseId == @case.Id && r.Side == TransnationalSide.Sending && r.SentAt != null, ct);
        if (referral is null)
            return default;
        var plan = await db.ReturnPlans.Include(p => p.Assistance).Include(p => p.FollowUps)
            .SingleOrDefaultAsync(p => p.TransnationalReferralId == referral.Id && p.CaseId == @case.Id, ct);
        refusal ??= referral.ConsentWithdrawnAt is not null ? new RuleError("", "Return.Refused.ConsentWithdrawn")
            : referral.Status is not (ReferralStatus.Accepted or ReferralStatus.Completed) ? new RuleError("", "Return.Refused.NotAccepted")
            : plan?.Status == ReturnStatus.HandedOver ? new RuleError("", "Return.Refused.HandedOver")
            : !await db.FederationPeers.AnyAsync(p => p.NodeId == referral.PeerNodeId, ct) ? new RuleError("", "Return.Refused.PeerUnknown")
            : null;
        return (@case, referral, plan, refusal);
    }

    /// <summary>Null when cross-border consent covers the peer's country today; otherwise why not.</summary>
    private async Task<RuleError?> CoverageAsync(Case @case, TransnationalReferral referral, CancellationToken ct)
    {
        var country = await db.FederationPeers.Where(p => p.NodeId == referral.PeerNodeId).Select(p => p.CountryCode).SingleAsync(ct);
        var coverage = await consent.CoversAsync(@case.Id, ConsentUse.ShareAcrossBorder, null, country, access.Today, ct: ct);
        return coverage.Covered ? null : new RuleError("", coverage.ReasonKey!);
    }
}
