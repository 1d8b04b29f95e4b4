using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Admin;

/// <summary>
/// <c>/api/v1/organisations</c> (a directory every signed-in user reads; system admins change it) and
/// <c>/api/v1/users</c> (organisation admins for their own organisation; the system admin for any,
/// chosen with <c>?organisationId=</c>).
/// </summary>
public static class AdminApi
{
    public static void MapAdminApi(this RouteGroupBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Organisations");
        organisations.MapGet("", ListOrganisations).WithName("ListOrganisations");
        organisations.MapGet("/{id:guid}", GetOrganisation).WithName("GetOrganisation");
        organisations.MapPost("", CreateOrganisation).WithName("CreateOrganisation").RequireAuthorization(Policies.SystemAdmin);
        organisations.MapPut("/{id:guid}", ChangeOrganisation).WithName("ChangeOrganisation").RequireAuthorization(Policies.SystemAdmin);

        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.OrganisationAdmin);
        users.MapGet("", ListUsers).WithName("ListUsers");
        users.MapGet("/{id:guid}", GetUser).WithName("GetUser");
        users.MapPost("", CreateUser).WithName("CreateUser");
        users.MapPut("/{id:guid}/roles", ChangeUserRoles).WithName("ChangeUserRoles");
    }

    private static async Task<Ok<Paged<OrganisationSummary>>> ListOrganisations(
        string? country, int? page, OrganisationCommands organisations, CancellationToken ct) =>
        TypedResults.Ok(await organisations.ListAsync(country, page ?? 1, ct));

    private static async Task<Results<Ok<OrganisationSummary>, NotFound>> GetOrganisation(
        Guid id, OrganisationCommands organisations, CancellationToken ct) =>
        await organisations.GetAsync(id, ct) is { } organisation ? TypedResults.Ok(organisation) : TypedResults.NotFound();

    private static async Task<Results<Created<OrganisationSummary>, ValidationProblem>> CreateOrganisation(
        OrganisationInput body, OrganisationCommands organisations, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await organisations.CreateAsync(body, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/organisations/{result.Value!.Id}", result.Value)
            : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<OrganisationSummary>, NotFound, ValidationProblem>> ChangeOrganisation(
        Guid id, OrganisationInput body, OrganisationCommands organisations, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await organisations.ChangeAsync(id, body, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<Paged<UserSummary>>, NotFound>> ListUsers(
        Guid? organisationId, int? page, UserCommands users, CancellationToken ct)
    {
        var organisation = await users.OrganisationInScopeAsync(organisationId, ct);
        if (organisation is null)
            return TypedResults.NotFound();
        return TypedResults.Ok(await users.ListAsync(organisation.Value, page ?? 1, ct));
    }

    private static async Task<Results<Ok<UserSummary>, NotFound>> GetUser(Guid id, UserCommands users, CancellationToken ct) =>
        await users.GetAsync(id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    /// <summary>The answer holds the one-time password; it is not stored anywhere readable.</summary>
    private static async Task<Results<Created<CreatedUser>, NotFound, ValidationProblem>> CreateUser(
        NewUser body, Guid? organisationId, UserCommands users, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await users.CreateAsync(organisationId, body, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/users/{result.Value!.User.Id}", result.Value)
            : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<UserSummary>, NotFound, ValidationProblem>> ChangeUserRoles(
        Guid id, RoleChange body, UserCommands users, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await users.ChangeRolesAsync(id, body.Roles, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.Errors.ToProblem(text);
    }
}
