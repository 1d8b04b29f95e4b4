using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary><c>/api/v1/shelters/board</c> and <c>/api/v1/shelters/statistics</c>: where a bed is free, and how full the shelters were.</summary>
public static class ShelterBoardApi
{
    public static void MapShelterBoardApi(this RouteGroupBuilder api)
    {
        var shelters = api.MapGroup("/shelters").WithTags("Shelters");
        shelters.MapGet("/board", Board).WithName("ShelterBoard").RequireAuthorization(Policies.ShelterBoard)
            .WithSummary("Facilities with a suitable free bed, this node's first and then the peer nodes': filters country, city (or region), "
                + "type, population (repeatable: serves any of them), accessible and bedType; free beds by type and the last update, never an address. Paged, with hasMore.");
        shelters.MapGet("/statistics", Statistics).WithName("ShelterStatistics").RequireAuthorization(Policies.ShelterStatistics)
            .WithSummary("Occupancy rate, bed-nights, admissions, discharges by destination, average and median length of stay and current residents, "
                + "per facility and per country, for a period (from, to: default the last 30 days) and optionally one country; "
                + "shelter managers and supervisors get their organisation's facilities exactly; coordinators their country's and analysts all, with the figures about residents under small-number protection (null where hidden, protected=true).");
    }

    private static async Task<Results<Ok<BoardPage>, ValidationProblem>> Board(
        [AsParameters] BoardFilter filter, ShelterBoard board, IStringLocalizer<Text> text, CancellationToken ct)
    {
        // The case only shapes the page's links; the API never reads a case.
        filter.Case = null;
        var result = await board.SearchAsync(filter, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<ShelterStatisticsView>, ValidationProblem>> Statistics(
        [AsParameters] StatisticsQuery query, ShelterStatisticsReport report, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await report.ComputeAsync(query, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.Errors.ToProblem(text);
    }
}
