using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>
/// <c>/api/v1/cases/{id}/risk-assessments</c>, <c>/needs-assessments</c>, <c>/plan-goals</c> and
/// <c>/services</c>: the case team reads and records them; out of the team's scope answers 404, a
/// closed case refuses changes.
/// </summary>
public static class PlansApi
{
    public static void MapPlansApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Assistance plans");
        cases.MapGet("/risk-assessments", ListRiskAssessments).WithName("ListRiskAssessments").RequireAuthorization()
            .WithSummary("The case's risk assessments and safety plans, newest first.");
        cases.MapPost("/risk-assessments", RecordRiskAssessment).WithName("RecordRiskAssessment").RequireAuthorization()
            .WithSummary("Records a risk assessment with its safety plan; its next review becomes a task of the worker.");

        cases.MapGet("/needs-assessments", ListNeedsAssessments).WithName("ListNeedsAssessments").RequireAuthorization()
            .WithSummary("The case's needs assessments, newest first.");
        cases.MapPost("/needs-assessments", RecordNeedsAssessment).WithName("RecordNeedsAssessment").RequireAuthorization()
            .WithSummary("Records a needs assessment (areas are HTCDS support plan types).");

        cases.MapGet("/plan-goals", ListPlanGoals).WithName("ListPlanGoals").RequireAuthorization()
            .WithSummary("The goals of the individual assistance plan, open ones first.");
        cases.MapPost("/plan-goals", AddPlanGoal).WithName("AddPlanGoal").RequireAuthorization()
            .WithSummary("Adds a goal to the individual assistance plan.");
        cases.MapPut("/plan-goals/{goalId:guid}", ChangePlanGoal).WithName("ChangePlanGoal").RequireAuthorization()
            .WithSummary("Changes a plan goal: every field is replaced by the body.");
        cases.MapPost("/plan-goals/{goalId:guid}/achieved", MarkPlanGoalAchieved).WithName("MarkPlanGoalAchieved").RequireAuthorization()
            .WithSummary("Marks a plan goal achieved; its actual end date is today unless one was given.");

        cases.MapGet("/services", ListServices).WithName("ListServices").RequireAuthorization()
            .WithSummary("The services given on the case, newest first, with total cost per currency.");
        cases.MapPost("/services", RecordService).WithName("RecordService").RequireAuthorization()
            .WithSummary("Records a service given to the person.");
        cases.MapPut("/services/{serviceId:guid}", ChangeService).WithName("ChangeService").RequireAuthorization()
            .WithSummary("Changes a recorded service: every field is replaced by the body.");
    }

    private static async Task<Results<Ok<IReadOnlyList<RiskAssessmentView>>, NotFound>> ListRiskAssessments(
        Guid id, RiskAssessments assessments, CancellationToken ct) =>
        await assessments.ListAsync(id, ct) is { } found ? TypedResults.Ok(found.Items) : TypedResults.NotFound();

    private static async Task<Results<Created<RiskAssessmentView>, NotFound, ValidationProblem>> RecordRiskAssessment(
        Guid id, RiskAssessmentInput body, RiskAssessments assessments, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await assessments.RecordAsync(id, body, ct)).ToCreated($"/api/v1/cases/{id}/risk-assessments", text);

    private static async Task<Results<Ok<IReadOnlyList<NeedsAssessmentView>>, NotFound>> ListNeedsAssessments(
        Guid id, AssistancePlans plans, CancellationToken ct) =>
        await plans.NeedsAsync(id, ct) is { } found ? TypedResults.Ok(found.Items) : TypedResults.NotFound();

    private static async Task<Results<Created<NeedsAssessmentView>, NotFound, ValidationProblem>> RecordNeedsAssessment(
        Guid id, NeedsAssessmentInput body, AssistancePlans plans, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await plans.RecordNeedsAsync(id, body, ct)).ToCreated($"/api/v1/cases/{id}/needs-assessments", text);

    private static async Task<Results<Ok<IReadOnlyList<PlanGoalView>>, NotFound>> ListPlanGoals(
        Guid id, AssistancePlans plans, CancellationToken ct) =>
        await plans.GoalsAsync(id, ct) is { } found ? TypedResults.Ok(found.Items) : TypedResults.NotFound();

    private static async Task<Results<Created<PlanGoalView>, NotFound, ValidationProblem>> AddPlanGoal(
        Guid id, PlanGoalInput body, AssistancePlans plans, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await plans.AddGoalAsync(id, body, ct)).ToCreated($"/api/v1/cases/{id}/plan-goals", text);

    private static async Task<Results<Ok<PlanGoalView>, NotFound, ValidationProblem>> ChangePlanGoal(
        Guid id, Guid goalId, PlanGoalInput body, AssistancePlans plans, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await plans.ChangeGoalAsync(id, goalId, body, ct)).ToOk(text);

    private static async Task<Results<Ok<PlanGoalView>, NotFound, ValidationProblem>> MarkPlanGoalAchieved(
        Guid id, Guid goalId, AssistancePlans plans, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await plans.MarkAchievedAsync(id, goalId, ct)).ToOk(text);

    private static async Task<Results<Ok<ServiceList>, NotFound>> ListServices(Guid id, ServiceDeliveries services, CancellationToken ct) =>
        await services.ListAsync(id, ct) is { } found ? TypedResults.Ok(found.List) : TypedResults.NotFound();

    private static async Task<Results<Created<ServiceDeliveryView>, NotFound, ValidationProblem>> RecordService(
        Guid id, ServiceDeliveryInput body, ServiceDeliveries services, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await services.RecordAsync(id, body, ct)).ToCreated($"/api/v1/cases/{id}/services", text);

    private static async Task<Results<Ok<ServiceDeliveryView>, NotFound, ValidationProblem>> ChangeService(
        Guid id, Guid serviceId, ServiceDeliveryInput body, ServiceDeliveries services, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await services.ChangeAsync(id, serviceId, body, ct)).ToOk(text);
}
