using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Admin;

/// <summary>Creating users, for the admin pages, the API and <c>ura users add</c>.</summary>
public sealed class UserAccounts(UserManager<User> users, AuditLog audit, UraDbContext db)
{
    /// <summary>A random one-time password of 16 characters from an alphabet without look-alikes.</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, alphabet, (span, a) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = a[RandomNumberGenerator.GetInt32(a.Length)];
        });
    }

    /// <summary>
    /// UserManager saves after each step, so the steps share one transaction: the user, its roles and
    /// the audit event are stored together or not at all (an unknown role leaves no user behind).
    /// </summary>
    public async Task<IdentityResult> CreateAsync(string email, string name, Guid organisationId, IReadOnlyList<string> roles, string password, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new User
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            MustChangePassword = true,
            DisplayName = name.Trim(),
            OrganisationId = organisationId,
            CreatedAt = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return created;
        var assigned = await users.AddToRolesAsync(user, roles);
        if (!assigned.Succeeded)
            return assigned;
        audit.Record("user.create", nameof(User), user.Id, "roles=" + string.Join(",", roles), organisationId: organisationId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return IdentityResult.Success;
    }
}
