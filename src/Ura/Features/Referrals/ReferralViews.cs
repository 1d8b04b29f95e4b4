using System.ComponentModel.DataAnnotations;

namespace Ura.Features.Referrals;

/// <summary>A new referral as the form or the API sends it; checked by <see cref="ReferralSending"/>.</summary>
public sealed class ReferralInput
{
    [Required(ErrorMessage = "Validation.Required")]
    public Guid? ServiceId { get; set; }

    /// <summary><c>Emergency</c>, <c>Urgent</c> or <c>Routine</c>.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public string Urgency { get; set; } = nameof(ReferralUrgency.Routine);

    /// <summary>The service category asked for (a taxonomy code of the service), when it offers several.</summary>
    public string? CategoryCode { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.TooLong")]
    public string? Reason { get; set; }

    /// <summary><see cref="SharedField"/> names; the minimal default when the form is first shown.</summary>
    public List<string> SharedFields { get; set; } = [];

    [StringLength(2000, ErrorMessage = "Validation.TooLong")]
    public string? Message { get; set; }

    /// <summary>A supervisor's reason to send without consent covering the receiving organisation (audited).</summary>
    [StringLength(1000, ErrorMessage = "Validation.TooLong")]
    public string? OverrideReason { get; set; }

    /// <summary>True sends at once; false keeps it as a draft.</summary>
    public bool Send { get; set; }

    /// <summary>
    /// For a shelter service: on sending, hold a suitable free bed for the hold time (default 24 hours).
    /// No bed free is an error and nothing is sent, unless this is false.
    /// </summary>
    public bool HoldBed { get; set; }

    /// <summary>The facility to hold the bed in; left out, the first of the service's facilities with a suitable bed free.</summary>
    public Guid? FacilityId { get; set; }
}

/// <summary>Sending a draft: a supervisor's override reason, when consent does not cover it; for a shelter service, whether (and where) to hold a bed.</summary>
public sealed record ReferralSendInput(
    [property: StringLength(1000, ErrorMessage = "Validation.TooLong")] string? OverrideReason,
    int? Version = null,
    bool HoldBed = false,
    Guid? FacilityId = null);

/// <summary>Withdrawing a referral: why (required).</summary>
public sealed record ReferralWithdrawInput(
    [property: StringLength(1000, ErrorMessage = "Validation.TooLong")] string? Reason,
    int? Version = null);

/// <summary>
/// A receiver's step. <see cref="Version"/> is the version the person saw: if the referral changed
/// since, the step is refused. A decline needs a reason; a completion its outcome.
/// </summary>
public sealed class ReferralStepInput
{
    public int? Version { get; set; }

    /// <summary>For a decline: a <c>DeclineReason</c> name.</summary>
    public string? DeclineReason { get; set; }

    /// <summary>For a completion: whether it went well.</summary>
    public bool? Successful { get; set; }

    /// <summary>For a completion: <c>ServiceType</c> names of the services given.</summary>
    public List<string> ServicesGiven { get; set; } = [];

    /// <summary>The decline's or the outcome's explanation.</summary>
    [StringLength(2000, ErrorMessage = "Validation.TooLong")]
    public string? Note { get; set; }
}

/// <summary>A referral in a list (the case's referrals, the inbox). Carries no person data.</summary>
public sealed record ReferralSummary(
    Guid Id, Guid? CaseId, string ServiceName, string OrganisationName, ReferralUrgency Urgency, ReferralStatus Status,
    DateTime CreatedAt, DateTime? SentAt, DateTime? Due, bool Overdue, DeclineReason? DeclineReason, bool? Successful);

/// <summary>One page of the inbox; <see cref="HasMore"/> says whether another follows (no count).</summary>
public sealed record ReferralPage(IReadOnlyList<ReferralSummary> Items, int Page, bool HasMore);

public sealed record ReferralEventView(string Action, string Status, DateTime At, string? Organisation);

/// <summary>
/// A referral as one side reads it. The receiver's view has no case id and only the shared values
/// (none once consent was withdrawn); <see cref="Allowed"/> lists the steps this side may take now.
/// </summary>
public sealed record ReferralView(
    Guid Id, Guid? CaseId, Guid ServiceId, string ServiceName, string FromOrganisation, string ToOrganisation,
    string? CategoryCode, ReferralUrgency Urgency, ReferralStatus Status, string? Reason, string? Message,
    IReadOnlyList<string> SharedFields, IReadOnlyDictionary<string, string>? Shared, bool ConsentWithdrawn, bool ConsentOverridden,
    DateTime CreatedAt, DateTime? SentAt, DateTime? AcknowledgeBy, DateTime? DecideBy, bool Overdue,
    DeclineReason? DeclineReason, string? DeclineNote, bool? Successful, string? OutcomeNote, IReadOnlyList<string> ServicesGiven,
    string? WithdrawReason, Guid? ReceivingCaseId, int Version, IReadOnlyList<string> Allowed, IReadOnlyList<ReferralEventView> History,
    Shelters.HeldBed? Hold);

/// <summary>What a referral can be sent to: the service, its organisation and the categories it offers.</summary>
public sealed record ReferralTarget(Guid ServiceId, string ServiceName, Guid OrganisationId, string OrganisationName, IReadOnlyList<string> Categories);
