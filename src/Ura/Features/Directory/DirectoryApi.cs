using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Directory;

/// <summary>
/// <c>/api/v1/directory</c>: search and read services (any signed-in user), and maintain services,
/// locations and organisation profiles (directory editors, for the organisations in their scope).
/// </summary>
public static class DirectoryApi
{
    public static void MapDirectoryApi(this RouteGroupBuilder api)
    {
        var directory = api.MapGroup("/directory").WithTags("Directory");
        directory.MapGet("/services", Search).WithName("DirectorySearchServices").RequireAuthorization()
            .WithSummary("Searches services by category (code; narrower categories match too), country, city, language, age, minors, gender and words of the name; paged, with hasMore instead of a total.");
        directory.MapGet("/services/{id:guid}", Get).WithName("DirectoryGetService").RequireAuthorization()
            .WithSummary("A service with how to refer, hours, eligibility and locations; a confidential location outside its organisation carries only city, region and country.");
        directory.MapGet("/manage", Managed).WithName("DirectoryListManaged").RequireAuthorization(Policies.DirectoryEditor)
            .WithSummary("The organisations whose entries the caller maintains, with their services and places (cities only).");
        directory.MapPost("/organisations/{organisationId:guid}/services", Create).WithName("DirectoryCreateService").RequireAuthorization(Policies.DirectoryEditor)
            .WithSummary("Adds a service to an organisation the caller maintains; lists (languages, categories, phones, contacts, schedules, areas, costs, documents, locations) are given in full.");
        directory.MapPut("/services/{id:guid}", Change).WithName("DirectoryChangeService").RequireAuthorization(Policies.DirectoryEditor)
            .WithSummary("Replaces a service and everything under it, including its free and total beds for a housing service (beds of a service given by shelter facilities are counted from their rooms and left unchanged).");
        directory.MapPost("/organisations/{organisationId:guid}/locations", CreateLocation).WithName("DirectoryCreateLocation").RequireAuthorization(Policies.DirectoryEditor)
            .WithSummary("Adds a place (physical, postal or virtual) with its address to an organisation the caller maintains.");
        directory.MapGet("/locations/{id:guid}", GetLocation).WithName("DirectoryGetLocation").RequireAuthorization(Policies.DirectoryEditor)
            .WithSummary("A place as its editor changes it, street included; a confidential place only for its own organisation.");
        directory.MapPut("/locations/{id:guid}", ChangeLocation).WithName("DirectoryChangeLocation").RequireAuthorization(Policies.DirectoryEditor)
            .WithSummary("Changes a place; a confidential place only its own organisation may change.");
        directory.MapPut("/organisations/{organisationId:guid}/profile", ChangeProfile).WithName("DirectoryChangeOrganisationProfile").RequireAuthorization(Policies.DirectoryEditor)
            .WithSummary("Changes an organisation's directory profile: description, e-mail, website.");
    }

    private static async Task<Results<Ok<ServicePage>, ValidationProblem>> Search(
        [AsParameters] DirectoryFilter filter, DirectorySearch search, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await search.SearchAsync(filter, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<ServiceView>, NotFound>> Get(Guid id, ServiceProfile profile, CancellationToken ct) =>
        await profile.GetAsync(id, ct) is { } service ? TypedResults.Ok(service) : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<ManagedOrganisation>>> Managed(DirectoryEditing editing, CancellationToken ct) =>
        TypedResults.Ok(await editing.ManagedAsync(ct));

    private static async Task<Results<Created<ServiceView>, NotFound, ValidationProblem>> Create(
        Guid organisationId, ServiceInput body, DirectoryEditing editing, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await editing.CreateServiceAsync(organisationId, body, ct);
        return result.ToCreated($"/api/v1/directory/services/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<ServiceView>, NotFound, ValidationProblem>> Change(
        Guid id, ServiceInput body, DirectoryEditing editing, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await editing.ChangeServiceAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<Created<LocationSummary>, NotFound, ValidationProblem>> CreateLocation(
        Guid organisationId, LocationInput body, DirectoryEditing editing, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await editing.CreateLocationAsync(organisationId, body, ct);
        return result.ToCreated($"/api/v1/directory/locations/{result.Value?.Id}", text);
    }

    private static async Task<Results<Ok<LocationInput>, NotFound>> GetLocation(Guid id, DirectoryEditing editing, CancellationToken ct) =>
        await editing.LocationForEditAsync(id, ct) is { } found ? TypedResults.Ok(found.Input) : TypedResults.NotFound();

    private static async Task<Results<Ok<LocationSummary>, NotFound, ValidationProblem>> ChangeLocation(
        Guid id, LocationInput body, DirectoryEditing editing, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await editing.ChangeLocationAsync(id, body, ct)).ToOk(text);

    private static async Task<Results<Ok<ProfileView>, NotFound, ValidationProblem>> ChangeProfile(
        Guid organisationId, ProfileInput body, DirectoryEditing editing, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await editing.ChangeProfileAsync(organisationId, body, ct)).ToOk(text);
}
