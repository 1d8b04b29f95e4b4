using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Platform.Federation.Pages;

/// <summary><c>/api/v1/federation</c>: the monitoring numbers and dead letters, for the system admin and monitoring tools.</summary>
public static class FederationApi
{
    public static void MapFederationApi(this RouteGroupBuilder api)
    {
        var federation = api.MapGroup("/federation").WithTags("Federation");
        federation.MapGet("/status", Status).WithName("GetFederationStatus").RequireAuthorization(Policies.SystemAdmin)
            .WithSummary("This node's card, each peer's last contact, messages waiting and dead letters, inbound waiting and failed counts, recent refusals.");
        federation.MapGet("/dead-letters", DeadLetters).WithName("ListFederationDeadLetters").RequireAuthorization(Policies.SystemAdmin)
            .WithSummary("Messages that could not be delivered (metadata only), optionally for one peer.");
        federation.MapPost("/dead-letters/{id:guid}/retry", Retry).WithName("RetryFederationDeadLetter").RequireAuthorization(Policies.SystemAdmin)
            .WithSummary("Sends a dead letter again: pending, attempts reset, due now. An expired one is refused.");
        federation.MapPost("/peers/{peer}/dead-letters/retry", RetryAll).WithName("RetryFederationDeadLettersOfPeer").RequireAuthorization(Policies.SystemAdmin)
            .WithSummary("Sends every dead letter to the peer again, except the expired ones.");
    }

    private static async Task<Ok<FederationStatus>> Status(FederationMonitor monitor, CancellationToken ct) =>
        TypedResults.Ok(await monitor.StatusAsync(ct));

    private static async Task<Ok<IReadOnlyList<DeadLetter>>> DeadLetters(string? peer, FederationMonitor monitor, CancellationToken ct) =>
        TypedResults.Ok(await monitor.DeadLettersAsync(string.IsNullOrEmpty(peer) ? null : peer, ct));

    private static async Task<Results<Ok<DeadLetter>, NotFound, ValidationProblem>> Retry(Guid id, FederationMonitor monitor, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await monitor.RetryAsync(id, ct)).ToOk(text);

    private static async Task<Results<Ok<RetryAllResult>, NotFound>> RetryAll(string peer, FederationMonitor monitor, CancellationToken ct) =>
        await monitor.RetryAllAsync(peer, ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound();
}
