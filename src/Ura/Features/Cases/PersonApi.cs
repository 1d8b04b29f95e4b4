using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary><c>PUT /api/v1/cases/{id}/person</c>: the case team corrects the person's details.</summary>
public static class PersonApi
{
    public static void MapPersonApi(this RouteGroupBuilder api) =>
        api.MapGroup("/cases").WithTags("Cases")
            .MapPut("/{id:guid}/person", UpdatePerson).WithName("UpdatePerson").RequireAuthorization()
            .WithSummary("Replaces the person's details (all fields, as when opening the case); the case team only, not on a closed case.");

    private static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem>> UpdatePerson(
        Guid id, PersonInput body, PersonEditing editing, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await editing.UpdateAsync(id, body, ct)).ToOk(text);
}
