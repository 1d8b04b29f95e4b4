using Microsoft.EntityFrameworkCore;
using Ura.Features.Referrals;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Transnational;

/// <summary>What both sides share: the view of a transnational referral and who is told about it.</summary>
internal static class TransnationalReading
{
    public static async Task<TransnationalView> ViewAsync(UraDbContext db, TransnationalReferral r, DateTime now, CancellationToken ct)
    {
        var local = await db.Organisations.AsNoTracking().Where(o => o.Id == r.OrganisationId).Select(o => o.Name).SingleOrDefaultAsync(ct) ?? "";
        var sending = r.Side == TransnationalSide.Sending;
        var service = sending ? r.RemoteServiceName
            : r.ServiceId is { } id ? await db.Services.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(ct) : null;
        var shared = r.ConsentWithdrawnAt is null && r.SharedData is not null
            && (sending || r.Status is not (ReferralStatus.Declined or ReferralStatus.Withdrawn));
        IReadOnlyList<string> allowed = sending
            ? ReferralStateMachine.Next(r.Status, ReferralAction.Withdraw) is null ? [] : [nameof(ReferralAction.Withdraw)]
            : r.AtFocalPoint
                ? r.Status == ReferralStatus.Sent ? ["Forward", nameof(ReferralAction.Decline)] : []
                : [.. ReferralStateMachine.Allowed(r.Status, ReferralSide.Receiver).Select(a => a.ToString())];
        return new TransnationalView(
            r.Id, r.Side.ToString(), r.PeerNodeId, r.CaseId, sending ? local : r.RemoteOrganisationName, sending ? r.RemoteOrganisationName : local,
            service, r.CategoryCode, r.Urgency, r.Status, r.AtFocalPoint, r.Reason, r.Message,
            [.. r.SharedFields.Split(',', StringSplitOptions.RemoveEmptyEntries)], shared ? SharedRecord.Parse(r.SharedData) : null,
            r.CreatedAt, r.SentAt, r.ForwardedAt, r.AcknowledgedAt, r.DecidedAt, r.DeclineReason, r.DeclineNote, r.CompletedAt, r.Successful,
            r.OutcomeNote, [.. r.ServicesGiven.Split(',', StringSplitOptions.RemoveEmptyEntries)], r.WithdrawnAt, r.ConsentWithdrawnAt, r.PurgedAt,
            r.Version, allowed);
    }

    /// <summary>Who acts on a received referral now: the focal point's coordinators while it waits there, else the organisation's case workers and supervisors.</summary>
    public static Task<List<Guid>> ReceiversAsync(UraDbContext db, TransnationalReferral r, CancellationToken ct)
    {
        var roles = r.AtFocalPoint ? new[] { Roles.NationalCoordinator } : [Roles.CaseWorker, Roles.Supervisor];
        var roleIds = db.Roles.Where(x => roles.Contains(x.Name!)).Select(x => x.Id);
        return db.Users.Where(u => u.OrganisationId == r.OrganisationId && u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>Who follows a referral at the sender: whoever sent it, the case's workers and its supervisor.</summary>
    public static async Task<List<Guid>> SendersAsync(UraDbContext db, TransnationalReferral r, CancellationToken ct)
    {
        var team = await db.CaseTeamMembers.Where(m => m.CaseId == r.CaseId).Select(m => m.UserId).ToListAsync(ct);
        var supervisor = await db.Cases.Where(c => c.Id == r.CaseId).Select(c => c.SupervisorId).SingleOrDefaultAsync(ct);
        return [.. r.CreatedById is { } by ? new[] { by } : [], .. team, .. supervisor is { } s ? new[] { s } : []];
    }
}
