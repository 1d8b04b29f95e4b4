using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Reports.Tip;

/// <summary><c>/api/v1/reports/tip</c>: the TIP Report figures of one country and year.</summary>
public static class TipApi
{
    public static void MapTipApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/reports").WithTags("Reports")
            .MapGet("/tip", Get).WithName("TipReport").RequireAuthorization(Policies.TipReportReader)
            .WithSummary("The TIP Report figures of a country (country, ISO code: a coordinator's own by default) for a calendar year "
                + "(year: last year by default): victims identified by sex and adult or child, by type of exploitation and by citizenship; "
                + "victims assisted by type of service; referrals sent through the national referral mechanism by kind of receiver and answer. "
                + "Small numbers are hidden (null). Coordinators get their own country only (404 for another), analysts any country of this node.");
    }

    private static async Task<Results<Ok<TipReportView>, NotFound, ValidationProblem>> Get(
        [AsParameters] TipQuery query, TipReport report, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await report.ComputeAsync(query, ct)).ToOk(text);
}
