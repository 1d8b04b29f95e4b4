using Microsoft.EntityFrameworkCore;
using Ura.Platform.Data;

namespace Ura.Features.Referrals;

/// <summary>
/// Withdrawal of consent reaches the referrals it covered: every referral not yet final that was
/// sent under that consent loses its shared data at once, in the same save as the withdrawal, and
/// the receiver's page says consent was withdrawn instead of showing the person.
/// </summary>
public static class ReferralConsent
{
    /// <summary>Erases the shared data of the consent's open referrals; returns how many. Saved with the caller's change.</summary>
    public static async Task<int> WithdrawnAsync(UraDbContext db, Guid caseId, Guid consentId, DateTime now, CancellationToken ct)
    {
        var open = await db.Referrals.Where(r => r.CaseId == caseId && r.ConsentId == consentId && r.ConsentWithdrawnAt == null
                && r.Status != ReferralStatus.Declined && r.Status != ReferralStatus.Completed && r.Status != ReferralStatus.Withdrawn)
            .ToListAsync(ct);
        foreach (var referral in open)
        {
            referral.SharedData = null;
            referral.ConsentWithdrawnAt = now;
            referral.Version++;
        }
        return open.Count;
    }
}
