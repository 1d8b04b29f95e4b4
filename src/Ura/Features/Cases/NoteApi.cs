using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary><c>/api/v1/cases/{id}/notes</c>: the case team reads and adds notes (never edits them).</summary>
public static class NoteApi
{
    public static void MapNoteApi(this RouteGroupBuilder api)
    {
        var notes = api.MapGroup("/cases/{id:guid}/notes").WithTags("Notes");
        notes.MapGet("", List).WithName("ListNotes").WithSummary("One page of the case's notes, newest first (case team only).").RequireAuthorization();
        notes.MapPost("", Add).WithName("AddNote").WithSummary("Adds a note; notes are never edited or deleted.").RequireAuthorization();
    }

    private static async Task<Results<Ok<Paged<NoteView>>, NotFound>> List(Guid id, CaseNotes notes, CancellationToken ct, int page = 1) =>
        await notes.ListAsync(id, page, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<NoteView>, NotFound, ValidationProblem>> Add(
        Guid id, NoteInput body, CaseNotes notes, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await notes.AddAsync(id, body.Text, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        return result.Succeeded ? TypedResults.Created($"/api/v1/cases/{id}/notes", result.Value) : result.Errors.ToProblem(text);
    }
}
