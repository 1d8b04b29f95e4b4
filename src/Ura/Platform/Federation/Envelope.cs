using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ura.Platform.Federation;

/// <summary>
/// One federation message on the wire (docs/federation.md, "Envelope"). The header travels in clear
/// and is the associated data of the payload's encryption; the signature covers every other member.
/// </summary>
public sealed record Envelope
{
    public const int Version = 1;

    [JsonPropertyName("v")] public int V { get; init; } = Version;
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("sender")] public required string Sender { get; init; }
    [JsonPropertyName("recipient")] public required string Recipient { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("created")] public required string Created { get; init; }
    [JsonPropertyName("expires")] public required string Expires { get; init; }
    [JsonPropertyName("correlation")] public required string Correlation { get; init; }
    [JsonPropertyName("sequence")] public long Sequence { get; init; }

    /// <summary>The sender's ephemeral ECDH P-256 public key, uncompressed point, base64.</summary>
    [JsonPropertyName("epk")] public required string Epk { get; init; }
    [JsonPropertyName("nonce")] public string Nonce { get; init; } = "";

    /// <summary>AES-256-GCM ciphertext followed by its 16-byte tag, base64.</summary>
    [JsonPropertyName("ciphertext")] public string Ciphertext { get; init; } = "";

    /// <summary>ECDSA P-256 with SHA-256 over the canonical signed members, r||s (64 bytes), base64.</summary>
    [JsonPropertyName("signature")] public string Signature { get; init; } = "";

    public IEnumerable<KeyValuePair<string, object>> HeaderMembers() =>
    [
        new("v", V), new("id", Id), new("sender", Sender), new("recipient", Recipient), new("type", Type),
        new("created", Created), new("expires", Expires), new("correlation", Correlation), new("sequence", Sequence), new("epk", Epk),
    ];

    public IEnumerable<KeyValuePair<string, object>> SignedMembers() =>
        [.. HeaderMembers(), new("nonce", Nonce), new("ciphertext", Ciphertext)];

    /// <summary>The associated data of the payload encryption.</summary>
    public string CanonicalHeader() => Canonical.Json(HeaderMembers());

    /// <summary>What the sender signs.</summary>
    public string CanonicalSigned() => Canonical.Json(SignedMembers());

    /// <summary>SHA-256 (hex) of every member including the signature: equal only for the very same envelope.</summary>
    public string Digest() => Convert.ToHexStringLower(SHA256.HashData(Canonical.Utf8([.. SignedMembers(), new("signature", Signature)])));

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Null when the text is not an envelope of this version with every member present.</summary>
    public static Envelope? Parse(string json)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(json);
            // "required" only demands that a member is present: a null one would break canonicalisation later.
            return envelope is { V: Version } && envelope.SignedMembers().All(m => m.Value is not null) && envelope.Signature is not null
                && Guid.TryParse(envelope.Id, out _) && Guid.TryParse(envelope.Correlation, out _)
                && Time(envelope.Created) is not null && Time(envelope.Expires) is not null && envelope.Sequence > 0
                && envelope.Digest().Length > 0
                ? envelope : null;
        }
        // Digest() throws ArgumentException for a string without a canonical form (a lone surrogate).
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Times are UTC, RFC 3339 with milliseconds: 2026-11-23T09:30:00.000Z.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static DateTime? Time(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}

/// <summary>
/// The envelope's cryptography (docs/federation.md, "Encryption" and "Signature"):
/// Z = ECDH(ephemeral private, recipient agreement public), the x coordinate (32 bytes);
/// key = HKDF-SHA256(IKM = Z, salt = none, info = "ura-federation/1" || epk || recipient agreement public key), 32 bytes;
/// AES-256-GCM with a random 12-byte nonce and the canonical header as associated data.
/// </summary>
public static class EnvelopeCrypto
{
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("ura-federation/1");

    public static ECDiffieHellman NewAgreementKey() => ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public static ECDsa NewSigningKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>0x04 || X || Y, 65 bytes.</summary>
    public static byte[] PublicPoint(AsymmetricAlgorithm key)
    {
        var q = key switch
        {
            ECDiffieHellman d => d.ExportParameters(false).Q,
            ECDsa s => s.ExportParameters(false).Q,
            _ => throw new ArgumentException("Not an elliptic curve key.", nameof(key)),
        };
        return [0x04, .. q.X!, .. q.Y!];
    }

