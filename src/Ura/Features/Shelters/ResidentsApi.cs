using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>
/// <c>/api/v1/shelters/facilities/{id}/residents</c> and <c>.../admissions</c>: a facility's residents for
/// the shelter managers of its organisation. Other roles get 403; another organisation's facility 404.
/// </summary>
public static class ResidentsApi
{
    public static void MapResidentsApi(this RouteGroupBuilder api)
    {
        var facility = api.MapGroup("/shelters/facilities/{id:guid}").WithTags("Shelters");
        facility.MapGet("/residents", List).WithName("ListShelterResidents")
            .WithSummary("The facility's current residents (minimum data only) and a page of past stays with discharge date and destination: the occupancy history.")
            .RequireAuthorization(Policies.ShelterManager);
        facility.MapGet("/residents/{stayId:guid}", Read).WithName("ReadShelterResident")
            .WithSummary("One stay: bed, reference, first name, age band, gender, needs, admission and discharge.")
            .RequireAuthorization(Policies.ShelterManager);
        facility.MapGet("/admissions", Choices).WithName("ShelterAdmissionChoices")
            .WithSummary("Accepted referrals to the facility's service waiting for admission (what was shared, the bed held here) and the free beds.")
            .RequireAuthorization(Policies.ShelterManager);
        facility.MapPost("/admissions", Admit).WithName("AdmitShelterResident")
            .WithSummary("Admits a person to a bed, from an accepted referral (referralId; its held bed is used when bedId is left out) or from a case of the organisation (caseReference).")
            .RequireAuthorization(Policies.ShelterManager);
        facility.MapPost("/residents/{stayId:guid}/move", Move).WithName("MoveShelterResident")
            .WithSummary("Moves a current resident to another free bed of the facility.")
            .RequireAuthorization(Policies.ShelterManager);
        facility.MapPost("/residents/{stayId:guid}/discharge", Discharge).WithName("DischargeShelterResident")
            .WithSummary("Discharges a current resident: date (not before admission, not in the future), destination and an optional note.")
            .RequireAuthorization(Policies.ShelterManager);
    }

    private static async Task<Results<Ok<ResidentsView>, NotFound>> List(Guid id, int? page, ShelterResidents residents, CancellationToken ct) =>
        await residents.ListAsync(id, page ?? 1, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<Results<Ok<ResidentView>, NotFound>> Read(Guid id, Guid stayId, ShelterResidents residents, CancellationToken ct) =>
        await residents.ReadAsync(id, stayId, ct) is { } found ? TypedResults.Ok(found.Resident) : TypedResults.NotFound();

    private static async Task<Results<Ok<AdmissionChoices>, NotFound>> Choices(Guid id, ShelterResidents residents, CancellationToken ct) =>
        await residents.ChoicesAsync(id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<Results<Created<ResidentView>, NotFound, ValidationProblem>> Admit(
        Guid id, AdmissionInput body, ShelterResidents residents, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await residents.AdmitAsync(id, body, ct);
        return result.ToCreated($"/api/v1/shelters/facilities/{id}/residents/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<ResidentView>, NotFound, ValidationProblem>> Move(
        Guid id, Guid stayId, MoveInput body, ShelterResidents residents, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await residents.MoveAsync(id, stayId, body, ct)).ToOk(text);

    private static async Task<Results<Ok<ResidentView>, NotFound, ValidationProblem>> Discharge(
        Guid id, Guid stayId, DischargeInput body, ShelterResidents residents, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await residents.DischargeAsync(id, stayId, body, ct)).ToOk(text);
}
