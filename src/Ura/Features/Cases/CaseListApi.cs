using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>
/// <c>/api/v1/cases</c>: the case list, name search and caseload, a case's exploitation details and
/// trafficking events, and the overview's controls (status, stage, team, supervisor).
/// </summary>
public static class CaseListApi
{
    public static void MapCaseListApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapGet("", ListCases).WithName("ListCases").RequireAuthorization(Policies.CaseWork)
            .WithSummary("Cases the user works on (or, for supervisors with scope=organisation, all of the organisation's), filtered, sorted and paged.");
        cases.MapPost("/search", SearchCases).WithName("SearchCases").RequireAuthorization(Policies.CaseWork)
            .WithSummary("The case list narrowed to persons whose names hold every word given; posted so names stay out of URLs.");
        cases.MapGet("/caseload", Caseload).WithName("GetCaseload").RequireAuthorization(Policies.Supervisor)
            .WithSummary("Per worker of the supervisor's organisation: active and follow-up cases, open and overdue tasks.");

        cases.MapGet("/{id:guid}/exploitation", GetExploitation).WithName("GetExploitation").RequireAuthorization()
            .WithSummary("The case's exploitation details and trafficking events (case team only).");
        cases.MapPut("/{id:guid}/exploitation", SaveExploitation).WithName("SaveExploitation").RequireAuthorization()
            .WithSummary("Replaces the exploitation codes (HTCDS vic_ value names).");
        cases.MapPost("/{id:guid}/exploitation/events", AddEvent).WithName("AddTraffickingEvent").RequireAuthorization()
            .WithSummary("Adds a trafficking event (recruitment, transit or exploitation).");
        cases.MapPut("/{id:guid}/exploitation/events/{eventId:guid}", UpdateEvent).WithName("UpdateTraffickingEvent").RequireAuthorization()
            .WithSummary("Changes a trafficking event.");
        cases.MapDelete("/{id:guid}/exploitation/events/{eventId:guid}", RemoveEvent).WithName("RemoveTraffickingEvent").RequireAuthorization()
            .WithSummary("Removes a trafficking event.");

        cases.MapGet("/{id:guid}/team", GetTeam).WithName("GetCaseTeam").RequireAuthorization()
            .WithSummary("The case's status, stage, workers and supervisor, with the colleagues who could be assigned.");
        cases.MapPut("/{id:guid}/status", SetStatus).WithName("SetCaseStatus").RequireAuthorization()
            .WithSummary("Sets the status to Active or FollowUp (a case closes through its closure request).");
        cases.MapPut("/{id:guid}/stage", SetStage).WithName("SetCaseStage").RequireAuthorization()
            .WithSummary("Sets the SOP stage.");
        cases.MapPost("/{id:guid}/team", Assign).WithName("AssignCaseWorker").RequireAuthorization()
            .WithSummary("Assigns a case worker of the case's organisation.");
        cases.MapDelete("/{id:guid}/team/{userId:guid}", Unassign).WithName("UnassignCaseWorker").RequireAuthorization()
            .WithSummary("Takes a worker off the case (not the last one).");
        cases.MapPut("/{id:guid}/supervisor", SetSupervisor).WithName("SetCaseSupervisor").RequireAuthorization()
            .WithSummary("Sets or clears the responsible supervisor (a supervisor of the case's organisation).");
    }

    /// <summary>A name search: the words to find, with the same filters as the list.</summary>
    public sealed record CaseSearch(
        [property: Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")] string Name,
        CaseFilter? Filter = null);

    public sealed record StatusChange([property: Required(ErrorMessage = "Validation.Required")] string Status);

    public sealed record StageChange([property: Required(ErrorMessage = "Validation.Required")] string Stage);

    public sealed record Assignment(Guid UserId);

    public sealed record SupervisorChange(Guid? SupervisorId);

    private static async Task<Results<Ok<CasePage>, ValidationProblem>> ListCases(
        [AsParameters] CaseFilter filter, CaseList list, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await list.ListAsync(filter, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<CasePage>, ValidationProblem>> SearchCases(
        CaseSearch body, CaseList list, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await list.SearchAsync(body.Filter ?? new CaseFilter(), body.Name, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.Errors.ToProblem(text);
    }

    private static async Task<Ok<IReadOnlyList<CaseloadRow>>> Caseload(CaseList list, CancellationToken ct) =>
        TypedResults.Ok(await list.CaseloadAsync(ct));

    private static async Task<Results<Ok<ExploitationView>, NotFound>> GetExploitation(Guid id, ExploitationDetails details, CancellationToken ct) =>
        await details.ReadAsync(id, ct) is { } found ? TypedResults.Ok(found.View) : TypedResults.NotFound();

    private static async Task<Results<Ok<ExploitationView>, NotFound, ValidationProblem>> SaveExploitation(
        Guid id, ExploitationInput body, ExploitationDetails details, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await details.SaveAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<Ok<TraffickingEventView>, NotFound, ValidationProblem>> AddEvent(
        Guid id, TraffickingEventInput body, ExploitationDetails details, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await details.AddEventAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<Ok<TraffickingEventView>, NotFound, ValidationProblem>> UpdateEvent(
        Guid id, Guid eventId, TraffickingEventInput body, ExploitationDetails details, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await details.UpdateEventAsync(id, eventId, body, ct)).ToOk(text);

    private static async Task<Results<Ok<TraffickingEventView>, NotFound, ValidationProblem>> RemoveEvent(
        Guid id, Guid eventId, ExploitationDetails details, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await details.RemoveEventAsync(id, eventId, ct)).ToOk(text);

    private static async Task<Results<Ok<CaseTeamView>, NotFound>> GetTeam(Guid id, CaseTeamCommands team, CancellationToken ct) =>
        await team.ReadAsync(id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<Results<Ok<CaseTeamView>, NotFound, ValidationProblem>> SetStatus(
        Guid id, StatusChange body, CaseTeamCommands team, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await team.SetStatusAsync(id, body.Status, ct)).ToOk(text);

    private static async Task<Results<Ok<CaseTeamView>, NotFound, ValidationProblem>> SetStage(
        Guid id, StageChange body, CaseTeamCommands team, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await team.SetStageAsync(id, body.Stage, ct)).ToOk(text);

    private static async Task<Results<Ok<CaseTeamView>, NotFound, ValidationProblem>> Assign(
        Guid id, Assignment body, CaseTeamCommands team, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await team.AssignAsync(id, body.UserId, ct)).ToOk(text);

    private static async Task<Results<Ok<CaseTeamView>, NotFound, ValidationProblem>> Unassign(
        Guid id, Guid userId, CaseTeamCommands team, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await team.UnassignAsync(id, userId, ct)).ToOk(text);

    private static async Task<Results<Ok<CaseTeamView>, NotFound, ValidationProblem>> SetSupervisor(
        Guid id, SupervisorChange body, CaseTeamCommands team, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await team.SetSupervisorAsync(id, body.SupervisorId, ct)).ToOk(text);
}
