using System.Security.Cryptography;
using System.Text;

namespace Ura.Platform.Identity;

/// <summary>
/// A bearer token for the API. Only a SHA-256 hash is stored: the token carries 256 random bits,
/// so a slow password hash adds nothing and would cost every API call.
/// </summary>
public sealed class PersonalAccessToken
{
    public const string Prefix = "ura_pat_";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the token, shown in lists so people can tell tokens apart.</summary>
    public required string Hint { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsUsableAt(DateTime now) => RevokedAt is null && ExpiresAt > now;

    /// <summary>Creates a token and returns it with the secret, which is never stored.</summary>
    public static (PersonalAccessToken Token, string Secret) Issue(Guid userId, string name, DateTime now, TimeSpan lifetime)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = name,
            Hint = secret[..(Prefix.Length + 4)],
            Hash = HashOf(secret),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, secret);
    }

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Shape check before any database work: prefix and 43 base64url characters.</summary>
    public static bool LooksValid(string? secret) =>
        secret is { Length: 51 } && secret.StartsWith(Prefix, StringComparison.Ordinal)
        && secret.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
