using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Referrals;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Transnational;

public sealed class ReturnDecisionInput
{
    /// <summary>True to confirm the plan, false to decline it (then a reason is required).</summary>
    public bool Confirm { get; set; }

    [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Return.Field.DeclineReason")]
    public string? Reason { get; set; }
}

public sealed class ReturnHandoverInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Return.Field.HandedOverOn")]
    public DateOnly? HandedOverOn { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(300, ErrorMessage = "Validation.TooLong"), Display(Name = "Return.Field.HandoverPlace")]
    public string? Place { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Return.Field.ReceivedBy")]
    public string? ReceivedBy { get; set; }
}

public sealed class ReturnFollowUpInput
{
    [Required(ErrorMessage = "Validation.Required")]
    public int? Month { get; set; }

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Return.Field.ReportedOn")]
    public DateOnly? ReportedOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string Situation { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Return.Field.Summary")]
    public string? Summary { get; set; }
}

/// <summary>A return proposed to the user's organisation, for the list; no personal data.</summary>
public sealed record ReturnSummary(Guid ReferralId, string PeerNodeId, string Organisation, string Status, DateOnly DepartureOn,
    string TravelMode, DateOnly? NextReportDue);

/// <summary>
/// The receiving side: case workers and supervisors of the organisation a transnational referral was
/// accepted by see the return plans proposed to them, confirm or decline each revision, record the
/// handover (which links their own case, opening it if there is none, and schedules the follow-up
/// reports as tasks) and file the follow-up reports, which go back only while consent allows.
/// </summary>
public sealed class ReturnReception(
    UraDbContext db, CaseAccess access, CurrentUser user, AuditLog audit, FederationSender sender, ConsentCheck consent,
    CaseRegistration registration, IOptions<ReturnOptions> options, IStringLocalizer<Text> text)
{
    private IQueryable<TransnationalReferral> Received()
    {
        if (user.OrganisationId is not { } organisationId || !(user.IsInRole(Roles.CaseWorker) || user.IsInRole(Roles.Supervisor)))
            return db.TransnationalReferrals.Where(_ => false);
        return db.TransnationalReferrals.Where(r => r.Side == TransnationalSide.Receiving && r.OrganisationId == organisationId && !r.AtFocalPoint);
    }

    public async Task<IReadOnlyList<ReturnSummary>> ListAsync(CancellationToken ct)
    {
        var rows = await Received().AsNoTracking()
            .Join(db.ReturnPlans, r => r.Id, p => p.TransnationalReferralId, (r, p) => new { Referral = r, Plan = p })
            .Select(x => new
            {
                x.Referral.Id, x.Referral.PeerNodeId, x.Referral.RemoteOrganisationName, x.Plan.Status, x.Plan.DepartureOn, x.Plan.TravelMode,
                Due = db.ReturnFollowUps.Where(f => f.ReturnPlanId == x.Plan.Id && f.ReportedOn == null).OrderBy(f => f.DueOn).Select(f => (DateOnly?)f.DueOn).FirstOrDefault(),
            }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Status == ReturnStatus.HandedOver).ThenBy(r => r.DepartureOn)
            .Select(r => new ReturnSummary(r.Id, r.PeerNodeId, r.RemoteOrganisationName, r.Status.ToString(), r.DepartureOn, r.TravelMode.ToString(), r.Due))];
    }

    /// <summary>The plan proposed to the user's organisation; null when out of scope. The read is audited.</summary>
    public async Task<ReturnPlanView?> ReadAsync(Guid referralId, CancellationToken ct)
    {
        var referral = await Received().AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, ct);
        var plan = referral is null ? null : await db.ReturnPlans.AsNoTracking().Include(p => p.Assistance).Include(p => p.FollowUps)
            .SingleOrDefaultAsync(p => p.TransnationalReferralId == referral.Id, ct);
        if (referral is null || plan is null)
            return null;
        await audit.ReadAsync(nameof(ReturnPlan), plan.Id, ct);
        return ReturnPlanView.Of(plan, referral);
    }

