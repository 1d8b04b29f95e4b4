using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Referrals;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Transnational;

/// <summary>
/// Transnational referrals: <c>/api/v1/transnational/directory</c> (peers' cached directories),
/// <c>/api/v1/cases/{id}/transnational-referrals</c> for the sending case team,
/// <c>/api/v1/transnational/referrals</c> for the receiving organisation or the focal point. Out of scope answers 404.
/// </summary>
public static class TransnationalApi
{
    public static void MapTransnationalApi(this RouteGroupBuilder api)
    {
        var directory = api.MapGroup("/transnational/directory").WithTags("Transnational");
        directory.MapGet("", Directory).WithName("SearchPeerDirectory")
            .WithSummary("Services that peer nodes published as taking referrals (cached from their directory snapshots); filter by country and category.")
            .RequireAuthorization(Policies.CaseWork);
        directory.MapPost("/publish", Publish).WithName("PublishDirectoryToPeers")
            .WithSummary("Sends this node's directory snapshot to every peer now (system admin); answers how many peers.")
            .RequireAuthorization(Policies.SystemAdmin);

        var sent = api.MapGroup("/cases/{id:guid}/transnational-referrals").WithTags("Transnational");
        sent.MapGet("", List).WithName("ListTransnationalReferrals")
            .WithSummary("The case's referrals to other countries, newest first (case team only).").RequireAuthorization();
        sent.MapPost("", Send).WithName("SendTransnationalReferral")
            .WithSummary("Refers the person to a service of a peer node: sent at once, only under consent to share with that country.")
            .RequireAuthorization();
        sent.MapGet("/{referralId:guid}", Read).WithName("ReadSentTransnationalReferral")
            .WithSummary("One referral abroad as its sender sees it: status, answers, purge confirmation.").RequireAuthorization();
        sent.MapPost("/{referralId:guid}/withdraw", Withdraw).WithName("WithdrawTransnationalReferral")
            .WithSummary("Withdraws a referral abroad not yet final; the receiving node is told.").RequireAuthorization();

        var received = api.MapGroup("/transnational/referrals").WithTags("Transnational");
        received.MapGet("", Inbox).WithName("TransnationalInbox")
            .WithSummary("Referrals received from other countries: for the focal point's coordinators while they wait there, then for the organisation's case workers and supervisors.")
            .RequireAuthorization();
        received.MapGet("/{id:guid}", Received).WithName("ReadReceivedTransnationalReferral")
            .WithSummary("A referral received from another country: the shared fields only.").RequireAuthorization();
        received.MapPost("/{id:guid}/forward", Forward).WithName("ForwardTransnationalReferral")
            .WithSummary("The focal point passes the referral to a service of its country (national coordinators).").RequireAuthorization();
        foreach (var action in new[] { ReferralAction.Acknowledge, ReferralAction.Accept, ReferralAction.Decline, ReferralAction.Complete })
        {
            received.MapPost("/{id:guid}/" + action.ToString().ToLowerInvariant(),
                    (Guid id, ReferralStepInput body, TransnationalReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct) =>
                        StepAsync(id, action, body, receiving, text, ct))
                .WithName(action + "TransnationalReferral")
                .WithSummary(action switch
                {
                    ReferralAction.Acknowledge => "Acknowledges receipt; the sending node is told.",
                    ReferralAction.Accept => "Accepts an acknowledged referral; the sending node is told.",
                    ReferralAction.Decline => "Declines (declineReason required, a note too for Other); at the focal point straight from sent.",
                    _ => "Completes an accepted referral with its outcome; the sending node is told.",
                })
                .RequireAuthorization();
        }
        received.MapPost("/{id:guid}/case", OpenCase).WithName("OpenCaseFromTransnationalReferral")
            .WithSummary("After acceptance, registers the person in the receiving organisation's own case, linked to the referral (case workers).")
            .RequireAuthorization();
    }

    private static async Task<Results<Ok<IReadOnlyList<PeerServiceView>>, ValidationProblem>> Directory(
        string? country, string? category, PeerDirectorySearch search, CancellationToken ct) =>
        TypedResults.Ok(await search.SearchAsync(country, category, ct));

    private static async Task<Ok<PublishedView>> Publish(PeerDirectoryPublisher publisher, CancellationToken ct) =>
        TypedResults.Ok(new PublishedView(await publisher.PublishAsync(ct)));

    private static async Task<Results<Ok<IReadOnlyList<TransnationalSummary>>, NotFound>> List(Guid id, TransnationalSending sending, CancellationToken ct) =>
        await sending.ListAsync(id, ct) is { } found ? TypedResults.Ok(found.Items) : TypedResults.NotFound();

    private static async Task<Results<Created<TransnationalView>, NotFound, ValidationProblem>> Send(
        Guid id, TransnationalReferralInput body, TransnationalSending sending, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await sending.SendAsync(id, body, ct);
        return result.ToCreated($"/api/v1/cases/{id}/transnational-referrals/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<TransnationalView>, NotFound>> Read(Guid id, Guid referralId, TransnationalSending sending, CancellationToken ct) =>
        await sending.ReadAsync(id, referralId, ct) is { } found ? TypedResults.Ok(found.Referral) : TypedResults.NotFound();

    private static async Task<Results<Ok<TransnationalView>, NotFound, ValidationProblem>> Withdraw(
        Guid id, Guid referralId, TransnationalVersionInput body, TransnationalSending sending, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await sending.WithdrawAsync(id, referralId, body, ct)).ToOk(text);

    private static async Task<Ok<IReadOnlyList<TransnationalSummary>>> Inbox(TransnationalReceiving receiving, CancellationToken ct) =>
        TypedResults.Ok(await receiving.InboxAsync(ct));

    private static async Task<Results<Ok<TransnationalView>, NotFound>> Received(Guid id, TransnationalReceiving receiving, CancellationToken ct) =>
        await receiving.ReadAsync(id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<Results<Ok<TransnationalView>, NotFound, ValidationProblem>> Forward(
        Guid id, TransnationalForwardInput body, TransnationalReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await receiving.ForwardAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<Ok<TransnationalView>, NotFound, ValidationProblem>> StepAsync(
        Guid id, ReferralAction action, ReferralStepInput body, TransnationalReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await receiving.StepAsync(id, action, body, ct)).ToOk(text);

    private static async Task<Results<Ok<TransnationalView>, NotFound, ValidationProblem>> OpenCase(
        Guid id, PersonInput body, TransnationalReceiving receiving, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await receiving.OpenCaseAsync(id, body, ct)).Result.ToOk(text);
}

/// <summary>How many peers a directory snapshot was queued for.</summary>
public sealed record PublishedView(int Peers);
