using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Crypto;
using Ura.Platform.Data;

namespace Ura.Platform.Federation;

/// <summary>
/// A node's public card, exchanged out of band and pinned by its fingerprint. The fingerprint is
/// SHA-256 over the canonical card without URL (a node may move, its keys identify it).
/// </summary>
public sealed record NodeCard
{
    [JsonPropertyName("v")] public int V { get; init; } = 1;
    [JsonPropertyName("node")] public required string Node { get; init; }
    [JsonPropertyName("country")] public required string Country { get; init; }
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("signingKey")] public required string SigningKey { get; init; }
    [JsonPropertyName("agreementKey")] public required string AgreementKey { get; init; }
    [JsonPropertyName("fingerprint")] public string Fingerprint { get; init; } = "";

    public string ComputeFingerprint() => Convert.ToHexStringLower(SHA256.HashData(Canonical.Utf8(
    [
        new("v", V), new("node", Node), new("country", Country), new("signingKey", SigningKey), new("agreementKey", AgreementKey),
    ])));

    /// <summary>The fingerprint in groups of four, as people compare it on the telephone.</summary>
    public static string Readable(string fingerprint) =>
        string.Join(' ', Enumerable.Range(0, fingerprint.Length / 4).Select(i => fingerprint.Substring(i * 4, 4).ToUpperInvariant()));

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The card, or the reason it cannot be pinned (English, for the command line and logs; pages localise the code).</summary>
    public static (NodeCard? Card, string? Problem) Parse(string json)
    {
        NodeCard? card;
        try
        {
            card = JsonSerializer.Deserialize<NodeCard>(json);
        }
        catch (JsonException)
        {
            return (null, "not_a_card");
        }
        if (card is null || card.V != 1 || !NodeIdentity.IsValidId(card.Node) || card.Country.Length != 2
            || !Uri.TryCreate(card.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            return (null, "not_a_card");
        try
        {
            _ = EnvelopeCrypto.FromPoint(Convert.FromBase64String(card.SigningKey));
            _ = EnvelopeCrypto.FromPoint(Convert.FromBase64String(card.AgreementKey));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return (null, "bad_key");
        }
        return card.Fingerprint == card.ComputeFingerprint() ? (card, null) : (null, "fingerprint_mismatch");
    }
}

/// <summary>This node's loaded keys. One instance per process, read from the database on first use.</summary>
public sealed class LocalNode(string nodeId, string countryCode, string url, ECDsa signer, ECDiffieHellman agreement)
{
    public string NodeId { get; } = nodeId;
    public string CountryCode { get; } = countryCode;
    public string Url { get; } = url;
    public ECDsa Signer { get; } = signer;
    public ECDiffieHellman Agreement { get; } = agreement;

    public NodeCard Card()
    {
        var card = new NodeCard
        {
            Node = NodeId,
            Country = CountryCode,
            Url = Url,
            SigningKey = Convert.ToBase64String(EnvelopeCrypto.PublicPoint(Signer)),
            AgreementKey = Convert.ToBase64String(EnvelopeCrypto.PublicPoint(Agreement)),
        };
        return card with { Fingerprint = card.ComputeFingerprint() };
    }
}

/// <summary>Creates and loads the node identity; the private keys never leave it unwrapped.</summary>
public sealed class NodeIdentity(IServiceScopeFactory scopes, KeyEncryptionKey kek, TimeProvider clock)
{
    private const string SigningContext = "Ura.Federation.SigningKey";
    private const string AgreementContext = "Ura.Federation.AgreementKey";
    private LocalNode? loaded;

    /// <summary>Lower-case letters, digits and hyphens, 2 to 20 characters (for example "al", "xk-tirana").</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: >= 2 and <= 20 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>This node, or null when <c>ura node init</c> has not run (the federation is then off).</summary>
    public async Task<LocalNode?> LoadAsync(CancellationToken ct = default)
    {
        if (loaded is not null)
            return loaded;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UraDbContext>();
        var record = await db.NodeIdentity.AsNoTracking().OrderBy(n => n.NodeId).FirstOrDefaultAsync(ct);
        if (record is null)
            return null;
        var signer = ECDsa.Create();
        signer.ImportPkcs8PrivateKey(kek.Unwrap(record.SigningPrivateKey, SigningContext), out _);
        var agreement = ECDiffieHellman.Create();
        agreement.ImportPkcs8PrivateKey(kek.Unwrap(record.AgreementPrivateKey, AgreementContext), out _);
        return loaded = new LocalNode(record.NodeId, record.CountryCode, record.Url, signer, agreement);
    }

    /// <summary>Creates the node's keys. Refuses when the node already has an identity: peers have pinned it.</summary>
    public async Task<LocalNode> InitAsync(UraDbContext db, string nodeId, string countryCode, string url, CancellationToken ct)
    {
        if (await db.NodeIdentity.AnyAsync(ct))
            throw new InvalidOperationException("This node already has an identity; its peers have pinned its keys. Nothing was changed.");
        using var signer = EnvelopeCrypto.NewSigningKey();
        using var agreement = EnvelopeCrypto.NewAgreementKey();
        db.NodeIdentity.Add(new NodeIdentityRecord
        {
            NodeId = nodeId,
            CountryCode = countryCode,
            Url = url.TrimEnd('/'),
            SigningPublicKey = EnvelopeCrypto.PublicPoint(signer),
            SigningPrivateKey = kek.Wrap(signer.ExportPkcs8PrivateKey(), SigningContext),
            AgreementPublicKey = EnvelopeCrypto.PublicPoint(agreement),
            AgreementPrivateKey = kek.Wrap(agreement.ExportPkcs8PrivateKey(), AgreementContext),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        loaded = null;
        return (await LoadAsync(ct))!;
    }
}
