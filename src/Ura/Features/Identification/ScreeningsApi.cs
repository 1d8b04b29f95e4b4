using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Identification;

/// <summary>
/// Screening interviews and formal identification under <c>/api/v1</c>, with the pages' rules:
/// out of scope answers 404 and changes nothing.
/// </summary>
public static class ScreeningsApi
{
    // Missing values are left to the rules, which answer with the specific localised message.
    public sealed record StartScreening(string? List, Guid? CaseId = null);

    public sealed record AnswersBody([property: Required(ErrorMessage = "Validation.Required")] IReadOnlyList<AnswerInput> Answers);

    public sealed record ConclusionBody(string? Conclusion, string? Reason);

    public sealed record SubmissionBody(Guid? AuthorityId, string? Statement);

    public sealed record CooperationBody(string? Cooperation, DateOnly? On);

    public sealed record DecisionBody(string? Decision, DateOnly? DecidedOn, string? Basis);

    public static void MapScreeningsApi(this RouteGroupBuilder api)
    {
        var screenings = api.MapGroup("/screenings").WithTags("Screenings");
        screenings.MapPost("", Start).WithName("StartScreening").RequireAuthorization(Policies.CaseWorker)
            .WithSummary("Starts a screening with the current instrument for the list (adult_labour, adult_sexual, child_labour, child_sexual), before a case exists or for a case.");
        screenings.MapGet("", WithoutCase).WithName("ListScreeningsWithoutCase").RequireAuthorization()
            .WithSummary("Screenings not yet linked to a case: the caller's own, or their organisation's for a supervisor.");
        screenings.MapGet("/{id:guid}", Get).WithName("GetScreening").RequireAuthorization()
            .WithSummary("A screening with its answers, the positive dimensions and the rule's suggestion (never a legal finding).");
        screenings.MapPut("/{id:guid}/answers", Answer).WithName("AnswerScreening").RequireAuthorization()
            .WithSummary("Records answers (Yes, No, Unknown, with an optional note) and recomputes the result.");
        screenings.MapPost("/{id:guid}/conclusion", Conclude).WithName("ConcludeScreening").RequireAuthorization()
            .WithSummary("Records the worker's own conclusion (PresumedVictim, NotPresumedVictim, Unsure) with a reason; the answers are final afterwards.");

        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Identification");
        cases.MapGet("/screenings", ForCase).WithName("ListCaseScreenings").RequireAuthorization()
            .WithSummary("The case's screenings, for its team.");
        cases.MapGet("/identification", CaseIdentification).WithName("GetCaseIdentification").RequireAuthorization()
            .WithSummary("Screenings, identification submissions and decisions, reflection period and cooperation choice of the case.");
        cases.MapPost("/identification/submissions", Submit).WithName("SubmitForIdentification").RequireAuthorization()
            .WithSummary("Submits the case to an identification authority of its country, with the worker's statement.");
        cases.MapPut("/identification/cooperation", Cooperate).WithName("RecordCooperation").RequireAuthorization()
            .WithSummary("Records the person's choice about cooperating with the authorities (Cooperates, DoesNotCooperate, NotDecidedYet). It never limits assistance.");

        var submissions = api.MapGroup("/identification/submissions").WithTags("Identification");
        submissions.MapGet("", Inbox).WithName("ListIdentificationSubmissions").RequireAuthorization(Policies.IdentificationOfficer)
            .WithSummary("The submissions addressed to the identification officer's authority.");
        submissions.MapGet("/{id:guid}", GetSubmission).WithName("GetIdentificationSubmission").RequireAuthorization()
            .WithSummary("A submission with only the fields needed to decide; for the addressed authority's identification officers.");
        submissions.MapPost("/{id:guid}/decision", Decide).WithName("DecideIdentification").RequireAuthorization()
            .WithSummary("Records the decision (ActualVictimOfTrafficking or NotAVictimOfTrafficking), its date and basis; the case's trafficking status follows.");
    }

