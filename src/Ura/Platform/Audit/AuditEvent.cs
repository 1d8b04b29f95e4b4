using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ura.Platform.Audit;

/// <summary>
/// One append-only entry of the audit trail. Each entry carries the hash of the one before it,
/// so a deleted, inserted or edited row breaks the chain and <c>ura audit verify</c> finds it.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    /// <summary>Position in the chain: 1, 2, 3... A gap is a missing event.</summary>
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public Guid? OrganisationId { get; set; }

    /// <summary>What happened, as a dotted name: <c>user.create</c>, <c>case.read</c>, <c>auth.signin.failed</c>.</summary>
    public required string Action { get; set; }
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>Extra facts without personal data (for example a changed role name).</summary>
    public string? Detail { get; set; }
    public string? ClientAddress { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 over every field but the hash itself, in a fixed text form.</summary>
    public string ComputeHash()
    {
        var text = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            UserId?.ToString() ?? "",
            OrganisationId?.ToString() ?? "",
            Action,
            EntityType ?? "",
            EntityId ?? "",
            Detail ?? "",
            ClientAddress ?? "",
            PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Both databases keep microseconds; drop the rest so the hash survives a round trip.</summary>
    public static DateTime Truncate(DateTime at) =>
        new(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);
}
