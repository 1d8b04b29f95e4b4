namespace Ura.Features.Referrals;

/// <summary>What someone does to a referral. Send and Withdraw belong to the sender, the rest to the receiver.</summary>
public enum ReferralAction
{
    Send,
    Acknowledge,
    Accept,
    Decline,
    Complete,
    Withdraw,
}

/// <summary>Which side of a referral someone acts for.</summary>
public enum ReferralSide
{
    Sender,
    Receiver,
}

/// <summary>
/// The referral lifecycle, in one place: Draft → Sent → Acknowledged → Accepted | Declined →
/// Completed (from Accepted); the sender may withdraw anything not yet final. Pages and the API ask
/// it before any change and show its refusal; nothing else sets <see cref="Referral.Status"/>.
/// </summary>
public static class ReferralStateMachine
{
    private static readonly Dictionary<(ReferralStatus From, ReferralAction Action), ReferralStatus> Transitions = new()
    {
        [(ReferralStatus.Draft, ReferralAction.Send)] = ReferralStatus.Sent,
        [(ReferralStatus.Sent, ReferralAction.Acknowledge)] = ReferralStatus.Acknowledged,
        [(ReferralStatus.Acknowledged, ReferralAction.Accept)] = ReferralStatus.Accepted,
        [(ReferralStatus.Acknowledged, ReferralAction.Decline)] = ReferralStatus.Declined,
        [(ReferralStatus.Accepted, ReferralAction.Complete)] = ReferralStatus.Completed,
        [(ReferralStatus.Draft, ReferralAction.Withdraw)] = ReferralStatus.Withdrawn,
        [(ReferralStatus.Sent, ReferralAction.Withdraw)] = ReferralStatus.Withdrawn,
        [(ReferralStatus.Acknowledged, ReferralAction.Withdraw)] = ReferralStatus.Withdrawn,
        [(ReferralStatus.Accepted, ReferralAction.Withdraw)] = ReferralStatus.Withdrawn,
    };

    public static ReferralSide SideOf(ReferralAction action) =>
        action is ReferralAction.Send or ReferralAction.Withdraw ? ReferralSide.Sender : ReferralSide.Receiver;

    /// <summary>The status the action leads to, or null when it is not allowed from <paramref name="from"/>.</summary>
    public static ReferralStatus? Next(ReferralStatus from, ReferralAction action) =>
        Transitions.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>The actions the given side may take now, in the order a page offers them.</summary>
    public static IReadOnlyList<ReferralAction> Allowed(ReferralStatus from, ReferralSide side) =>
        Enum.GetValues<ReferralAction>().Where(a => SideOf(a) == side && Next(from, a) is not null).ToList();

    public static bool IsFinal(ReferralStatus status) =>
        status is ReferralStatus.Declined or ReferralStatus.Completed or ReferralStatus.Withdrawn;

    /// <summary>
    /// Moves the referral if the action is allowed for that side; otherwise returns the resource key
    /// of the refusal and changes nothing. Stamps the time of the step and bumps the version.
    /// </summary>
    public static string? Apply(Referral referral, ReferralAction action, ReferralSide side, DateTime now)
    {
        if (SideOf(action) != side)
            return "Referrals.Refused.NotYourSide";
        if (Next(referral.Status, action) is not { } to)
            return "Referrals.Refused.NotNow";
        referral.Status = to;
        referral.Version++;
        switch (action)
        {
            case ReferralAction.Send: referral.SentAt = now; break;
            case ReferralAction.Acknowledge: referral.AcknowledgedAt = now; break;
            case ReferralAction.Accept or ReferralAction.Decline: referral.DecidedAt = now; break;
            case ReferralAction.Complete: referral.CompletedAt = now; break;
            case ReferralAction.Withdraw: referral.WithdrawnAt = now; break;
        }
        return null;
    }
}
