namespace Ura.Platform.Federation;

/// <summary>The <c>Ura:Federation</c> settings (docs/configuration.md).</summary>
public sealed class FederationOptions
{
    public const string Section = "Ura:Federation";

    /// <summary>How long an envelope stays valid; the receiver refuses it after that.</summary>
    public TimeSpan MessageLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Delivery attempts before a message becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>The first retry waits about this long; each next one twice as long (with jitter), up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the dispatcher looks for due messages when nothing new was committed in this process.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deliveries (each up to <see cref="FederationReceiver.MaxBatch"/> messages for one peer) sent at once.</summary>
    public int ParallelDeliveries { get; set; } = 8;

    /// <summary>How far ahead of the last applied one a message may be before it is refused (sequence_gap).</summary>
    public int SequenceGapLimit { get; set; } = 1000;

    /// <summary>How far a sender's clock may be ahead of ours.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest delivery accepted or sent, in bytes: one envelope, or several as a JSON array.</summary>
    public int MaxEnvelopeBytes { get; set; } = 1024 * 1024;
}
