using Microsoft.EntityFrameworkCore;
using Ura.Features.Referrals;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Home;

/// <summary>A referral of the user's cases that waits past its deadline: where it went, how urgent, since when.</summary>
public sealed record WaitingReferral(Guid Id, Guid CaseId, string ServiceName, ReferralUrgency Urgency, ReferralStatus Status, DateTime? SentAt, DateTime? Deadline);

/// <summary>
/// What the home page shows about referrals. Each part is null when it is not for the user:
/// supervisors see the overdue referrals to their organisation, case workers and supervisors the
/// referrals waiting in the inbox, the case team the referrals of their cases waiting too long.
/// </summary>
public sealed record ReferralDashboardView(int? OverdueToOrganisation, int? WaitingInInbox, IReadOnlyList<WaitingReferral>? SentWaitingTooLong);

/// <summary>
/// Counts and short lists for the home page. The receiving side's queries use the
/// (ReceivingOrganisationId, Status, SentAt) index, the sending side's the (OrganisationId, Status, SentAt) one;
/// only service names, urgency and dates are shown, no case content.
/// </summary>
public sealed class ReferralDashboard(UraDbContext db, CurrentUser user, TimeProvider clock)
{
    public const int ListLimit = 10;

    public async Task<ReferralDashboardView> ForCurrentUserAsync(CancellationToken ct)
    {
        if (user.OrganisationId is not { } organisationId)
            return new(null, null, null);
        var now = clock.GetUtcNow().UtcDateTime;
        var supervisor = user.IsInRole(Roles.Supervisor);
        var caseWorker = user.IsInRole(Roles.CaseWorker);
        var toUs = db.Referrals.Where(r => r.ReceivingOrganisationId == organisationId);

        int? overdue = supervisor ? await Overdue(toUs, now).CountAsync(ct) : null;
        int? waiting = supervisor || caseWorker
            ? await toUs.CountAsync(r => r.Status == ReferralStatus.Sent || r.Status == ReferralStatus.Acknowledged, ct)
            : null;
        IReadOnlyList<WaitingReferral>? sent = null;
        if (supervisor || caseWorker || user.IsInRole(Roles.IdentificationOfficer))
        {
            // The case team's own cases only: VisibleToCaseTeam is the same rule as reading the case.
            sent = await Overdue(db.Referrals.Where(r => r.OrganisationId == organisationId), now)
                .Join(db.Cases.VisibleToCaseTeam(user), r => r.CaseId, c => c.Id, (r, _) => r)
                .Join(db.Services, r => r.ServiceId, s => s.Id, (r, s) => new { r, s.Name })
                .OrderBy(x => x.r.SentAt).Take(ListLimit)
                .Select(x => new WaitingReferral(x.r.Id, x.r.CaseId, x.Name, x.r.Urgency, x.r.Status, x.r.SentAt,
                    x.r.Status == ReferralStatus.Sent ? x.r.AcknowledgeBy : x.r.DecideBy))
                .ToListAsync(ct);
        }
        return new(overdue, waiting, sent);
    }

    /// <summary>Still Sent past the acknowledgement deadline, or still Acknowledged past the decision deadline.</summary>
    public static IQueryable<Referral> Overdue(IQueryable<Referral> referrals, DateTime now) =>
        referrals.Where(r => (r.Status == ReferralStatus.Sent && r.AcknowledgeBy < now)
            || (r.Status == ReferralStatus.Acknowledged && r.DecideBy < now));
}
