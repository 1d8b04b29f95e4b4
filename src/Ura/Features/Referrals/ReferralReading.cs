using Microsoft.EntityFrameworkCore;
using Ura.Platform;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Referrals;

/// <summary>What both sides share: the view of a referral, its deadlines, and who is told about it.</summary>
internal static class ReferralReading
{
    /// <summary>How long the receiver has to acknowledge, and then to decide, at this urgency.</summary>
    public static TimeSpan Window(ReferralOptions options, ReferralUrgency urgency) => urgency switch
    {
        ReferralUrgency.Emergency => options.Emergency,
        ReferralUrgency.Urgent => options.Urgent,
        _ => options.Routine,
    };

    /// <summary>The deadline the referral waits on now: acknowledging while sent, deciding while acknowledged.</summary>
    public static DateTime? Due(ReferralStatus status, DateTime? acknowledgeBy, DateTime? decideBy) => status switch
    {
        ReferralStatus.Sent => acknowledgeBy,
        ReferralStatus.Acknowledged => decideBy,
        _ => null,
    };

    /// <summary>The receiving organisation's active case workers and supervisors.</summary>
    public static Task<List<Guid>> ReceiversAsync(UraDbContext db, Guid organisationId, CancellationToken ct)
    {
        var roleIds = db.Roles.Where(r => r.Name == Roles.CaseWorker || r.Name == Roles.Supervisor).Select(r => r.Id);
        return db.Users.Where(u => u.OrganisationId == organisationId && u.IsActive
                && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>Who follows a referral at the sender: whoever made it, the case's workers and its supervisor.</summary>
    public static async Task<List<Guid>> SendersAsync(UraDbContext db, Referral referral, CancellationToken ct)
    {
        var team = await db.CaseTeamMembers.Where(m => m.CaseId == referral.CaseId).Select(m => m.UserId).ToListAsync(ct);
        var supervisor = await db.Cases.Where(c => c.Id == referral.CaseId).Select(c => c.SupervisorId).SingleOrDefaultAsync(ct);
        return [referral.CreatedById, .. team, .. supervisor is { } s ? new[] { s } : []];
    }

    /// <summary>
    /// The receiver holds the shared fields only while the referral is theirs to act on or was taken
    /// on: a declined or withdrawn referral shows them no person data, nor does one whose consent was withdrawn.
    /// </summary>
    private static bool SharedVisible(Referral r, bool sender) =>
        r.ConsentWithdrawnAt is null && r.SharedData is not null
        && (sender || r.Status is not (ReferralStatus.Declined or ReferralStatus.Withdrawn));

    public static async Task<ReferralView> ViewAsync(UraDbContext db, Referral r, ReferralSide side, DateTime now, CancellationToken ct)
    {
        var names = await db.Organisations.AsNoTracking().Where(o => o.Id == r.OrganisationId || o.Id == r.ReceivingOrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var service = await db.Services.AsNoTracking().Where(s => s.Id == r.ServiceId).Select(s => s.Name).SingleAsync(ct);
        var history = await db.ReferralEvents.AsNoTracking().Where(e => e.ReferralId == r.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var due = Due(r.Status, r.AcknowledgeBy, r.DecideBy);
        var sender = side == ReferralSide.Sender;
        // A bed held for it at a shelter: its facility's name and city, never the address.
        var hold = await db.ShelterBeds.AsNoTracking().Where(b => b.HoldReferralId == r.Id && b.Status == Shelters.BedStatus.Held)
            .Join(db.ShelterFacilities, b => b.FacilityId, f => f.Id, (b, f) => new Shelters.HeldBed(f.Id, f.Name, f.City, b.HeldUntil!.Value))
            .FirstOrDefaultAsync(ct);
        return new ReferralView(
            r.Id, sender ? r.CaseId : null, r.ServiceId, service, names.GetValueOrDefault(r.OrganisationId, ""),
            names.GetValueOrDefault(r.ReceivingOrganisationId, ""), r.CategoryCode, r.Urgency, r.Status, r.Reason, r.Message,
            [.. r.SharedFieldList], SharedVisible(r, sender) ? SharedRecord.Parse(r.SharedData!) : null,
            r.ConsentWithdrawnAt is not null, r.OverrideById is not null,
            r.CreatedAt, r.SentAt, r.AcknowledgeBy, r.DecideBy, due < now,
            r.DeclineReason, r.DeclineNote, r.Successful, r.OutcomeNote, [.. r.ServicesGiven.Split(',', StringSplitOptions.RemoveEmptyEntries)],
            r.WithdrawReason, sender ? null : r.ReceivingCaseId, r.Version,
            [.. ReferralStateMachine.Allowed(r.Status, side).Select(a => a.ToString())],
            [.. history.Select(e => new ReferralEventView(e.Action.ToString(), e.Status.ToString(), e.At,
                e.OrganisationId is { } o ? names.GetValueOrDefault(o) : null))],
            hold);
    }
}
