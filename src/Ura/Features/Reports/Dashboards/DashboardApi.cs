using Microsoft.AspNetCore.Http.HttpResults;

namespace Ura.Features.Reports.Dashboards;

/// <summary><c>/api/v1/dashboard</c>: the signed-in user's home page figures as JSON.</summary>
public static class DashboardApi
{
    public static void MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard", Get).WithName("Dashboard").WithTags("Reports").RequireAuthorization()
            .WithSummary("The signed-in user's dashboard: each part present only for a role that calls for it. caseWork (case workers: their open cases, "
                + "tasks overdue and due within a week, cases by stage), organisation (supervisors: the organisation's open cases, overdue tasks, closure requests, "
                + "cases by stage), country (coordinators and analysts: their country's potential and identified victims this year by sex and age band, referrals "
                + "to and from other countries, reflection periods ending within 14 days), allCountries (analysts: victims per country), referrals. "
                + "Country and all-country counts below smallNumberThreshold, and counts they could be worked out from, are null; the others are "
                + "rounded to the nearest roundTo, each on its own.");
    }

    private static async Task<Ok<DashboardView>> Get(Dashboard dashboard, CancellationToken ct) =>
        TypedResults.Ok(await dashboard.ForCurrentUserAsync(ct));
}
