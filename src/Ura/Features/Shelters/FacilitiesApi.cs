using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>
/// <c>/api/v1/shelters/facilities</c>: a shelter organisation's own facilities, their rooms and beds
/// and their standards checklist. Shelter managers only, and only their organisation's facilities
/// (another organisation's answers 404).
/// </summary>
public static class FacilitiesApi
{
    public static void MapFacilitiesApi(this RouteGroupBuilder api)
    {
        var facilities = api.MapGroup("/shelters/facilities").WithTags("Shelters");
        facilities.MapGet("/", List).WithName("SheltersListFacilities").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("The caller's organisation's facilities with their beds by status and the time a bed last changed.");
        facilities.MapGet("/{id:guid}", Get).WithName("SheltersGetFacility").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("A facility of the caller's organisation: type, populations served, rules, service, confidential address, beds by type and status.");
        facilities.MapPost("/", Create).WithName("SheltersCreateFacility").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Adds a facility giving one of the organisation's services; its address becomes a new confidential directory location.");
        facilities.MapPut("/{id:guid}", Change).WithName("SheltersChangeFacility").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Replaces a facility's details and address; it cannot be closed while a bed is occupied or held.");
        facilities.MapGet("/{id:guid}/beds", Beds).WithName("SheltersListBeds").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("The facility's beds by room, with type, status and whether it may be removed.");
        facilities.MapPost("/{id:guid}/beds", AddRoom).WithName("SheltersAddRoom").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Adds a room with 1 to 50 free beds of one type; the service's published bed capacity is recounted.");
        facilities.MapPut("/{id:guid}/beds/{bedId:guid}", ChangeBed).WithName("SheltersChangeBed").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Renames a bed, changes its type, or takes a free bed out of service (inService false) or back; fields left out stay as they are.");
        facilities.MapDelete("/{id:guid}/beds/{bedId:guid}", RemoveBed).WithName("SheltersRemoveBed").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Removes a free or out-of-service bed that never had a resident.");
        facilities.MapGet("/{id:guid}/standards", Standards).WithName("SheltersGetStandards").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("The minimum standards checklist: each standard met, partly met, not met or not assessed (null), with evidence and review date.");
        facilities.MapPut("/{id:guid}/standards", SaveStandards).WithName("SheltersSaveStandards").RequireAuthorization(Policies.ShelterManager)
            .WithSummary("Replaces the checklist; a standard left out or without a level becomes not assessed.");
    }

    private static async Task<Ok<IReadOnlyList<FacilitySummary>>> List(FacilityEditing editing, CancellationToken ct) =>
        TypedResults.Ok(await editing.ListAsync(ct));

    private static async Task<Results<Ok<FacilityView>, NotFound>> Get(Guid id, FacilityEditing editing, CancellationToken ct) =>
        await editing.GetAsync(id, ct) is { } facility ? TypedResults.Ok(facility) : TypedResults.NotFound();

    private static async Task<Results<Created<FacilityView>, NotFound, ValidationProblem>> Create(
        FacilityInput body, FacilityEditing editing, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await editing.CreateAsync(body, ct);
        return result.ToCreated($"/api/v1/shelters/facilities/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<FacilityView>, NotFound, ValidationProblem>> Change(
        Guid id, FacilityInput body, FacilityEditing editing, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await editing.ChangeAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<Ok<IReadOnlyList<BedView>>, NotFound>> Beds(Guid id, RoomsAndBeds beds, CancellationToken ct) =>
        await beds.ListAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<IReadOnlyList<BedView>>, NotFound, ValidationProblem>> AddRoom(
        Guid id, RoomInput body, RoomsAndBeds beds, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await beds.AddRoomAsync(id, body, ct)).ToCreated($"/api/v1/shelters/facilities/{id}/beds", text);

    private static async Task<Results<Ok<BedView>, NotFound, ValidationProblem>> ChangeBed(
        Guid id, Guid bedId, BedChangeInput body, RoomsAndBeds beds, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await beds.ChangeAsync(id, bedId, body, ct)).ToOk(text);

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> RemoveBed(
        Guid id, Guid bedId, RoomsAndBeds beds, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await beds.RemoveAsync(id, bedId, ct);
        return !result.Found ? TypedResults.NotFound() : result.Succeeded ? TypedResults.NoContent() : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<IReadOnlyList<StandardView>>, NotFound>> Standards(Guid id, StandardsChecklist checklist, CancellationToken ct) =>
        await checklist.GetAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<StandardView>>, NotFound, ValidationProblem>> SaveStandards(
        Guid id, List<StandardInput> body, StandardsChecklist checklist, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await checklist.SaveAsync(id, body, ct)).ToOk(text);
}
