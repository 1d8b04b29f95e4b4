using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Referrals;

/// <summary>
/// <c>/api/v1/cases/{id}/referrals</c> for the sending case team, <c>/api/v1/referrals</c> for the
/// receiving organisation's case workers and supervisors. Out of scope answers 404.
/// </summary>
public static class ReferralsApi
{
    public static void MapReferralsApi(this RouteGroupBuilder api)
    {
        var sent = api.MapGroup("/cases/{id:guid}/referrals").WithTags("Referrals");
        sent.MapGet("", List).WithName("ListCaseReferrals")
            .WithSummary("The case's referrals, newest first, with status and feedback (case team only).").RequireAuthorization();
        sent.MapPost("", Create).WithName("CreateReferral")
            .WithSummary("Refers the person to another organisation's service: saved as a draft, or sent at once when send is true (consent or a supervisor's override needed).")
            .RequireAuthorization();
        sent.MapGet("/{referralId:guid}", Read).WithName("ReadSentReferral")
            .WithSummary("One referral of the case as its sender sees it: status, history, decline reason, outcome.").RequireAuthorization();
        sent.MapPost("/{referralId:guid}/send", Send).WithName("SendReferral")
            .WithSummary("Sends a draft referral; the rules and consent are checked again.").RequireAuthorization();
        sent.MapPost("/{referralId:guid}/withdraw", Withdraw).WithName("WithdrawReferral")
            .WithSummary("Withdraws a referral not yet final, with a reason; the receiver is told.").RequireAuthorization();

        var received = api.MapGroup("/referrals").WithTags("Referrals");
        received.MapGet("/inbox", Inbox).WithName("ReferralInbox")
            .WithSummary("Referrals sent to the user's organisation, newest first; filter by status; overdue ones marked. Case workers and supervisors.")
            .RequireAuthorization(Policies.ReferralReceiver);
        received.MapGet("/{id:guid}", Received).WithName("ReadReceivedReferral")
            .WithSummary("A referral sent to the user's organisation: the shared fields only, the service, urgency, reason, message and history.")
            .RequireAuthorization();
        received.MapPost("/{id:guid}/acknowledge", (Guid id, ReferralStepInput body, ReferralReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct) =>
                StepAsync(id, ReferralAction.Acknowledge, body, receiving, text, ct))
            .WithName("AcknowledgeReferral").WithSummary("Acknowledges receipt; the decision is then due within the urgency's time.").RequireAuthorization();
        received.MapPost("/{id:guid}/accept", (Guid id, ReferralStepInput body, ReferralReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct) =>
                StepAsync(id, ReferralAction.Accept, body, receiving, text, ct))
            .WithName("AcceptReferral").WithSummary("Accepts an acknowledged referral.").RequireAuthorization();
        received.MapPost("/{id:guid}/decline", (Guid id, ReferralStepInput body, ReferralReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct) =>
                StepAsync(id, ReferralAction.Decline, body, receiving, text, ct))
            .WithName("DeclineReferral").WithSummary("Declines an acknowledged referral; declineReason is required (a note too for Other).").RequireAuthorization();
        received.MapPost("/{id:guid}/complete", (Guid id, ReferralStepInput body, ReferralReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct) =>
                StepAsync(id, ReferralAction.Complete, body, receiving, text, ct))
            .WithName("CompleteReferral").WithSummary("Completes an accepted referral with its outcome: successful or not, a note, the services given.").RequireAuthorization();
        received.MapPost("/{id:guid}/case", OpenCase).WithName("OpenCaseFromReferral")
            .WithSummary("After acceptance, registers the person in the receiving organisation's own case, linked to the referral (case workers).")
            .RequireAuthorization();
    }

    private static async Task<Results<Ok<IReadOnlyList<ReferralSummary>>, NotFound>> List(Guid id, ReferralSending sending, CancellationToken ct) =>
        await sending.ListAsync(id, ct) is { } found ? TypedResults.Ok(found.Items) : TypedResults.NotFound();

    private static async Task<Results<Created<ReferralView>, NotFound, ValidationProblem>> Create(
        Guid id, ReferralInput body, ReferralSending sending, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await sending.CreateAsync(id, body, ct);
        return result.ToCreated($"/api/v1/cases/{id}/referrals/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<ReferralView>, NotFound>> Read(Guid id, Guid referralId, ReferralSending sending, CancellationToken ct) =>
        await sending.ReadAsync(id, referralId, ct) is { } found ? TypedResults.Ok(found.Referral) : TypedResults.NotFound();

    private static async Task<Results<Ok<ReferralView>, NotFound, ValidationProblem>> Send(
        Guid id, Guid referralId, ReferralSendInput body, ReferralSending sending, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await sending.SendAsync(id, referralId, body, ct)).ToOk(text);

    private static async Task<Results<Ok<ReferralView>, NotFound, ValidationProblem>> Withdraw(
        Guid id, Guid referralId, ReferralWithdrawInput body, ReferralSending sending, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await sending.WithdrawAsync(id, referralId, body, ct)).ToOk(text);

    /// <summary><c>status</c> is a <see cref="ReferralStatus"/> name (not Draft); <c>page</c> counts from 1.</summary>
    private static async Task<Results<Ok<ReferralPage>, ValidationProblem>> Inbox(
        string? status, int? page, ReferralReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct)
    {
        if (status is not null && (!PersonRules.IsValue<ReferralStatus>(status) || status == nameof(ReferralStatus.Draft)))
            return new[] { new RuleError("Status", "Referrals.UnknownStatus") }.ToProblem(text);
        return TypedResults.Ok(await receiving.InboxAsync(status is null ? null : Enum.Parse<ReferralStatus>(status), page ?? 1, ct));
    }

    private static async Task<Results<Ok<ReferralView>, NotFound>> Received(Guid id, ReferralReceiving receiving, CancellationToken ct) =>
        await receiving.ReadAsync(id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<Results<Ok<ReferralView>, NotFound, ValidationProblem>> StepAsync(
        Guid id, ReferralAction action, ReferralStepInput body, ReferralReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await receiving.StepAsync(id, action, body, ct)).ToOk(text);

    private static async Task<Results<Ok<ReferralView>, NotFound, ValidationProblem>> OpenCase(
        Guid id, PersonInput body, ReferralReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await receiving.OpenCaseAsync(id, body, ct)).Result.ToOk(text);
}
