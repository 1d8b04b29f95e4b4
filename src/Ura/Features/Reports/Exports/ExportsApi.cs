using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Reports.Exports;

/// <summary>
/// <c>/api/v1/reports/exports</c>: ask for a CTDC (national coordinators) or HTCDS (supervisors) export,
/// follow its progress, download the file. A run is its requester's alone: anyone else gets 404.
/// </summary>
public static class ExportsApi
{
    public static void MapExportsApi(this RouteGroupBuilder api)
    {
        var exports = api.MapGroup("/reports/exports").WithTags("Exports").RequireAuthorization(Policies.Exporter);
        exports.MapGet("", Mine).WithName("ExportsMine")
            .WithSummary("The caller's own export runs, newest first, with status, progress and (CTDC) the k-anonymity check.");
        exports.MapPost("", Request).WithName("ExportsRequest")
            .WithSummary("Queues an export: kind Ctdc (national coordinators: their country's cases in the CTDC k-anonymised format) or Htcds (supervisors: their organisation's cases in HTCDS 2.0, one CSV per entity, zipped; reason of 1-500 characters required and audited). Another role gets 403.");
        exports.MapGet("/{id:guid}", One).WithName("ExportsOne")
            .WithSummary("One of the caller's export runs: status, progress 0-100, expiry, verification.");
        exports.MapGet("/{id:guid}/file", File).WithName("ExportsFile")
            .WithSummary("The run's file, for its requester only, once done and verified and until it expires (else 404). Audited.");
    }

    private static async Task<Ok<IReadOnlyList<ExportRunView>>> Mine(ExportRuns runs, CancellationToken ct) => TypedResults.Ok(await runs.MineAsync(ct));

    private static async Task<Results<Created<ExportRunView>, NotFound, ValidationProblem, ForbidHttpResult>> Request(
        ExportInput body, ExportRuns runs, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await runs.RequestAsync(body, ct);
        if (result is null)
            return TypedResults.Forbid();
        return result.Succeeded ? TypedResults.Created($"/api/v1/reports/exports/{result.Value!.Id}", result.Value) : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<ExportRunView>, NotFound>> One(Guid id, ExportRuns runs, CancellationToken ct) =>
        await runs.OneAsync(id, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> File(Guid id, ExportRuns runs, CancellationToken ct) =>
        await runs.DownloadAsync(id, ct) is { } file ? TypedResults.File(file.Content, file.ContentType, file.FileName) : TypedResults.NotFound();
}
