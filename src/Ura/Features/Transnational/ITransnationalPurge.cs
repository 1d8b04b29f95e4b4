namespace Ura.Features.Transnational;

/// <summary>
/// Erases what this node holds about a person because of one transnational referral, when the
/// person withdraws consent. The consent-withdrawal handler calls every registered implementation
/// inside its transaction (add changes, do not save), then confirms the purge to the sender.
/// </summary>
public interface ITransnationalPurge
{
    Task PurgeAsync(TransnationalReferral referral, DateTime now, CancellationToken ct);
}
