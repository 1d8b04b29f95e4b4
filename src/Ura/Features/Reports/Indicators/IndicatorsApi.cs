using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Reports.Indicators;

/// <summary>
/// <c>/api/v1/reports/indicators</c>: the indicator catalogue, one indicator computed for a period and place, and a whole
/// report (several indicators, or a project's) as the report page shows it.
/// </summary>
public static class IndicatorsApi
{
    public sealed record IndicatorDescription(string Key, string Title, string Definition, IndicatorUnit Unit, IReadOnlyList<string> Disaggregations);

    public sealed class RunQuery
    {
        public string? Indicator { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public string[]? Country { get; set; }
        public Guid[]? Organisation { get; set; }
        public string? By { get; set; }
        public Guid? Project { get; set; }
        public string? Currency { get; set; }
    }

    public sealed record IndicatorRun(DateOnly From, DateOnly To, int Threshold, int RoundTo, IndicatorFigure Figure, ReportProject? Project);

    public static void MapIndicatorsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports/indicators").WithTags("Reports").RequireAuthorization(Policies.ReportReader);
        reports.MapGet("", Catalogue).WithName("IndicatorCatalogue")
            .WithSummary("Every indicator a report can hold: its key, title and written definition in the request's language, its unit "
                + "(count, days, hours, amount) and the breakdowns (by) it supports.");
        reports.MapGet("/run", Run).WithName("IndicatorRun")
            .WithSummary("One indicator for a period (from, to: both days included; default the current year; widened to whole months, "
                + "which from and to in the answer give), optionally some countries and organisations (repeatable) within the caller's "
                + "scope, split by one breakdown (by). Counts under the node's small-number threshold, and the counts that would reveal "
                + "them, are null with hidden = true; every other count is rounded to the nearest roundTo, each on its own. With project (an id), the project's "
                + "organisations within the caller's scope and its period (narrowed inside it, never outside), and the indicator's target "
                + "and achievement (total as a percentage of the target, null when hidden); a project the caller may not read is 404. Amounts "
                + "carry noise fixed per person (each person's costs times 0.8 to 0.9 or 1.1 to 1.2) and are never added across currencies: "
                + "when the costs are in several currencies, ask for one (currency, ISO 4217), or the answer is 400.");
        reports.MapGet("/report", Report).WithName("IndicatorReport")
            .WithSummary("A whole report, as the report page shows it: the indicators asked for (indicator, repeatable; none means "
                + "every indicator, or the project's), for a period, places and breakdown as in /run, with the organisations it "
                + "covers. With project (an id), every figure of the project's indicators carries its target and achievement; a "
                + "project the caller may not read is 404. Hidden counts are null, as in /run. An amount indicator has one figure per "
                + "currency (figure.currency), or only the currency asked for.");
    }

    private static Ok<IReadOnlyList<IndicatorDescription>> Catalogue(IStringLocalizer<Text> text) =>
        TypedResults.Ok<IReadOnlyList<IndicatorDescription>>([.. IndicatorCatalogue.All.Select(i =>
            new IndicatorDescription(i.Key, text[i.TitleKey], text[i.DefinitionKey], i.Unit, i.Disaggregations))]);

    private static async Task<Results<Ok<IndicatorRun>, NotFound, ValidationProblem>> Run(
        [AsParameters] RunQuery query, IndicatorReport report, IStringLocalizer<Text> text, CancellationToken ct)
    {
        if (!IndicatorCatalogue.IsKnown(query.Indicator))
            return new[] { new RuleError(nameof(query.Indicator), "Reports.Error.UnknownIndicator") }.ToProblem(text);
        var result = await report.RunAsync(new ReportRequest
        {
            From = query.From, To = query.To, Country = query.Country, Organisation = query.Organisation, By = query.By, Indicator = [query.Indicator!],
            Project = query.Project, Currency = query.Currency,
        }, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        if (!result.Succeeded)
            return result.Errors.ToProblem(text);
        var run = result.Value!;
        if (run.Figures.Count > 1)
            return new[] { new RuleError(nameof(query.Currency), "Reports.Error.SeveralCurrencies") }.ToProblem(text);
        return TypedResults.Ok(new IndicatorRun(run.From, run.To, run.Threshold, run.RoundTo, run.Figures[0], run.Project));
    }

    private static async Task<Results<Ok<IndicatorReportResult>, NotFound, ValidationProblem>> Report(
        [AsParameters] ReportRequest request, IndicatorReport report, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await report.RunAsync(request, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        if (!result.Succeeded)
            return result.Errors.ToProblem(text);
        return TypedResults.Ok(result.Value!);
    }
}
