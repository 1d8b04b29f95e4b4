using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Reports.Projects;

/// <summary>
/// <c>/api/v1/reports/projects</c>: projects for indicator reports. National coordinators read, create and
/// change their country's; analysts and supervisors read those their organisation takes part in. Out of scope answers 404.
/// </summary>
public static class ProjectsApi
{
    public static void MapProjectsApi(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/reports/projects").WithTags("Reports");
        projects.MapGet("/", List).WithName("ReportsListProjects").RequireAuthorization(Policies.ReportReader)
            .WithSummary("Projects the caller may read (a coordinator's country's, or those the caller's organisation takes part in), newest first.");
        projects.MapGet("/{id:guid}", Get).WithName("ReportsGetProject").RequireAuthorization(Policies.ReportReader)
            .WithSummary("A project: name, funders, period (inclusive), organisations and the indicators it reports on with their targets.");
        projects.MapPost("/", Create).WithName("ReportsCreateProject").RequireAuthorization(Policies.ProjectEditor)
            .WithSummary("Creates a project in the coordinator's country: a name unused there, a period that does not end before it starts, organisations of the country, known indicator keys with targets of 0 or more.");
        projects.MapPut("/{id:guid}", Change).WithName("ReportsChangeProject").RequireAuthorization(Policies.ProjectEditor)
            .WithSummary("Replaces a project of the coordinator's country (organisations and targets included) under the same rules.");
    }

    private static async Task<Ok<IReadOnlyList<ProjectSummary>>> List(ProjectDirectory projects, CancellationToken ct) =>
        TypedResults.Ok(await projects.ListAsync(ct));

    private static async Task<Results<Ok<ProjectView>, NotFound>> Get(Guid id, ProjectDirectory projects, CancellationToken ct) =>
        await projects.GetAsync(id, ct) is { } project ? TypedResults.Ok(project) : TypedResults.NotFound();

    private static async Task<Results<Created<ProjectView>, NotFound, ValidationProblem>> Create(
        ProjectInput body, ProjectDirectory projects, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await projects.CreateAsync(body, ct);
        return result.ToCreated($"/api/v1/reports/projects/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<ProjectView>, NotFound, ValidationProblem>> Change(
        Guid id, ProjectInput body, ProjectDirectory projects, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await projects.ChangeAsync(id, body, ct)).ToOk(text);
}
