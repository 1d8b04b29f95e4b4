using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>
/// <c>/api/v1/shelters/facilities/{id}/finance/{year}</c>: a facility's financial sustainability plan, for
/// the shelter managers of the organisation that runs it (a facility of another organisation is 404).
/// </summary>
public static class FinanceApi
{
    public static void MapFinanceApi(this RouteGroupBuilder api)
    {
        // The year and month are plain integers, so an out-of-range one gets a localised 400, not a 404.
        var finance = api.MapGroup("/shelters/facilities/{id:guid}/finance/{year:int}").WithTags("Shelter finance");
        finance.MapGet("", Get).WithName("ShelterFinanceGet").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("The year's plan: budget against actual costs per line, costs by month, funding sources, and computed per month the occupied bed-nights, cost per bed-night, funding (committed / 12) and gap; year totals; a 12-month projection.");
        finance.MapPut("/budget", PutBudget).WithName("ShelterFinanceSetBudget").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Replaces the year's budget lines (category: Staff, Rent, Food, Utilities, Services, Other; amount ≥ 0); a category left out has no budget. Answers the recomputed plan.");
        finance.MapPut("/costs/{month:int}", PutCosts).WithName("ShelterFinanceSetMonthCosts").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Replaces the actual costs of one month (1-12) per category; a category left out has no cost that month. Answers the recomputed plan.");
        finance.MapPost("/funding", AddFunding).WithName("ShelterFinanceAddFunding").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Adds a funding source for the year: kind (Government, Donor, PrivateSector, OwnIncome), funder's name, committed and expected amounts.");
        finance.MapPut("/funding/{fundingId:guid}", ChangeFunding).WithName("ShelterFinanceChangeFunding").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Changes a funding source of the year.");
        finance.MapDelete("/funding/{fundingId:guid}", RemoveFunding).WithName("ShelterFinanceRemoveFunding").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Removes a funding source of the year.");
        finance.MapGet("/export", Export).WithName("ShelterFinanceExport").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("The plan as an XLSX workbook (sheets Budget, Costs by month, Funding, Summary, Projection) in the caller's language.")
            .Produces(StatusCodes.Status200OK, contentType: PlanExport.ContentType);
    }

    private static async Task<Results<Ok<FinancialPlan>, NotFound, ValidationProblem>> Get(
        Guid id, int year, FacilityFinances finances, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await finances.PlanAsync(id, year, ct)).ToOk(text);

    private static async Task<Results<Ok<FinancialPlan>, NotFound, ValidationProblem>> PutBudget(
        Guid id, int year, AmountsInput body, FacilityFinances finances, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await finances.SetBudgetAsync(id, year, body, ct)).ToOk(text);

    private static async Task<Results<Ok<FinancialPlan>, NotFound, ValidationProblem>> PutCosts(
        Guid id, int year, int month, AmountsInput body, FacilityFinances finances, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await finances.SetMonthCostsAsync(id, year, month, body, ct)).ToOk(text);

    private static async Task<Results<Created<FundingSourceView>, NotFound, ValidationProblem>> AddFunding(
        Guid id, int year, FundingInput body, FacilityFinances finances, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await finances.AddFundingAsync(id, year, body, ct)).ToCreated($"/api/v1/shelters/facilities/{id}/finance/{year}", text);

    private static async Task<Results<Ok<FundingSourceView>, NotFound, ValidationProblem>> ChangeFunding(
        Guid id, int year, Guid fundingId, FundingInput body, FacilityFinances finances, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await finances.ChangeFundingAsync(id, year, fundingId, body, ct)).ToOk(text);

    private static async Task<Results<NoContent, NotFound>> RemoveFunding(
        Guid id, int year, Guid fundingId, FacilityFinances finances, CancellationToken ct) =>
        (await finances.RemoveFundingAsync(id, year, fundingId, ct)).Found ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> Export(
        Guid id, int year, FacilityFinances finances, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await finances.ExportAsync(id, year, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        return result.Succeeded ? TypedResults.File(result.Value!.Content, PlanExport.ContentType, result.Value.FileName) : result.Errors.ToProblem(text);
    }
}
