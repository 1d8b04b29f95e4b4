using System.ComponentModel.DataAnnotations;
using Ura.Features.Referrals;

namespace Ura.Features.Transnational;

/// <summary>The federation message types of a transnational referral; all travel on the referral's id as correlation.</summary>
public static class TransnationalMessages
{
    /// <summary>Sender → receiver: the referral with the shared fields.</summary>
    public const string Referral = "transnational.referral";
    public const string Acknowledged = "transnational.acknowledged";
    public const string Accepted = "transnational.accepted";
    public const string Declined = "transnational.declined";
    public const string Completed = "transnational.completed";

    /// <summary>Receiver → sender: the focal point passed the referral on to an organisation (maybe another than chosen).</summary>
    public const string Forwarded = "transnational.forwarded";

    /// <summary>Sender → receiver: the sender withdrew the referral.</summary>
    public const string Withdrawn = "transnational.withdrawn";

    /// <summary>Sender → receiver: the person withdrew cross-border consent; erase everything received.</summary>
    public const string ConsentWithdrawn = "transnational.consent-withdrawn";

    /// <summary>Receiver → sender: the erasure is done (signed, as every envelope).</summary>
    public const string Purged = "transnational.purged";

    public static string Of(ReferralAction action) => action switch
    {
        ReferralAction.Acknowledge => Acknowledged,
        ReferralAction.Accept => Accepted,
        ReferralAction.Decline => Declined,
        ReferralAction.Complete => Completed,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}

/// <summary>Payload of <c>transnational.referral</c>.</summary>
public sealed record ReferralPayload(
    Guid FromOrganisationId, string FromOrganisationName, Guid ServiceId, string? CategoryCode, ReferralUrgency Urgency,
    string Reason, string? Message, List<string> SharedFields, Dictionary<string, string> Shared);

/// <summary>Payload of the receiver's steps (acknowledged, accepted, declined, completed).</summary>
public sealed record StepPayload(DeclineReason? DeclineReason, string? Note, bool? Successful, List<string>? ServicesGiven);

/// <summary>Payload of <c>transnational.forwarded</c>.</summary>
public sealed record ForwardedPayload(Guid OrganisationId, string OrganisationName, Guid ServiceId, string ServiceName);

/// <summary>Payload of <c>transnational.purged</c>.</summary>
public sealed record PurgedPayload(DateTime PurgedAt);

/// <summary>A transnational referral as the case team sends it; sent at once (there are no drafts).</summary>
public sealed class TransnationalReferralInput
{
    /// <summary>The peer service picked from the cached directory (<c>GET /api/v1/transnational/directory</c>).</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public Guid? PeerServiceId { get; set; }

    /// <summary><c>Emergency</c>, <c>Urgent</c> or <c>Routine</c>.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public string Urgency { get; set; } = nameof(ReferralUrgency.Routine);

    public string? CategoryCode { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.TooLong")]
    public string? Reason { get; set; }

    /// <summary><see cref="SharedField"/> names, as for national referrals.</summary>
    public List<string> SharedFields { get; set; } = [];

    [StringLength(2000, ErrorMessage = "Validation.TooLong")]
    public string? Message { get; set; }
}

/// <summary>The version the person saw: a change made since refuses the step.</summary>
public sealed record TransnationalVersionInput(int? Version = null);

/// <summary>The focal point passes a referral on to an organisation of its country: the service chosen (may differ from the sender's choice).</summary>
public sealed record TransnationalForwardInput([property: Required(ErrorMessage = "Validation.Required")] Guid? ServiceId, int? Version = null);

/// <summary>A transnational referral in a list; no person data.</summary>
public sealed record TransnationalSummary(
    Guid Id, string PeerNodeId, string OrganisationName, string? ServiceName, ReferralUrgency Urgency, ReferralStatus Status,
    bool AtFocalPoint, DateTime? SentAt, bool ConsentWithdrawn, DateTime? PurgedAt);

/// <summary>
/// A transnational referral as one side reads it. The receiver sees the shared values only while it
/// may act on the referral and consent stands; the sender sees the receiver's answers and the purge confirmation.
/// </summary>
public sealed record TransnationalView(
    Guid Id, string Side, string PeerNodeId, Guid? CaseId, string FromOrganisation, string ToOrganisation, string? ServiceName,
    string? CategoryCode, ReferralUrgency Urgency, ReferralStatus Status, bool AtFocalPoint, string? Reason, string? Message,
    IReadOnlyList<string> SharedFields, IReadOnlyDictionary<string, string>? Shared,
    DateTime CreatedAt, DateTime? SentAt, DateTime? ForwardedAt, DateTime? AcknowledgedAt, DateTime? DecidedAt, DeclineReason? DeclineReason,
    string? DeclineNote, DateTime? CompletedAt, bool? Successful, string? OutcomeNote, IReadOnlyList<string> ServicesGiven, DateTime? WithdrawnAt,
    DateTime? ConsentWithdrawnAt, DateTime? PurgedAt, int Version, IReadOnlyList<string> Allowed);
