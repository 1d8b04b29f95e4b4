using Ura.Features.Referrals;

namespace Ura.Tests.Referrals;

/// <summary>Every (status, action, side) combination of the referral lifecycle: the allowed ones move, every other one is refused and changes nothing.</summary>
public sealed class ReferralStateMachineTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>The lifecycle of the issue, written out independently of the implementation's table.</summary>
    private static readonly Dictionary<(ReferralStatus, ReferralAction), ReferralStatus> Expected = new()
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

    private static ReferralSide OwnerOf(ReferralAction action) =>
        action is ReferralAction.Send or ReferralAction.Withdraw ? ReferralSide.Sender : ReferralSide.Receiver;

    public static TheoryData<ReferralStatus, ReferralAction, ReferralSide> AllCombinations()
    {
        var data = new TheoryData<ReferralStatus, ReferralAction, ReferralSide>();
        foreach (var status in Enum.GetValues<ReferralStatus>())
            foreach (var action in Enum.GetValues<ReferralAction>())
                foreach (var side in Enum.GetValues<ReferralSide>())
                    data.Add(status, action, side);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Apply_EveryStatusActionSide_MovesOnlyWhenAllowed(ReferralStatus status, ReferralAction action, ReferralSide side)
    {
        var referral = new Referral { Status = status, Version = 3 };
        var allowed = side == OwnerOf(action) && Expected.ContainsKey((status, action));

        var refusal = ReferralStateMachine.Apply(referral, action, side, Now);

        if (allowed)
        {
            Assert.Null(refusal);
            Assert.Equal(Expected[(status, action)], referral.Status);
            Assert.Equal(4, referral.Version);
        }
        else
        {
            Assert.Equal(side != OwnerOf(action) ? "Referrals.Refused.NotYourSide" : "Referrals.Refused.NotNow", refusal);
            Assert.Equal((status, 3), (referral.Status, referral.Version));
            Assert.Null(referral.SentAt ?? referral.AcknowledgedAt ?? referral.DecidedAt ?? referral.CompletedAt ?? referral.WithdrawnAt);
        }
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Allowed_EveryStatusAndSide_ListsExactlyTheOwnedAllowedActions(ReferralStatus status, ReferralAction action, ReferralSide side)
    {
        var listed = ReferralStateMachine.Allowed(status, side).Contains(action);

        Assert.Equal(side == OwnerOf(action) && Expected.ContainsKey((status, action)), listed);
    }

    [Theory]
    [InlineData(ReferralAction.Send, nameof(Referral.SentAt))]
    [InlineData(ReferralAction.Acknowledge, nameof(Referral.AcknowledgedAt))]
    [InlineData(ReferralAction.Accept, nameof(Referral.DecidedAt))]
    [InlineData(ReferralAction.Decline, nameof(Referral.DecidedAt))]
    [InlineData(ReferralAction.Complete, nameof(Referral.CompletedAt))]
    [InlineData(ReferralAction.Withdraw, nameof(Referral.WithdrawnAt))]
    public void Apply_AllowedStep_StampsItsTime(ReferralAction action, string stamped)
    {
        var from = Expected.Keys.First(k => k.Item2 == action).Item1;
        var referral = new Referral { Status = from };

        ReferralStateMachine.Apply(referral, action, OwnerOf(action), Now);

        Assert.Equal(Now, typeof(Referral).GetProperty(stamped)!.GetValue(referral));
    }

    [Theory]
    [InlineData(ReferralStatus.Declined, true)]
    [InlineData(ReferralStatus.Completed, true)]
    [InlineData(ReferralStatus.Withdrawn, true)]
    [InlineData(ReferralStatus.Draft, false)]
    [InlineData(ReferralStatus.Sent, false)]
    [InlineData(ReferralStatus.Acknowledged, false)]
    [InlineData(ReferralStatus.Accepted, false)]
    public void IsFinal_EachStatus_OnlyDeclinedCompletedWithdrawn(ReferralStatus status, bool final) =>
        Assert.Equal(final, ReferralStateMachine.IsFinal(status));
}
