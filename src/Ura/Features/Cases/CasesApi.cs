using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary><c>/api/v1/cases</c>: case workers open cases; the case team reads them.</summary>
public static class CasesApi
{
    public static void MapCasesApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("", OpenCase).WithName("OpenCase").RequireAuthorization(Policies.CaseWorker);
        // A search by name is a POST, so names never travel in a URL or an access log.
        cases.MapPost("/duplicates", FindDuplicates).WithName("FindDuplicates").RequireAuthorization(Policies.CaseWorker);
        cases.MapPost("/{id:guid}/duplicates", FindDuplicatesOfCase).WithName("FindDuplicatesOfCase").RequireAuthorization();
        cases.MapGet("/{id:guid}", GetCase).WithName("GetCase").RequireAuthorization();
    }

    /// <summary>
    /// Likely duplicates answer 409 with the report; the client sends <c>confirmedDifferentPerson</c> to go on.
    /// <c>?screening=</c> links the caller's own screening to the new case.
    /// </summary>
    private static async Task<Results<Created<CaseView>, Conflict<DuplicateReport>, ValidationProblem>> OpenCase(
        PersonInput body, CaseRegistration registration, IStringLocalizer<Text> text, CancellationToken ct, Guid? screening = null)
    {
        var result = await registration.RegisterAsync(body, ct, screening);
        if (result.Succeeded)
            return TypedResults.Created($"/api/v1/cases/{result.Opened!.Id}", result.Opened);
        if (result.Duplicates is { } report)
            return TypedResults.Conflict(report);
        return result.Errors.ToProblem(text);
    }

    /// <summary>The names, birth year and gender to look for.</summary>
    public sealed record DuplicateQuery(
        [property: Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")] string GivenNames,
        [property: Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")] string FamilyName,
        [property: Range(1900, 2100, ErrorMessage = "Cases.Person.BirthYearInvalid")] int BirthYear,
        [property: Required(ErrorMessage = "Validation.Required")] string Gender,
        IReadOnlyList<string>? Aliases = null);

    private static async Task<Results<Ok<DuplicateReport>, ValidationProblem>> FindDuplicates(
        DuplicateQuery body, DuplicateCheck check, IStringLocalizer<Text> text, CancellationToken ct)
    {
        if (!PersonRules.IsValue<Gender>(body.Gender))
            return new[] { new RuleError(nameof(DuplicateQuery.Gender), "Cases.Person.UnknownGender") }.ToProblem(text);
        return TypedResults.Ok(await check.FindAsync([body.GivenNames, body.FamilyName, .. body.Aliases ?? []], body.BirthYear, Enum.Parse<Gender>(body.Gender), ct));
    }

    /// <summary>On demand, for a case already open: out of the case team's scope answers 404.</summary>
    private static async Task<Results<Ok<DuplicateReport>, NotFound>> FindDuplicatesOfCase(Guid id, DuplicateCheck check, CancellationToken ct) =>
        await check.FindForCaseAsync(id, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    /// <summary>Out of the case team's scope answers 404, as if the case did not exist.</summary>
    private static async Task<Results<Ok<CaseView>, NotFound>> GetCase(Guid id, CaseRegistration registration, CancellationToken ct) =>
        await registration.ReadAsync(id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
}