    /// <summary>Confirms or declines the current revision (<c>return.confirmed</c> / <c>return.declined</c>).</summary>
    public async Task<CommandResult<ReturnPlanView>> DecideAsync(Guid referralId, ReturnDecisionInput input, CancellationToken ct)
    {
        var (referral, plan) = await LoadAsync(referralId, ct);
        if (referral is null || plan is null)
            return CommandResult<ReturnPlanView>.NotFound();
        if (plan.Status != ReturnStatus.Proposed)
            return CommandResult<ReturnPlanView>.Refused("", "Return.Refused.NotProposed");
        var reason = RiskAssessments.Clean(input.Reason);
        if (!input.Confirm && reason is null)
            return CommandResult<ReturnPlanView>.Refused(nameof(input.Reason), "Return.DeclineReasonRequired");

        plan.Status = input.Confirm ? ReturnStatus.Confirmed : ReturnStatus.Declined;
        plan.DecidedAt = access.Now;
        plan.DeclineReason = input.Confirm ? null : reason;
        plan.UpdatedAt = access.Now;
        plan.Version++;
        await sender.SendAsync(referral.PeerNodeId, input.Confirm ? ReturnMessageTypes.Confirmed : ReturnMessageTypes.Declined, referral.Id,
            new ReturnDecisionPayload(plan.Revision, plan.DeclineReason), ct);
        await RecordAsync(plan, input.Confirm ? "return.confirmed" : "return.declined", ct);
        await db.SaveChangesAsync(ct);
        return CommandResult<ReturnPlanView>.Done(ReturnPlanView.Of(plan, referral));
    }

