using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Awareness.Campaigns;

/// <summary>
/// <c>/api/v1/awareness/campaigns</c>: outreach officers record their organisation's campaigns, activities
/// and materials, and correct or remove activities and materials recorded by mistake; outreach officers,
/// national coordinators (their country) and analysts read them.
/// A campaign out of the caller's sight is 404.
/// </summary>
public static class CampaignsApi
{
    public static void MapCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/awareness/campaigns").WithTags("Awareness campaigns");
        campaigns.MapGet("", List).WithName("CampaignsList").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("Campaigns the caller may read, newest first, with activities and people reached; filters: country (ISO code), year (campaigns running at some time that year).");
        campaigns.MapGet("/{id:guid}", Get).WithName("CampaignGet").RequireAuthorization(Policies.ProgrammeReader)
            .WithSummary("One campaign: objective, target groups, channels, period, partners, budget, activities with people reached by sex and age band, reach totals, materials, knowledge survey with the change in percentage points.");
        campaigns.MapPost("", Create).WithName("CampaignCreate").RequireAuthorization(Policies.Outreach)
            .WithSummary("Records a campaign of the caller's organisation. Target groups and channels are names from the fixed lists; the period must not end before it starts; budget amount ≥ 0 with a three-letter currency; survey scores 0-100.");
        campaigns.MapPut("/{id:guid}", Change).WithName("CampaignChange").RequireAuthorization(Policies.Outreach)
            .WithSummary("Changes a campaign of the caller's organisation; the period must still hold every recorded activity.");
        campaigns.MapPost("/{id:guid}/activities", AddActivity).WithName("CampaignAddActivity").RequireAuthorization(Policies.Outreach)
            .WithSummary("Records an activity: day within the campaign's period, place, channel, people reached as [{sex: Female|Male|OtherOrUnknown, ageBand, people ≥ 0}], notes.");
        campaigns.MapPost("/{id:guid}/materials", AddMaterial).WithName("CampaignAddMaterial").RequireAuthorization(Policies.Outreach)
            .WithSummary("Records material produced: title, kind (Leaflet, Poster, Booklet, Video, RadioSpot, SocialMediaPost, Other), quantity ≥ 0, language (sq, mk, sr, bs, en, rom, tr).");
        campaigns.MapPut("/{id:guid}/activities/{activityId:guid}", ChangeActivity).WithName("CampaignChangeActivity").RequireAuthorization(Policies.Outreach)
            .WithSummary("Corrects a recorded activity, with the same body and rules as recording it; the people reached sent replace the ones stored (a group left out reached nobody).");
        campaigns.MapDelete("/{id:guid}/activities/{activityId:guid}", RemoveActivity).WithName("CampaignRemoveActivity").RequireAuthorization(Policies.Outreach)
            .WithSummary("Removes an activity recorded by mistake, with the people it reached; the campaign's totals no longer count them.");
        campaigns.MapPut("/{id:guid}/materials/{materialId:guid}", ChangeMaterial).WithName("CampaignChangeMaterial").RequireAuthorization(Policies.Outreach)
            .WithSummary("Corrects a recorded material, with the same body and rules as recording it.");
        campaigns.MapDelete("/{id:guid}/materials/{materialId:guid}", RemoveMaterial).WithName("CampaignRemoveMaterial").RequireAuthorization(Policies.Outreach)
            .WithSummary("Removes a material recorded by mistake.");
    }

    private static async Task<Ok<List<CampaignSummary>>> List(string? country, int? year, CampaignCommands campaigns, CancellationToken ct) =>
        TypedResults.Ok(await campaigns.ListAsync(country, year, ct));

    private static async Task<Results<Ok<CampaignView>, NotFound>> Get(Guid id, CampaignCommands campaigns, CancellationToken ct) =>
        await campaigns.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Created<CampaignView>, NotFound, ValidationProblem>> Create(
        CampaignInput body, CampaignCommands campaigns, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await campaigns.CreateAsync(body, ct);
        return result.ToCreated($"/api/v1/awareness/campaigns/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<CampaignView>, NotFound, ValidationProblem>> Change(
        Guid id, CampaignInput body, CampaignCommands campaigns, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await campaigns.ChangeAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<Created<ActivityView>, NotFound, ValidationProblem>> AddActivity(
        Guid id, ActivityInput body, CampaignCommands campaigns, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await campaigns.AddActivityAsync(id, body, ct)).ToCreated($"/api/v1/awareness/campaigns/{id}", text);

    private static async Task<Results<Created<MaterialView>, NotFound, ValidationProblem>> AddMaterial(
        Guid id, MaterialInput body, CampaignCommands campaigns, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await campaigns.AddMaterialAsync(id, body, ct)).ToCreated($"/api/v1/awareness/campaigns/{id}", text);

    private static async Task<Results<Ok<ActivityView>, NotFound, ValidationProblem>> ChangeActivity(
        Guid id, Guid activityId, ActivityInput body, CampaignCommands campaigns, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await campaigns.ChangeActivityAsync(id, activityId, body, ct)).ToOk(text);

    private static async Task<Results<NoContent, NotFound>> RemoveActivity(Guid id, Guid activityId, CampaignCommands campaigns, CancellationToken ct) =>
        (await campaigns.RemoveActivityAsync(id, activityId, ct)).Found ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<MaterialView>, NotFound, ValidationProblem>> ChangeMaterial(
        Guid id, Guid materialId, MaterialInput body, CampaignCommands campaigns, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await campaigns.ChangeMaterialAsync(id, materialId, body, ct)).ToOk(text);

    private static async Task<Results<NoContent, NotFound>> RemoveMaterial(Guid id, Guid materialId, CampaignCommands campaigns, CancellationToken ct) =>
        (await campaigns.RemoveMaterialAsync(id, materialId, ct)).Found ? TypedResults.NoContent() : TypedResults.NotFound();
}
