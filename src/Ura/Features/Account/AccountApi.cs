using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Authorization;
using Ura.Platform.Data;

namespace Ura.Features.Account;

/// <summary><c>/api/v1/me</c> and <c>/api/v1/tokens</c>.</summary>
public static class AccountApi
{
    public sealed record Me(Guid Id, string Email, string Name, Guid OrganisationId, string OrganisationName, string CountryCode, IReadOnlyList<string> Roles, string Language);

    public sealed record TokenSummary(Guid Id, string Name, string Hint, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    public sealed record NewToken(
        [property: Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong")] string Name,
        [property: Range(1, 365, ErrorMessage = "Validation.Invalid")] int Days = 90);

    public sealed record CreatedToken(Guid Id, string Name, string Token, DateTime ExpiresAt);

    public static void MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithName("GetMe").WithTags("Account");
        api.MapGet("/tokens", ListTokens).WithName("ListTokens").WithTags("Account");
        api.MapPost("/tokens", CreateToken).WithName("CreateToken").WithTags("Account");
        api.MapDelete("/tokens/{id:guid}", RevokeToken).WithName("RevokeToken").WithTags("Account");
    }

    private static async Task<Results<Ok<Me>, NotFound>> GetMe(CurrentUser current, UraDbContext db, CancellationToken ct)
    {
        var id = current.RequiredId;
        var me = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.OrganisationId, Organisation = u.Organisation!.Name, u.Organisation.CountryCode, u.PreferredLanguage })
            .FirstOrDefaultAsync(ct);
        if (me is null)
            return TypedResults.NotFound();
        var roles = await db.UserRoles.Where(r => r.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .OrderBy(n => n).ToListAsync(ct);
        return TypedResults.Ok(new Me(me.Id, me.Email ?? "", me.DisplayName, me.OrganisationId, me.Organisation, me.CountryCode, roles, me.PreferredLanguage));
    }

    private static async Task<Ok<List<TokenSummary>>> ListTokens(CurrentUser current, TokenCommands commands, CancellationToken ct) =>
        TypedResults.Ok((await commands.ListAsync(current.RequiredId, ct))
            .Select(t => new TokenSummary(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToList());

    private static async Task<Created<CreatedToken>> CreateToken(NewToken body, CurrentUser current, TokenCommands commands, UraDbContext db, CancellationToken ct)
    {
        var secret = await commands.CreateAsync(current.RequiredId, body.Name, body.Days, ct);
        var token = await db.PersonalAccessTokens.AsNoTracking().FirstAsync(t => t.Hash == Platform.Identity.PersonalAccessToken.HashOf(secret), ct);
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", new CreatedToken(token.Id, token.Name, secret, token.ExpiresAt));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeToken(Guid id, CurrentUser current, TokenCommands commands, CancellationToken ct) =>
        await commands.RevokeAsync(current.RequiredId, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
