using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Awareness.HelpRequests;

/// <summary>
/// <c>/api/v1/help-requests</c>: the help-request inbox for case workers and supervisors of an
/// organisation that receives help requests. Other roles, and organisations that receive none, get
/// 403; a request of another country, or handled by another organisation, 404.
/// </summary>
public static class HelpRequestsApi
{
    public static void MapHelpRequestsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/help-requests").WithTags("Help requests");
        group.MapGet("", List).WithName("ListHelpRequests")
            .WithSummary("A page of the inbox, newest first: new requests of the organisation's country (handled=false) or those it handled (handled=true). No words of the requests.")
            .RequireAuthorization(Policies.HelpRequestHandler);
        group.MapGet("/{id:guid}", Read).WithName("ReadHelpRequest")
            .WithSummary("One request: what the person wrote, how to reach them, language, danger now, and what was done. The read is audited.")
            .RequireAuthorization(Policies.HelpRequestHandler);
        group.MapPost("/{id:guid}/screening", OpenScreening).WithName("OpenHelpRequestScreening")
            .WithSummary("Case workers: starts a screening in the organisation (age adult|child, exploitation labour|sexual) and links it to the new request.")
            .RequireAuthorization(Policies.HelpRequestHandler);
        group.MapPost("/{id:guid}/case", OpenCase).WithName("OpenHelpRequestCase")
            .WithSummary("Case workers: registers the person and opens a case in the organisation (as POST /api/v1/cases), and links it to the new request.")
            .RequireAuthorization(Policies.HelpRequestHandler);
        group.MapPost("/{id:guid}/close", Close).WithName("CloseHelpRequest")
            .WithSummary("Closes a new request without action, with a reason.")
            .RequireAuthorization(Policies.HelpRequestHandler);
    }

    private static async Task<Results<Ok<Paged<HelpRequestSummary>>, ForbidHttpResult>> List(
        bool? handled, int? page, HelpRequestInbox inbox, CancellationToken ct) =>
        await inbox.ListAsync(handled ?? false, page ?? 1, ct) is { } found ? TypedResults.Ok(found) : TypedResults.Forbid();

    private static async Task<Results<Ok<HelpRequestView>, NotFound>> Read(Guid id, HelpRequestInbox inbox, CancellationToken ct) =>
        await inbox.ReadAsync(id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<Results<Ok<HelpRequestView>, NotFound, ValidationProblem>> OpenScreening(
        Guid id, OpenScreeningInput body, HelpRequestInbox inbox, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await inbox.OpenScreeningAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<Ok<HelpRequestView>, NotFound, ValidationProblem>> OpenCase(
        Guid id, PersonInput body, HelpRequestInbox inbox, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await inbox.OpenCaseAsync(id, body, ct)).Result.ToOk(text);

    private static async Task<Results<Ok<HelpRequestView>, NotFound, ValidationProblem>> Close(
        Guid id, CloseInput body, HelpRequestInbox inbox, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await inbox.CloseAsync(id, body, ct)).ToOk(text);
}
