using System.Security.Cryptography;
using System.Text;
using Ura.Platform.Federation;

namespace Ura.Tests.Federation;

/// <summary>
/// The test vectors of docs/federation.md ("Test vectors"): fixed keys, ephemeral key and nonce give
/// exactly this ciphertext and digest. The same numbers were checked with an independent
/// implementation (Python "cryptography"), so another node can test itself against them.
/// </summary>
public sealed class TestVectorTests
{
    // Private scalars: 32 bytes of 0x01 (sender signing), 0x02 (recipient agreement), 0x03 (ephemeral).
    private const string SenderSigningKey = "BG/wO5SSQc4drdQ1GeaWDgqFtBppoFwygQOqK84VlMoWPE91OlW/AdxT9sCwx+7ni0DG/30lqW4igrmJzvccFEo=";
    private const string RecipientAgreementKey = "BFUPRxAD89+Xw99QaseX9nIfsaH7e49vg9IkSYplyI4kE2CT1wEuUJpzcVy9CwCjzA/0tcAbP/oZarH7MnA2uOY=";
    private const string EphemeralKey = "BFkat3HrvP1tnLkJTRBlKK3Rpp1EwsH2J/CJ7Fi5xhrfn05qvw0EXAxpOjxorXyXynK+ZN70om/s0mPdmKkngPA=";
    private const string SharedSecret = "485b121f6e24068c738723b2150bb60a472d7aa608a250d5a5646a28c5604515";
    private const string ContentKey = "ddd3e6209dbc2e14de46eaf97a9dae5c7d38cbc134ec33f29e9f70e73fc40b6a";
    private const string Ciphertext = "D+fjpRCt1GFp6vkhYnKeDAj9FtfVRNhdS04oBX8Uayw=";
    private const string Signature = "lcdvVPOv6n/IbHT4gyXze6YMyb8NQB+s+s1gju006GtQRYeiWDfKAjTJ1JWxTk2/8YsM6adAStQ/Rp2pm6ThwA==";
    private const string Digest = "eec42b9c91301581b1300c2419598cf4e5a2d1de6e518f3c278b0cc9ea5046d4";
    private const string Payload = "{\"note\":\"hello\"}";

    private const string CanonicalHeader =
        "{\"correlation\":\"0192f5a0-0000-7000-8000-0000000000c0\",\"created\":\"2026-11-23T09:30:00.000Z\","
        + "\"epk\":\"" + EphemeralKey + "\",\"expires\":\"2026-12-07T09:30:00.000Z\",\"id\":\"0192f5a0-0000-7000-8000-000000000001\","
        + "\"recipient\":\"xk\",\"sender\":\"al\",\"sequence\":1,\"type\":\"federation.ping\",\"v\":1}";

    private static ECParameters Scalar(byte b) => new() { Curve = ECCurve.NamedCurves.nistP256, D = Enumerable.Repeat(b, 32).ToArray() };

    private static readonly Envelope Header = new()
    {
        Id = "0192f5a0-0000-7000-8000-000000000001",
        Sender = "al",
        Recipient = "xk",
        Type = "federation.ping",
        Created = "2026-11-23T09:30:00.000Z",
        Expires = "2026-12-07T09:30:00.000Z",
        Correlation = "0192f5a0-0000-7000-8000-0000000000c0",
        Sequence = 1,
        Epk = "",
    };

    private static Envelope Vector() => Header with
    {
        Epk = EphemeralKey,
        Nonce = "AAECAwQFBgcICQoL",
        Ciphertext = Ciphertext,
        Signature = Signature,
    };

    [Fact]
    public void Keys_FixedScalars_GiveTheDocumentedPublicPoints()
    {
        using var signer = ECDsa.Create(Scalar(1));
        using var recipient = ECDiffieHellman.Create(Scalar(2));
        using var ephemeral = ECDiffieHellman.Create(Scalar(3));

        Assert.Equal(SenderSigningKey, Convert.ToBase64String(EnvelopeCrypto.PublicPoint(signer)));
        Assert.Equal(RecipientAgreementKey, Convert.ToBase64String(EnvelopeCrypto.PublicPoint(recipient)));
        Assert.Equal(EphemeralKey, Convert.ToBase64String(EnvelopeCrypto.PublicPoint(ephemeral)));
        var z = ephemeral.DeriveRawSecretAgreement(recipient.PublicKey);
        Assert.Equal(SharedSecret, Convert.ToHexStringLower(z));
        var info = Encoding.ASCII.GetBytes("ura-federation/1").Concat(Convert.FromBase64String(EphemeralKey)).Concat(Convert.FromBase64String(RecipientAgreementKey)).ToArray();
        Assert.Equal(ContentKey, Convert.ToHexStringLower(HKDF.DeriveKey(HashAlgorithmName.SHA256, z, 32, [], info)));
    }

