using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Resources;
using Ura.Features.Admin;

namespace Ura.Features.Training.Trainings;

/// <summary>
/// <c>/api/v1/training/trainings</c> and <c>/api/v1/training/visits</c>: trainings and exchange visits.
/// Outreach officers read, write and correct their organisation's; national coordinators read their country's;
/// analysts read all, as figures. Out of scope answers 404.
/// </summary>
public static class TrainingsApi
{
    public static void MapTrainingsApi(this RouteGroupBuilder api)
    {
        var trainings = api.MapGroup("/training/trainings").WithTags("Training");
        trainings.MapGet("/", List).WithName("TrainingListTrainings").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("Trainings the caller may read, newest first, optionally by country (ISO code), year of the start date and topic.");
        trainings.MapGet("/{id:guid}", Get).WithName("TrainingGetTraining").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("A training: topic, dates, organisations taking part, participants by role and sex, pre/post scores with the change; trainers and follow-up actions are left out for analysts.");
        trainings.MapPost("/", Create).WithName("TrainingCreateTraining").RequireAuthorization(Policies.Outreach)
            .WithSummary("Records a training organised by the caller's organisation. Scores are 0 to 100 and need the number tested; counts are 0 or more; the end is not before the start.");
        trainings.MapPut("/{id:guid}", Change).WithName("TrainingChangeTraining").RequireAuthorization(Policies.Outreach)
            .WithSummary("Replaces a training of the caller's organisation (participants and organisations included) under the same rules.");
        trainings.MapPost("/{id:guid}/follow-ups", AddFollowUp).WithName("TrainingAddFollowUp").RequireAuthorization(Policies.Outreach)
            .WithSummary("Adds a follow-up action (text, owner, due date) to a training of the caller's organisation.");
        trainings.MapPut("/{id:guid}/follow-ups/{followUpId:guid}/done", SetDone).WithName("TrainingSetFollowUpDone").RequireAuthorization(Policies.Outreach)
            .WithSummary("Marks a follow-up action done (done: true) or open again (done: false).");

        var visits = api.MapGroup("/training/visits").WithTags("Training");
        visits.MapGet("/", ListVisits).WithName("TrainingListVisits").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("Exchange visits the caller may read, newest first, optionally by year of the start date.");
        visits.MapGet("/{id:guid}", GetVisit).WithName("TrainingGetVisit").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("An exchange visit: host and visiting organisations with their countries, dates, participants by sex; purpose and outcomes are left out for analysts.");
        visits.MapPost("/", CreateVisit).WithName("TrainingCreateVisit").RequireAuthorization(Policies.Outreach)
            .WithSummary("Records an exchange visit for the caller's organisation: a host, at least one other visiting organisation, dates, purpose, participants by sex.");
        visits.MapPut("/{id:guid}", ChangeVisit).WithName("TrainingChangeVisit").RequireAuthorization(Policies.Outreach)
            .WithSummary("Corrects an exchange visit the caller's organisation recorded: replaces host, visiting organisations, dates, purpose, outcomes and participants under the rules of recording one.");
    }

    /// <summary>Body of the follow-up done switch.</summary>
    public sealed record DoneInput(bool Done);

    private static async Task<Ok<IReadOnlyList<TrainingSummary>>> List(string? country, int? year, string? topic, TrainingRegister register, CancellationToken ct) =>
        TypedResults.Ok(await register.ListAsync(new TrainingFilter(country, year, topic), ct));

    private static async Task<Results<Ok<TrainingView>, NotFound>> Get(Guid id, TrainingRegister register, CancellationToken ct) =>
        await register.GetAsync(id, ct) is { } training ? TypedResults.Ok(training) : TypedResults.NotFound();

    private static async Task<Results<Created<TrainingView>, NotFound, ValidationProblem>> Create(
        TrainingInput body, TrainingRegister register, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await register.CreateAsync(body, ct);
        return result.ToCreated($"/api/v1/training/trainings/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<TrainingView>, NotFound, ValidationProblem>> Change(
        Guid id, TrainingInput body, TrainingRegister register, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await register.ChangeAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<Ok<TrainingView>, NotFound, ValidationProblem>> AddFollowUp(
        Guid id, FollowUpInput body, TrainingRegister register, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await register.AddFollowUpAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<Ok<TrainingView>, NotFound, ValidationProblem>> SetDone(
        Guid id, Guid followUpId, DoneInput body, TrainingRegister register, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await register.SetFollowUpDoneAsync(id, followUpId, body.Done, ct)).ToOk(text);

    private static async Task<Ok<IReadOnlyList<ExchangeVisitSummary>>> ListVisits(int? year, ExchangeVisits visits, CancellationToken ct) =>
        TypedResults.Ok(await visits.ListAsync(year, ct));

    private static async Task<Results<Ok<ExchangeVisitView>, NotFound>> GetVisit(Guid id, ExchangeVisits visits, CancellationToken ct) =>
        await visits.GetAsync(id, ct) is { } visit ? TypedResults.Ok(visit) : TypedResults.NotFound();

    private static async Task<Results<Created<ExchangeVisitView>, NotFound, ValidationProblem>> CreateVisit(
        ExchangeVisitInput body, ExchangeVisits visits, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await visits.CreateAsync(body, ct);
        return result.ToCreated($"/api/v1/training/visits/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<ExchangeVisitView>, NotFound, ValidationProblem>> ChangeVisit(
        Guid id, ExchangeVisitInput body, ExchangeVisits visits, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await visits.ChangeAsync(id, body, ct)).ToOk(text);
}
