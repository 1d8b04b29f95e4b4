using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary><c>/api/v1/cases/{id}/tasks</c> for the case team, and <c>/api/v1/tasks</c>: a worker's due and overdue tasks.</summary>
public static class TaskApi
{
    public static void MapTaskApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/cases/{id:guid}/tasks").WithTags("Tasks");
        tasks.MapGet("", List).WithName("ListCaseTasks").WithSummary("The case's tasks, open ones first by due date (case team only).").RequireAuthorization();
        tasks.MapPost("", Create).WithName("CreateCaseTask").WithSummary("Creates a task for a member of the case team.").RequireAuthorization();
        tasks.MapPost("/{taskId:guid}/completion", Complete).WithName("CompleteCaseTask").WithSummary("Marks the task done.").RequireAuthorization();
        api.MapGet("/tasks", Due).WithTags("Tasks").WithName("DueTasks")
            .WithSummary("Open tasks due within 7 days and all overdue ones, overdue first: the signed-in user's, or (supervisors) a worker's of their organisation.")
            .RequireAuthorization(Policies.CaseWork);
    }

    private static async Task<Results<Ok<IReadOnlyList<TaskView>>, NotFound>> List(Guid id, CaseTasks tasks, CancellationToken ct) =>
        await tasks.ListAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<TaskView>, NotFound, ValidationProblem>> Create(
        Guid id, TaskInput body, CaseTasks tasks, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await tasks.CreateAsync(id, body, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        return result.Succeeded ? TypedResults.Created($"/api/v1/cases/{id}/tasks", result.Value) : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<TaskView>, NotFound, ValidationProblem>> Complete(
        Guid id, Guid taskId, CaseTasks tasks, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await tasks.CompleteAsync(id, taskId, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<Paged<DueTaskView>>, NotFound>> Due(CaseTasks tasks, CancellationToken ct, Guid? workerId = null, int page = 1) =>
        await tasks.DueAsync(workerId, page, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();
}