    [Fact]
    public void Seal_FixedEphemeralKeyAndNonce_GivesExactCiphertextAndHeader()
    {
        using var signer = ECDsa.Create(Scalar(1));
        using var ephemeral = ECDiffieHellman.Create(Scalar(3));

        var envelope = EnvelopeCrypto.Seal(Header, Encoding.UTF8.GetBytes(Payload), Convert.FromBase64String(RecipientAgreementKey), signer,
            ephemeral, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

        Assert.Equal(CanonicalHeader, envelope.CanonicalHeader());
        Assert.Equal(Ciphertext, envelope.Ciphertext);
        // ECDSA signatures are randomised: a fresh one differs from the vector but verifies all the same.
        Assert.True(EnvelopeCrypto.VerifySignature(envelope, Convert.FromBase64String(SenderSigningKey)));
    }

    [Fact]
    public void Open_VectorEnvelope_GivesThePayload()
    {
        using var recipient = ECDiffieHellman.Create(Scalar(2));

        var payload = EnvelopeCrypto.Open(Vector(), recipient);

        Assert.Equal(Payload, Encoding.UTF8.GetString(payload!));
        Assert.Equal(Digest, Vector().Digest());
    }

    [Fact]
    public void Open_ChangedHeaderOrCiphertext_GivesNothing()
    {
        using var recipient = ECDiffieHellman.Create(Scalar(2));
        var flipped = Convert.FromBase64String(Ciphertext);
        flipped[0] ^= 1;

        Assert.Null(EnvelopeCrypto.Open(Vector() with { Sequence = 2 }, recipient));
        Assert.Null(EnvelopeCrypto.Open(Vector() with { Type = "federation.pong" }, recipient));
        Assert.Null(EnvelopeCrypto.Open(Vector() with { Ciphertext = Convert.ToBase64String(flipped) }, recipient));
        Assert.Null(EnvelopeCrypto.Open(Vector() with { Nonce = "AAECAwQFBgcICQoM" }, recipient));
        using var stranger = ECDiffieHellman.Create(Scalar(4));
        Assert.Null(EnvelopeCrypto.Open(Vector(), stranger));
    }

    [Fact]
    public void VerifySignature_VectorSignature_Verifies()
    {
        Assert.True(EnvelopeCrypto.VerifySignature(Vector(), Convert.FromBase64String(SenderSigningKey)));
    }

    [Fact]
    public void VerifySignature_ChangedMemberSignatureOrKey_DoesNotVerify()
    {
        var key = Convert.FromBase64String(SenderSigningKey);
        var bad = Convert.FromBase64String(Signature);
        bad[10] ^= 0x80;

        Assert.False(EnvelopeCrypto.VerifySignature(Vector() with { Signature = Convert.ToBase64String(bad) }, key));
        Assert.False(EnvelopeCrypto.VerifySignature(Vector() with { Recipient = "mk" }, key));
        Assert.False(EnvelopeCrypto.VerifySignature(Vector() with { Nonce = "AAECAwQFBgcICQoM" }, key));
        Assert.False(EnvelopeCrypto.VerifySignature(Vector() with { Signature = "not base64!" }, key));
        Assert.False(EnvelopeCrypto.VerifySignature(Vector(), Convert.FromBase64String(RecipientAgreementKey)));
    }

    [Fact]
    public void Canonical_TrickyStrings_SortedByUtf16AndEscapedLikeJcs()
    {
        var json = Canonical.Json(
        [
            new("b", "\u0000\u001f\"\\/\u007f é€😀\t\n\b\f\r"),
            new("a", -5L),
            new("\u00e9", 1),
            new("\ud83d\ude00", "x"),
            new("\ufb33", "y"),
            new("A", "z"),
        ]);

        // Sorted by UTF-16 code units: U+1F600 (D83D DE00) comes before U+FB33; "/" and DEL are not escaped.
        Assert.Equal("{\"A\":\"z\",\"a\":-5,\"b\":\"\\u0000\\u001f\\\"\\\\/\u007f é€😀\\t\\n\\b\\f\\r\",\"é\":1,\"😀\":\"x\",\"\ufb33\":\"y\"}", json);
    }

    [Fact]
    public void Canonical_LoneSurrogate_Refused()
    {
        Assert.Throws<ArgumentException>(() => Canonical.Json([new("a", "\ud800x")]));
        Assert.Throws<ArgumentException>(() => Canonical.Json([new("a", "x\udc00")]));
    }

    [Fact]
    public void Parse_NullMemberOrLoneSurrogate_NotAnEnvelope()
    {
        var json = Vector().ToJson();

        Assert.NotNull(Envelope.Parse(json));
        Assert.Null(Envelope.Parse(json.Replace("\"nonce\":\"AAECAwQFBgcICQoL\"", "\"nonce\":null", StringComparison.Ordinal)));
        Assert.Null(Envelope.Parse(json.Replace("\"sender\":\"al\"", "\"sender\":null", StringComparison.Ordinal)));
        Assert.Null(Envelope.Parse(json.Replace("\"type\":\"federation.ping\"", "\"type\":\"\\ud800\"", StringComparison.Ordinal)));
        Assert.Null(Envelope.Parse(json.Replace("\"sequence\":1", "\"sequence\":0", StringComparison.Ordinal)));
        Assert.Null(Envelope.Parse("[]"));
    }

    [Fact]
    public void NodeCard_Fingerprint_IsSha256OfCanonicalCardWithoutUrl()
    {
        var card = new NodeCard { Node = "al", Country = "AL", Url = "https://ura.al.example", SigningKey = SenderSigningKey, AgreementKey = RecipientAgreementKey };

        Assert.Equal("782ffbaf32fbb9fbdb998adedcc3f230da3d6a6fb4ffdc29dfafce26dbc7cced", card.ComputeFingerprint());
        Assert.Equal(card.ComputeFingerprint(), (card with { Url = "https://elsewhere.example" }).ComputeFingerprint());
        Assert.StartsWith("782F FBAF 32FB", NodeCard.Readable(card.ComputeFingerprint()), StringComparison.Ordinal);
    }
}
