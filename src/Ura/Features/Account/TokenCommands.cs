using Microsoft.EntityFrameworkCore;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Account;

/// <summary>What the tokens page, the API and <c>ura users token</c> do with tokens. Always scoped to one user.</summary>
public sealed class TokenCommands(UraDbContext db, AuditLog audit)
{
    public Task<List<PersonalAccessToken>> ListAsync(Guid userId, CancellationToken ct) =>
        db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderBy(t => t.RevokedAt != null).ThenByDescending(t => t.CreatedAt)
            .Take(200)
            .ToListAsync(ct);

    /// <summary>Returns the secret; it exists only in this return value.</summary>
    public async Task<string> CreateAsync(Guid userId, string name, int days, CancellationToken ct)
    {
        var (token, secret) = PersonalAccessToken.Issue(userId, name.Trim(), DateTime.UtcNow, TimeSpan.FromDays(days));
        db.PersonalAccessTokens.Add(token);
        audit.Record("token.create", nameof(PersonalAccessToken), token.Id, userId: userId);
        await db.SaveChangesAsync(ct);
        return secret;
    }

    /// <summary>False when the token is not the user's (or does not exist): the caller answers 404.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null)
            return false;
        if (token.RevokedAt is null)
        {
            token.RevokedAt = DateTime.UtcNow;
            audit.Record("token.revoke", nameof(PersonalAccessToken), token.Id, userId: userId);
            await db.SaveChangesAsync(ct);
        }
        return true;
    }
}
