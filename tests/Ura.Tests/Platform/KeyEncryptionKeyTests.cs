using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Crypto;

namespace Ura.Tests.Platform;

public sealed class KeyEncryptionKeyTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("<masterKey><value>c2VjcmV0IGtleSBtYXRlcmlhbA==</value></masterKey>");

    private static KeyEncryptionKey NewKey() => KeyEncryptionKey.FromBase64(KeyEncryptionKey.Generate());

    [Fact]
    public void Unwrap_WrappedWithSameKeyAndContext_ReturnsPlaintext()
    {
        var kek = NewKey();

        var wrapped = kek.Wrap(Secret, "test");

        Assert.Equal(Secret, kek.Unwrap(wrapped, "test"));
        Assert.Equal(Secret.Length + 28, wrapped.Length);
    }

    [Fact]
    public void Wrap_SamePlaintextTwice_DifferentOutput()
    {
        var kek = NewKey();

        Assert.NotEqual(kek.Wrap(Secret, "test"), kek.Wrap(Secret, "test"));
    }

    [Fact]
    public void Unwrap_WrongKey_Throws()
    {
        var wrapped = NewKey().Wrap(Secret, "test");

        Assert.ThrowsAny<CryptographicException>(() => NewKey().Unwrap(wrapped, "test"));
    }

    [Fact]
    public void Unwrap_WrongContext_Throws()
    {
        var kek = NewKey();
        var wrapped = kek.Wrap(Secret, "test");

        Assert.ThrowsAny<CryptographicException>(() => kek.Unwrap(wrapped, "other"));
    }

    [Theory]
    [InlineData(0)] // nonce
    [InlineData(12)] // tag
    [InlineData(28)] // ciphertext
    public void Unwrap_OneByteFlipped_Throws(int position)
    {
        var kek = NewKey();
        var wrapped = kek.Wrap(Secret, "test");
        wrapped[position] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => kek.Unwrap(wrapped, "test"));
    }

    [Fact]
    public void Unwrap_ShorterThanNonceAndTag_Throws() =>
        Assert.ThrowsAny<CryptographicException>(() => NewKey().Unwrap(new byte[27], "test"));

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Constructor_KeyNot32Bytes_Rejected(int length) =>
        Assert.Throws<ArgumentException>(() => new KeyEncryptionKey(new byte[length]));

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")] // 31 bytes
    public void FromBase64_NotA32ByteKey_Rejected(string text) =>
        Assert.Throws<ArgumentException>(() => KeyEncryptionKey.FromBase64(text));

    [Fact]
    public void FromBase64_KeyFileWithTrailingNewline_Accepted()
    {
        // What `openssl rand -base64 32 > kek` writes.
        var text = KeyEncryptionKey.Generate();
        var fromFile = KeyEncryptionKey.FromBase64(text + "\n");

        Assert.Equal(Secret, fromFile.Unwrap(KeyEncryptionKey.FromBase64(text).Wrap(Secret, "test"), "test"));
    }

    [Fact]
    public void KekXmlDecryptor_ElementEncryptedByKekXmlEncryptor_RoundTripsWithoutPlaintextOnDisk()
    {
        var kek = NewKey();
        var plaintext = XElement.Parse("<masterKey><value>c2VjcmV0IGtleSBtYXRlcmlhbA==</value></masterKey>");

        var encrypted = new KekXmlEncryptor(kek).Encrypt(plaintext);
        var services = new ServiceCollection().AddSingleton(kek).BuildServiceProvider();
        var decrypted = new KekXmlDecryptor(services).Decrypt(encrypted.EncryptedElement);

        Assert.Equal(typeof(KekXmlDecryptor), encrypted.DecryptorType);
        Assert.Equal("encryptedKey", encrypted.EncryptedElement.Name.LocalName);
        Assert.DoesNotContain("c2VjcmV0", encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.True(XNode.DeepEquals(plaintext, decrypted));
    }

    [Fact]
    public void KekXmlDecryptor_OtherKey_Throws()
    {
        var encrypted = new KekXmlEncryptor(NewKey()).Encrypt(new XElement("masterKey", "x"));
        var services = new ServiceCollection().AddSingleton(NewKey()).BuildServiceProvider();

        Assert.ThrowsAny<CryptographicException>(() => new KekXmlDecryptor(services).Decrypt(encrypted.EncryptedElement));
    }
}
