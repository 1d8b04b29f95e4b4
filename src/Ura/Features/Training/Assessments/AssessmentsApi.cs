using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Training.Assessments;

/// <summary>The framework as a reader of the API gets it, in the request's language.</summary>
public sealed record FrameworkView(string Key, string Title, int EvidenceRequiredFrom,
    IReadOnlyList<FrameworkLevelView> Scale, IReadOnlyList<FrameworkDimensionView> Dimensions);

public sealed record FrameworkLevelView(int Score, string Label, string Description);

public sealed record FrameworkDimensionView(string Key, string Name, IReadOnlyList<FrameworkCriterionView> Criteria);

public sealed record FrameworkCriterionView(string Key, string Text);

/// <summary>
/// <c>/api/v1/training/programmes</c> and <c>/api/v1/training/assessments</c>: capacity programmes and
/// assessments of service providers. Outreach officers create programmes and record, correct and remove
/// assessments in their own organisation's; coordinators read their country's, analysts all (figures only). Out of
/// scope answers 404.
/// </summary>
public static class AssessmentsApi
{
    public static void MapAssessmentsApi(this RouteGroupBuilder api)
    {
        var training = api.MapGroup("/training").WithTags("Capacity assessments");
        training.MapGet("/framework", Framework).WithName("TrainingGetFramework").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("The capacity assessment framework in the request's language: dimensions, their criteria and the scoring scale.");
        training.MapGet("/programmes", List).WithName("TrainingListProgrammes").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("Capacity programmes the caller may read, each with its target and how many providers were assessed and improved.");
        training.MapPost("/programmes", Create).WithName("TrainingCreateProgramme").RequireAuthorization(Policies.Outreach)
            .WithSummary("Starts a capacity programme of the caller's organisation in the caller's country; the target defaults to nine providers.");
        training.MapGet("/programmes/{id:guid}", Get).WithName("TrainingGetProgramme").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("A programme's figures: providers assessed against the target, how many improved (latest overall above the first), each provider's first and latest overall score and the mean change per dimension.");
        training.MapGet("/programmes/{id:guid}/providers/{providerId:guid}", History).WithName("TrainingGetProviderHistory").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("One provider's assessments in the programme, oldest first, with dimension averages and the overall score.");
        training.MapPost("/programmes/{id:guid}/assessments", Record).WithName("TrainingRecordAssessment").RequireAuthorization(Policies.Outreach)
            .WithSummary("Records an assessment of a provider of the programme's country: every criterion scored once on the scale, evidence for scores from the framework's evidence level up, a date within the programme and not in the future.");
        training.MapGet("/assessments/{id:guid}", GetAssessment).WithName("TrainingGetAssessment").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("One assessment: scores per criterion with evidence, dimension averages and the overall score (analysts get no evidence or assessor names).");
        training.MapPut("/assessments/{id:guid}", Correct).WithName("TrainingCorrectAssessment").RequireAuthorization(Policies.Outreach)
            .WithSummary("Corrects an assessment in a programme of the caller's organisation: replaces its date, assessors and every criterion's score and evidence under the rules of recording one; the provider stays.");
        training.MapDelete("/assessments/{id:guid}", Remove).WithName("TrainingRemoveAssessment").RequireAuthorization(Policies.Outreach)
            .WithSummary("Removes an assessment recorded by mistake in a programme of the caller's organisation, with its scores; the programme's figures no longer count it.");
    }

    private static Ok<FrameworkView> Framework()
    {
        var f = CapacityFramework.Current;
        return TypedResults.Ok(new FrameworkView(f.Key, f.Title.Current, f.EvidenceRequiredFrom,
            [.. f.Scale.Select(l => new FrameworkLevelView(l.Score, l.Label.Current, l.Description.Current))],
            [.. f.Dimensions.Select(d => new FrameworkDimensionView(d.Key, d.Name.Current, [.. d.Criteria.Select(c => new FrameworkCriterionView(c.Key, c.Text.Current))]))]));
    }

    private static async Task<Ok<IReadOnlyList<ProgrammeSummary>>> List(AssessmentProgrammes programmes, CancellationToken ct) =>
        TypedResults.Ok(await programmes.ListAsync(ct));

    private static async Task<Results<Created<ProgrammeSummary>, NotFound, ValidationProblem>> Create(
        ProgrammeInput body, AssessmentProgrammes programmes, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await programmes.CreateProgrammeAsync(body, ct);
        return result.ToCreated($"/api/v1/training/programmes/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<ProgrammeView>, NotFound>> Get(Guid id, AssessmentProgrammes programmes, CancellationToken ct) =>
        await programmes.GetAsync(id, ct) is { } programme ? TypedResults.Ok(programme) : TypedResults.NotFound();

    private static async Task<Results<Ok<ProviderHistory>, NotFound>> History(Guid id, Guid providerId, AssessmentProgrammes programmes, CancellationToken ct) =>
        await programmes.HistoryAsync(id, providerId, ct) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound();

    private static async Task<Results<Created<AssessmentView>, NotFound, ValidationProblem>> Record(
        Guid id, AssessmentInput body, AssessmentProgrammes programmes, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await programmes.RecordAsync(id, body, ct);
        return result.ToCreated($"/api/v1/training/assessments/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<AssessmentView>, NotFound>> GetAssessment(Guid id, AssessmentProgrammes programmes, CancellationToken ct) =>
        await programmes.GetAssessmentAsync(id, ct) is { } assessment ? TypedResults.Ok(assessment) : TypedResults.NotFound();

    private static async Task<Results<Ok<AssessmentView>, NotFound, ValidationProblem>> Correct(
        Guid id, AssessmentCorrectionInput body, AssessmentProgrammes programmes, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await programmes.CorrectAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<NoContent, NotFound>> Remove(Guid id, AssessmentProgrammes programmes, CancellationToken ct) =>
        (await programmes.RemoveAsync(id, ct)).Found ? TypedResults.NoContent() : TypedResults.NotFound();
}
