using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Web;

namespace Ura.Platform.Identity;

/// <summary>Authenticates <c>Authorization: Bearer ura_pat_...</c> against the stored token hashes.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UraDbContext db,
    IUserClaimsPrincipalFactory<User> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!PersonalAccessToken.LooksValid(secret))
            return AuthenticateResult.Fail("malformed");

        var now = DateTime.UtcNow;
        var hash = PersonalAccessToken.HashOf(secret);
        var token = await db.PersonalAccessTokens.Include(t => t.User)
            .FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token?.User is not { IsActive: true } user || !token.IsUsableAt(now)
            || (user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow))
            return AuthenticateResult.Fail("invalid");

        // Record use at most once a minute: a busy client must not turn every read into a write.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var principal = await principals.CreateAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(TwoFactorRequirement.MethodClaim, TwoFactorRequirement.TokenMethod));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Problem.InvalidToken");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Problem.Forbidden");
}
