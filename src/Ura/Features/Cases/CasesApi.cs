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
        cases.MapGet("/{id:guid}", GetCase).WithName("GetCase").RequireAuthorization();
    }

    private static async Task<Results<Created<CaseView>, ValidationProblem>> OpenCase(
        PersonInput body, CaseRegistration registration, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await registration.RegisterAsync(body, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/cases/{result.Value!.Id}", result.Value)
            : result.Errors.ToProblem(text);
    }

    /// <summary>Out of the case team's scope answers 404, as if the case did not exist.</summary>
    private static async Task<Results<Ok<CaseView>, NotFound>> GetCase(Guid id, CaseRegistration registration, CancellationToken ct) =>
        await registration.ReadAsync(id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
}