    public static ECParameters FromPoint(byte[] point)
    {
        if (point.Length != 65 || point[0] != 0x04)
            throw new CryptographicException("A public key must be an uncompressed P-256 point (65 bytes).");
        return new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } };
    }

    /// <summary>
    /// Builds the envelope for <paramref name="payload"/>, encrypted for <paramref name="recipientAgreementKey"/> and signed.
    /// <paramref name="ephemeral"/> and <paramref name="nonce"/> are fixed only by the test vectors.
    /// </summary>
    public static Envelope Seal(Envelope header, byte[] payload, byte[] recipientAgreementKey, ECDsa signer,
        ECDiffieHellman? ephemeral = null, byte[]? nonce = null)
    {
        using var ownEphemeral = ephemeral is null ? NewAgreementKey() : null;
        var eph = ephemeral ?? ownEphemeral!;
        var epk = PublicPoint(eph);
        var withKey = header with { Epk = Convert.ToBase64String(epk) };
        var key = DeriveKey(eph, recipientAgreementKey, epk);
        nonce ??= RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[payload.Length + 16];
        using (var aes = new AesGcm(key, 16))
            aes.Encrypt(nonce, payload, cipher.AsSpan(0, payload.Length), cipher.AsSpan(payload.Length), Encoding.UTF8.GetBytes(withKey.CanonicalHeader()));
        var sealedEnvelope = withKey with { Nonce = Convert.ToBase64String(nonce), Ciphertext = Convert.ToBase64String(cipher) };
        return sealedEnvelope with { Signature = Convert.ToBase64String(Sign(signer, sealedEnvelope.CanonicalSigned())) };
    }

    /// <summary>The payload, or null when the ciphertext, nonce, key or header do not match (tampering or the wrong recipient key).</summary>
    public static byte[]? Open(Envelope envelope, ECDiffieHellman recipient)
    {
        try
        {
            var epk = Convert.FromBase64String(envelope.Epk);
            var nonce = Convert.FromBase64String(envelope.Nonce);
            var cipher = Convert.FromBase64String(envelope.Ciphertext);
            if (nonce.Length != 12 || cipher.Length < 16)
                return null;
            using var ephemeral = ECDiffieHellman.Create(FromPoint(epk));
            var key = Hkdf(recipient.DeriveRawSecretAgreement(ephemeral.PublicKey), epk, PublicPoint(recipient));
            var plain = new byte[cipher.Length - 16];
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(nonce, cipher.AsSpan(0, plain.Length), cipher.AsSpan(plain.Length), plain, Encoding.UTF8.GetBytes(envelope.CanonicalHeader()));
            return plain;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    public static bool VerifySignature(Envelope envelope, byte[] senderSigningKey) =>
        Verify(senderSigningKey, envelope.CanonicalSigned(), envelope.Signature);

    public static bool VerifySignature(Envelope envelope, ECDsa senderSigningKey) =>
        Verify(senderSigningKey, envelope.CanonicalSigned(), envelope.Signature);

    public static byte[] Sign(ECDsa signer, string canonical) =>
        signer.SignData(Encoding.UTF8.GetBytes(canonical), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public static bool Verify(byte[] signingKey, string canonical, string signature)
    {
        try
        {
            using var key = ECDsa.Create(FromPoint(signingKey));
            return Verify(key, canonical, signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static bool Verify(ECDsa signingKey, string canonical, string signature)
    {
        try
        {
            var bytes = Convert.FromBase64String(signature);
            return bytes.Length == 64 && signingKey.VerifyData(Encoding.UTF8.GetBytes(canonical), bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
    }

    /// <summary>Sender side: ephemeral private with the recipient's public key.</summary>
    private static byte[] DeriveKey(ECDiffieHellman ephemeral, byte[] recipientPoint, byte[] epk)
    {
        using var recipient = ECDiffieHellman.Create(FromPoint(recipientPoint));
        return Hkdf(ephemeral.DeriveRawSecretAgreement(recipient.PublicKey), epk, recipientPoint);
    }

    private static byte[] Hkdf(byte[] sharedSecret, byte[] epk, byte[] recipientPoint) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, salt: [], info: [.. Info, .. epk, .. recipientPoint]);
}
