using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary><c>/api/v1/cases/{id}/closure</c>, <c>/reopen</c>, <c>/timeline</c> and the supervisors' <c>/api/v1/cases/closures</c>.</summary>
public static class ClosureApi
{
    public static void MapClosureApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapGet("/closures", Pending).WithName("ListPendingClosures").RequireAuthorization(Policies.Supervisor)
            .WithSummary("Closure requests waiting for a supervisor of your organisation, oldest first.");
        cases.MapGet("/{id:guid}/closures", History).WithName("ListCaseClosures").RequireAuthorization()
            .WithSummary("The case's closure requests, decisions and reopenings, newest first.");
        cases.MapPost("/{id:guid}/closure", Request).WithName("RequestClosure").RequireAuthorization()
            .WithSummary("The case team asks to close the case; a supervisor decides.");
        cases.MapPost("/{id:guid}/closure/approve", Approve).WithName("ApproveClosure").RequireAuthorization(Policies.Supervisor)
            .WithSummary("A supervisor other than the requester approves the pending closure; the case closes.");
        cases.MapPost("/{id:guid}/closure/refuse", Refuse).WithName("RefuseClosure").RequireAuthorization(Policies.Supervisor)
            .WithSummary("A supervisor other than the requester refuses the pending closure, saying why.");
        cases.MapPost("/{id:guid}/reopen", Reopen).WithName("ReopenCase").RequireAuthorization()
            .WithSummary("The case team reopens a closed case, saying why.");
        cases.MapGet("/{id:guid}/timeline", Timeline).WithName("GetCaseTimeline").RequireAuthorization()
            .WithSummary("Everything that happened on the case, newest first, 50 per page.");
    }

    public sealed record ClosureRequest(
        [property: Required(ErrorMessage = "Validation.Required")] string Reason,
        [property: StringLength(CaseClosures.TextLimit, ErrorMessage = "Validation.TooLong")] string? Details);

    public sealed record ClosureDecisionBody([property: StringLength(CaseClosures.TextLimit, ErrorMessage = "Validation.TooLong")] string? Note);

    public sealed record ReopenRequest(
        [property: Required(ErrorMessage = "Validation.Required"), StringLength(CaseClosures.TextLimit, ErrorMessage = "Validation.TooLong")] string Reason);

    private static async Task<Ok<IReadOnlyList<ClosureView>>> Pending(CaseClosures closures, CancellationToken ct) =>
        TypedResults.Ok(await closures.PendingAsync(ct));

    private static async Task<Results<Ok<IReadOnlyList<ClosureView>>, NotFound>> History(Guid id, CaseAccess access, CaseClosures closures, CancellationToken ct) =>
        await access.ReadAsync(id, ct) is { } found ? TypedResults.Ok(await closures.HistoryAsync(found, ct)) : TypedResults.NotFound();

    private static async Task<Results<Ok<ClosureView>, NotFound, ValidationProblem>> Request(
        Guid id, ClosureRequest body, CaseClosures closures, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await closures.RequestAsync(id, body.Reason, body.Details, ct)).ToOk(text);

    private static async Task<Results<Ok<ClosureView>, NotFound, ValidationProblem>> Approve(
        Guid id, ClosureDecisionBody? body, CaseClosures closures, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await closures.DecideAsync(id, approve: true, body?.Note, ct)).ToOk(text);

    private static async Task<Results<Ok<ClosureView>, NotFound, ValidationProblem>> Refuse(
        Guid id, ClosureDecisionBody body, CaseClosures closures, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await closures.DecideAsync(id, approve: false, body.Note, ct)).ToOk(text);

    private static async Task<Results<Ok<ClosureView>, NotFound, ValidationProblem>> Reopen(
        Guid id, ReopenRequest body, CaseClosures closures, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await closures.ReopenAsync(id, body.Reason, ct)).ToOk(text);

    private static async Task<Results<Ok<Paged<TimelineEntry>>, NotFound>> Timeline(
        Guid id, CaseAccess access, CaseTimelineReader timeline, CancellationToken ct, int page = 1) =>
        await access.ReadAsync(id, ct) is { } found ? TypedResults.Ok(await timeline.PageAsync(found, page, ct)) : TypedResults.NotFound();
}