    private static async Task<Results<Created<ScreeningView>, NotFound, ValidationProblem>> Start(
        StartScreening body, ScreeningCommands commands, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await commands.StartAsync(body.List, body.CaseId, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        if (!result.Succeeded)
            return result.Errors.ToProblem(text);
        return TypedResults.Created($"/api/v1/screenings/{result.Value!.Screening.Id}", result.Value.ToView());
    }

    private static async Task<Ok<IReadOnlyList<ScreeningSummary>>> WithoutCase(ScreeningCommands commands, CancellationToken ct) =>
        TypedResults.Ok(await commands.WithoutCaseAsync(ct));

    private static async Task<Results<Ok<ScreeningView>, NotFound>> Get(Guid id, ScreeningCommands commands, CancellationToken ct) =>
        await commands.ReadAsync(id, ct) is { } found ? TypedResults.Ok(found.ToView()) : TypedResults.NotFound();

    private static async Task<Results<Ok<ScreeningView>, NotFound, ValidationProblem>> Answer(
        Guid id, AnswersBody body, ScreeningCommands commands, IStringLocalizer<Text> text, CancellationToken ct) =>
        Outcome(await commands.AnswerAsync(id, body.Answers, ct), text);

    private static async Task<Results<Ok<ScreeningView>, NotFound, ValidationProblem>> Conclude(
        Guid id, ConclusionBody body, ScreeningCommands commands, IStringLocalizer<Text> text, CancellationToken ct) =>
        Outcome(await commands.ConcludeAsync(id, body.Conclusion, body.Reason, ct), text);

    private static Results<Ok<ScreeningView>, NotFound, ValidationProblem> Outcome(CommandResult<LoadedScreening> result, IStringLocalizer<Text> text) =>
        !result.Found ? TypedResults.NotFound()
        : result.Succeeded ? TypedResults.Ok(result.Value!.ToView())
        : result.Errors.ToProblem(text);

    private static async Task<Results<Ok<IReadOnlyList<ScreeningSummary>>, NotFound>> ForCase(Guid id, ScreeningCommands commands, CancellationToken ct) =>
        await commands.ForCaseAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Ok<CaseIdentificationView>, NotFound>> CaseIdentification(Guid id, IdentificationCommands commands, CancellationToken ct) =>
        await commands.ReadForCaseAsync(id, ct) is { } found ? TypedResults.Ok(found.View) : TypedResults.NotFound();

    private static async Task<Results<Created<SubmissionView>, NotFound, ValidationProblem>> Submit(
        Guid id, SubmissionBody body, IdentificationCommands commands, IStringLocalizer<Text> text, CancellationToken ct)
        => (await commands.SubmitAsync(id, body.AuthorityId, body.Statement, ct)).ToCreated($"/api/v1/cases/{id}/identification", text);

    private static async Task<Results<Ok<IdentificationRecordView>, NotFound, ValidationProblem>> Cooperate(
        Guid id, CooperationBody body, IdentificationCommands commands, IStringLocalizer<Text> text, CancellationToken ct)
        => (await commands.RecordCooperationAsync(id, body.Cooperation, body.On, ct)).ToOk(text);

    private static async Task<Ok<IReadOnlyList<InboxItem>>> Inbox(IdentificationCommands commands, CancellationToken ct) =>
        TypedResults.Ok(await commands.InboxAsync(ct));

    private static async Task<Results<Ok<DecisionView>, NotFound>> GetSubmission(Guid id, IdentificationCommands commands, CancellationToken ct) =>
        await commands.ReadSubmissionAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<DecisionView>, NotFound, ValidationProblem>> Decide(
        Guid id, DecisionBody body, IdentificationCommands commands, IStringLocalizer<Text> text, CancellationToken ct)
        => (await commands.DecideAsync(id, body.Decision, body.DecidedOn, body.Basis, ct)).ToOk(text);
}
