using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Provisions;

/// <summary>
/// <c>/api/v1/provisions</c>: the food and sanitary items an organisation keeps at its places (identification
/// points) and gives to potential victims, with the people served counted by sex and age band. Only the
/// organisation's own identification officers, case workers, supervisors and outreach officers; another
/// organisation's place is 404.
/// </summary>
public static class ProvisionsApi
{
    public static void MapProvisionsApi(this RouteGroupBuilder api)
    {
        var provisions = api.MapGroup("/provisions").WithTags("Field provisions");
        provisions.MapGet("", Overview).WithName("ProvisionsOverview").RequireAuthorization(Policies.FieldProvisions)
            .WithSummary("The organisation's places with the stock of each item (delivered, given, in stock), and for one year (default this year) the number of distributions, the items given and the people served by sex and age band.");
        provisions.MapGet("/distributions", Distributions).WithName("ProvisionsDistributions").RequireAuthorization(Policies.FieldProvisions)
            .WithSummary("Distributions, newest first, 25 a page; filter: point (a place's id).");
        provisions.MapGet("/points/{id:guid}/deliveries", PointDeliveries).WithName("ProvisionsPointDeliveries").RequireAuthorization(Policies.FieldProvisions)
            .WithSummary("One place's deliveries, newest first, 25 a page.");
        provisions.MapGet("/points/{id:guid}/distributions", PointDistributions).WithName("ProvisionsPointDistributions").RequireAuthorization(Policies.FieldProvisions)
            .WithSummary("One place's distributions, newest first, 25 a page.");
        provisions.MapPost("/points", AddPoint).WithName("ProvisionsAddPoint").RequireAuthorization(Policies.FieldProvisions)
            .WithSummary("Adds a place of the caller's organisation; names are unique within the organisation.");
        provisions.MapPost("/points/{id:guid}/deliveries", AddDelivery).WithName("ProvisionsAddDelivery").RequireAuthorization(Policies.FieldProvisions)
            .WithSummary("Records items that arrived at a place: receivedOn (not in the future), item (FoodParcel, DrinkingWater, BabyFood, HygieneKit, SanitaryPads, Diapers, Clothing, Blanket), quantity 1-100000, source.");
        provisions.MapPost("/points/{id:guid}/distributions", AddDistribution).WithName("ProvisionsAddDistribution").RequireAuthorization(Policies.FieldProvisions)
            .WithSummary("Records items given out at a place: givenOn, items as [{item, quantity}] (never more than the place holds), people served as [{sex: Female|Male|OtherOrUnknown, ageBand, people ≥ 0}] (at least one person), notes. No names.");
        provisions.MapDelete("/points/{id:guid}/deliveries/{deliveryId:guid}", RemoveDelivery).WithName("ProvisionsRemoveDelivery").RequireAuthorization(Policies.FieldProvisions)
            .WithSummary("Removes a delivery recorded by mistake, taking its items out of the stock; body {reason} (required, up to 200 characters, no names; kept in the audit trail). Refused while some of its items have been given out (the stock would fall below zero).");
        provisions.MapDelete("/points/{id:guid}/distributions/{distributionId:guid}", RemoveDistribution).WithName("ProvisionsRemoveDistribution").RequireAuthorization(Policies.FieldProvisions)
            .WithSummary("Removes a distribution recorded by mistake, putting its items back into the stock; body {reason} (required, up to 200 characters, no names; kept in the audit trail).");
    }

    private static async Task<Ok<ProvisionOverview>> Overview(int? year, ProvisionCommands provisions, CancellationToken ct) =>
        TypedResults.Ok(await provisions.OverviewAsync(year, ct));

    private static async Task<Ok<Paged<DistributionView>>> Distributions(Guid? point, int? page, ProvisionCommands provisions, CancellationToken ct) =>
        TypedResults.Ok(await provisions.DistributionsAsync(point, page ?? 1, ct));

    private static async Task<Results<Ok<Paged<DeliveryView>>, NotFound>> PointDeliveries(Guid id, int? page, ProvisionCommands provisions, CancellationToken ct) =>
        await provisions.DeliveriesAsync(id, page ?? 1, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Ok<Paged<DistributionView>>, NotFound>> PointDistributions(Guid id, int? page, ProvisionCommands provisions, CancellationToken ct) =>
        await provisions.PointDistributionsAsync(id, page ?? 1, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<PointView>, NotFound, ValidationProblem>> AddPoint(
        PointInput body, ProvisionCommands provisions, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await provisions.AddPointAsync(body, ct);
        return result.ToCreated("/api/v1/provisions", text);
    }

    private static async Task<Results<Created<DeliveryView>, NotFound, ValidationProblem>> AddDelivery(
        Guid id, DeliveryInput body, ProvisionCommands provisions, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await provisions.AddDeliveryAsync(id, body, ct)).ToCreated("/api/v1/provisions", text);

    private static async Task<Results<Created<DistributionView>, NotFound, ValidationProblem>> AddDistribution(
        Guid id, DistributionInput body, ProvisionCommands provisions, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await provisions.AddDistributionAsync(id, body, ct)).ToCreated($"/api/v1/provisions/distributions?point={id}", text);

    // A DELETE body is not read unless asked for; an empty one is a missing reason, answered like any refusal.
    private static async Task<Results<Ok<DeliveryView>, NotFound, ValidationProblem>> RemoveDelivery(
        Guid id, Guid deliveryId, [FromBody] RemovalInput? body, ProvisionCommands provisions, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await provisions.RemoveDeliveryAsync(id, deliveryId, body ?? new(), ct)).ToOk(text);

    private static async Task<Results<Ok<DistributionView>, NotFound, ValidationProblem>> RemoveDistribution(
        Guid id, Guid distributionId, [FromBody] RemovalInput? body, ProvisionCommands provisions, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await provisions.RemoveDistributionAsync(id, distributionId, body ?? new(), ct)).ToOk(text);
}