    /// <summary>
    /// The person arrived and was received: recorded, told to the sender (<c>return.handed-over</c>), the
    /// receiver's own case linked (opened from the shared data when there is none) and the follow-up
    /// reports scheduled as tasks for the worker who received the person.
    /// </summary>
    public async Task<CommandResult<ReturnPlanView>> HandOverAsync(Guid referralId, ReturnHandoverInput input, CancellationToken ct)
    {
        var (referral, plan) = await LoadAsync(referralId, ct);
        if (referral is null || plan is null)
            return CommandResult<ReturnPlanView>.NotFound();
        if (plan.Status != ReturnStatus.Confirmed)
            return CommandResult<ReturnPlanView>.Refused("", "Return.Refused.NotConfirmed");
        var errors = new List<RuleError>();
        if (input.HandedOverOn is not { } on)
            errors.Add(new(nameof(input.HandedOverOn), "Validation.Required"));
        else if (on > access.Today)
            errors.Add(new(nameof(input.HandedOverOn), "Return.DateInFuture"));
        else if (on < plan.DepartureOn)
            errors.Add(new(nameof(input.HandedOverOn), "Return.HandoverBeforeDeparture"));
        var place = RiskAssessments.Clean(input.Place);
        var receivedBy = RiskAssessments.Clean(input.ReceivedBy);
        if (place is null)
            errors.Add(new(nameof(input.Place), "Validation.Required"));
        if (receivedBy is null)
            errors.Add(new(nameof(input.ReceivedBy), "Validation.Required"));
        if (errors.Count > 0)
            return CommandResult<ReturnPlanView>.Refused([.. errors]);

        var @case = referral.CaseId is { } linked ? await db.Cases.SingleOrDefaultAsync(c => c.Id == linked && c.OrganisationId == referral.OrganisationId, ct) : null;
        if (@case is null)
        {
            // No case here yet: open one from what was shared, as "open our case" on the referral would.
            if (!user.IsInRole(Roles.CaseWorker) || referral.ConsentWithdrawnAt is not null)
                return CommandResult<ReturnPlanView>.Refused("", "Return.Handover.OpenCaseFirst");
            var person = SharedRecord.ToPersonForm(SharedRecord.Parse(referral.SharedData), access.Today).ToPersonInput();
            var registered = await registration.RegisterAsync(person, ct);
            if (!registered.Succeeded)
                return CommandResult<ReturnPlanView>.Refused("", "Return.Handover.OpenCaseFirst");
            @case = await db.Cases.SingleAsync(c => c.Id == registered.Opened!.Id, ct);
            referral.CaseId = @case.Id;
            referral.Version++;
        }

        var now = access.Now;
        plan.CaseId = @case.Id;
        plan.Status = ReturnStatus.HandedOver;
        plan.HandedOverOn = input.HandedOverOn;
        plan.HandoverPlace = place;
        plan.ReceivedBy = receivedBy;
        plan.HandedOverAt = now;
        plan.UpdatedAt = now;
        plan.Version++;
        foreach (var month in options.Value.Months())
        {
            var task = new CaseTask
            {
                CaseId = @case.Id, OrganisationId = @case.OrganisationId, Kind = CaseTaskKind.FollowUp,
                Title = text["Return.FollowUp.TaskTitle", month], DueOn = input.HandedOverOn!.Value.AddMonths(month),
                AssigneeId = user.RequiredId, CreatedAt = now, CreatedById = user.RequiredId,
            };
            db.CaseTasks.Add(task);
            db.ReturnFollowUps.Add(new ReturnFollowUp
            {
                ReturnPlanId = plan.Id, OrganisationId = plan.OrganisationId, Month = month, DueOn = task.DueOn, TaskId = task.Id,
            });
        }
        await sender.SendAsync(referral.PeerNodeId, ReturnMessageTypes.HandedOver, referral.Id,
            new ReturnHandoverPayload(input.HandedOverOn!.Value, place!, receivedBy!), ct);
        access.Record(@case, "return.received", plan.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<ReturnPlanView>.Done(ReturnPlanView.Of(plan, referral));
    }

    /// <summary>Files a due follow-up report, completes its task, and sends it to the sender if the person's consent allows it today.</summary>
    public async Task<CommandResult<ReturnPlanView>> ReportAsync(Guid referralId, ReturnFollowUpInput input, CancellationToken ct)
    {
        var (referral, plan) = await LoadAsync(referralId, ct);
        if (referral is null || plan is null)
            return CommandResult<ReturnPlanView>.NotFound();
        if (plan.Status != ReturnStatus.HandedOver)
            return CommandResult<ReturnPlanView>.Refused("", "Return.Refused.NotHandedOver");
        var errors = new List<RuleError>();
        var report = plan.FollowUps.SingleOrDefault(f => f.Month == input.Month);
        if (report is null)
            errors.Add(new(nameof(input.Month), "Return.FollowUp.UnknownMonth"));
        else if (report.ReportedOn is not null)
            errors.Add(new(nameof(input.Month), "Return.FollowUp.AlreadyReported"));
        if (input.ReportedOn is not { } reportedOn)
            errors.Add(new(nameof(input.ReportedOn), "Validation.Required"));
        else if (reportedOn > access.Today)
            errors.Add(new(nameof(input.ReportedOn), "Return.DateInFuture"));
        else if (reportedOn < plan.HandedOverOn)
            errors.Add(new(nameof(input.ReportedOn), "Return.FollowUp.BeforeHandover"));
        if (!PersonRules.IsValue<ReturnSituation>(input.Situation))
            errors.Add(new(nameof(input.Situation), "Return.UnknownCode"));
        var summary = RiskAssessments.Clean(input.Summary);
        if (summary is null)
            errors.Add(new(nameof(input.Summary), "Validation.Required"));
        if (errors.Count > 0)
            return CommandResult<ReturnPlanView>.Refused([.. errors]);

        var now = access.Now;
        report!.ReportedOn = input.ReportedOn;
        report.Situation = Enum.Parse<ReturnSituation>(input.Situation);
        report.Summary = summary;
        report.RecordedAt = now;
        report.RecordedById = user.RequiredId;
        if (report.TaskId is { } taskId && await db.CaseTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.CaseId == plan.CaseId, ct) is { CompletedAt: null } task)
            task.Complete(user.RequiredId, now);
        var notSent = await WhyNotSendAsync(referral, plan, ct);
        if (notSent is null)
        {
            report.SentAt = now;
            await sender.SendAsync(referral.PeerNodeId, ReturnMessageTypes.FollowUp, referral.Id,
                new ReturnFollowUpPayload(report.Month, report.ReportedOn!.Value, report.Situation.Value, summary!), ct);
        }
        report.NotSentReason = notSent;
        plan.UpdatedAt = now;
        plan.Version++;
        await RecordAsync(plan, "return.follow-up", ct);
        await db.SaveChangesAsync(ct);
        return CommandResult<ReturnPlanView>.Done(ReturnPlanView.Of(plan, referral));
    }

