using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Identification;

/// <summary>
/// <c>/api/v1/screening-instruments</c>: every signed-in user lists the instruments (a screening
/// needs one); only the system admin imports. The request body is the instrument JSON itself.
/// </summary>
public static class IdentificationApi
{
    public static void MapIdentificationApi(this RouteGroupBuilder api)
    {
        var instruments = api.MapGroup("/screening-instruments").WithTags("Screening instruments");
        instruments.MapGet("", ListInstruments).WithName("ListScreeningInstruments").RequireAuthorization();
        instruments.MapPost("", ImportInstrument).WithName("ImportScreeningInstrument")
            .Accepts<JsonElement>("application/json")
            .RequireAuthorization(Policies.SystemAdmin);
    }

    private static async Task<Ok<IReadOnlyList<InstrumentSummary>>> ListInstruments(InstrumentCommands instruments, CancellationToken ct) =>
        TypedResults.Ok(await instruments.ListAsync(ct));

    /// <summary>The body is read as text so that malformed JSON gets the same located message as the page and the CLI.</summary>
    private static async Task<Results<Created<InstrumentSummary>, ValidationProblem>> ImportInstrument(
        HttpRequest request, InstrumentCommands instruments, IStringLocalizer<Text> text, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[InstrumentDocument.MaxLength + 1];
        var length = await reader.ReadBlockAsync(buffer, ct);
        var result = await instruments.ImportAsync(new string(buffer, 0, length), ct);
        if (result.Succeeded)
            return TypedResults.Created($"/api/v1/screening-instruments/{result.Instrument!.Id}", result.Instrument);
        return TypedResults.ValidationProblem(
            result.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => ImportResult.Message(e, text)).ToArray()),
            title: text["Problem.Validation"]);
    }
}