    /// <summary>
    /// Null when the report may go back: consent was not withdrawn on the sending side, and the person's
    /// consent on our case covers sharing with the sender's country today. Otherwise the reason's resource key.
    /// </summary>
    private async Task<string?> WhyNotSendAsync(TransnationalReferral referral, ReturnPlan plan, CancellationToken ct)
    {
        if (referral.ConsentWithdrawnAt is not null)
            return "Consent.NotCovered.Withdrawn";
        var country = await db.FederationPeers.Where(p => p.NodeId == referral.PeerNodeId).Select(p => p.CountryCode).SingleOrDefaultAsync(ct);
        if (country is null || plan.CaseId is not { } caseId)
            return "Consent.NotCovered.UnknownCountry";
        var coverage = await consent.CoversAsync(caseId, ConsentUse.ShareAcrossBorder, null, country, access.Today, ct: ct);
        return coverage.Covered ? null : coverage.ReasonKey;
    }

    private async Task<(TransnationalReferral? Referral, ReturnPlan? Plan)> LoadAsync(Guid referralId, CancellationToken ct)
    {
        var referral = await Received().SingleOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null)
            return default;
        var plan = await db.ReturnPlans.Include(p => p.Assistance).Include(p => p.FollowUps)
            .SingleOrDefaultAsync(p => p.TransnationalReferralId == referral.Id && p.Side == TransnationalSide.Receiving, ct);
        // The case opened from the referral after the plan arrived: the plan's changes go on its timeline too.
        if (plan is not null)
            plan.CaseId ??= referral.CaseId;
        return (referral, plan);
    }

    /// <summary>On the linked case's timeline when there is one; in the audit log in any case.</summary>
    private async Task RecordAsync(ReturnPlan plan, string action, CancellationToken ct)
    {
        if (plan.CaseId is { } caseId && await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId && c.OrganisationId == plan.OrganisationId, ct) is { } @case)
            access.Record(@case, action, plan.Id);
        else
            audit.Record(action, nameof(ReturnPlan), plan.Id);
    }
}

/// <summary>
/// When the person withdraws consent, erases on this (receiving) node what the sender told about the
/// return: the plan's notes, family situation, route, escort and the package notes. Codes and dates
/// stay for the statistics; the reports this node wrote about its own case stay with that case.
/// </summary>
public sealed class ReturnPurge(UraDbContext db) : ITransnationalPurge
{
    public async Task PurgeAsync(TransnationalReferral referral, DateTime now, CancellationToken ct)
    {
        var plan = await db.ReturnPlans.Include(p => p.Assistance)
            .SingleOrDefaultAsync(p => p.TransnationalReferralId == referral.Id && p.Side == TransnationalSide.Receiving, ct);
        if (plan is null)
            return;
        plan.DecisionNote = null;
        plan.SafetyNote = null;
        plan.FamilySituation = null;
        plan.Route = null;
        plan.EscortDetails = null;
        foreach (var item in plan.Assistance)
            item.Note = null;
        plan.PurgedAt = now;
        plan.UpdatedAt = now;
        plan.Version++;
    }
}
