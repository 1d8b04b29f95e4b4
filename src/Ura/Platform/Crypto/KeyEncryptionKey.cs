using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Ura.Platform.Crypto;

/// <summary>
/// The operator's key-encryption key (32 bytes). It wraps the Data Protection key ring at rest, so a
/// copy of the data directory without it reveals nothing. It never touches the database.
/// </summary>
public sealed class KeyEncryptionKey
{
    private readonly byte[] key;

    public KeyEncryptionKey(byte[] key)
    {
        if (key.Length != 32)
            throw new ArgumentException("The key-encryption key must be 32 bytes (44 base64 characters).", nameof(key));
        this.key = key;
    }

    public static KeyEncryptionKey FromBase64(string text)
    {
        try
        {
            return new KeyEncryptionKey(Convert.FromBase64String(text.Trim()));
        }
        catch (FormatException)
        {
            throw new ArgumentException("The key-encryption key is not valid base64.", nameof(text));
        }
    }

    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>AES-256-GCM; output is nonce, tag, ciphertext.</summary>
    public byte[] Wrap(byte[] plaintext, string context)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plaintext.Length];
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plaintext, cipher, tag, Encoding.UTF8.GetBytes(context));
        return [.. nonce, .. tag, .. cipher];
    }

    public byte[] Unwrap(byte[] wrapped, string context)
    {
        if (wrapped.Length < 28)
            throw new CryptographicException("Wrapped key is too short.");
        var plain = new byte[wrapped.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(wrapped.AsSpan(0, 12), wrapped.AsSpan(28), wrapped.AsSpan(12, 16), plain, Encoding.UTF8.GetBytes(context));
        return plain;
    }
}

/// <summary>Encrypts each Data Protection key element with the key-encryption key before it is written to disk.</summary>
public sealed class KekXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    internal const string Context = "Ura.DataProtection.KeyRing";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var wrapped = kek.Wrap(Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)), Context);
        var element = new XElement("encryptedKey",
            new XComment(" Encrypted with Ura's key-encryption key (AES-256-GCM). "),
            new XElement("value", Convert.ToBase64String(wrapped)));
        return new EncryptedXmlInfo(element, typeof(KekXmlDecryptor));
    }
}

/// <summary>Created by Data Protection through its service-provider constructor.</summary>
public sealed class KekXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var kek = services.GetRequiredService<KeyEncryptionKey>();
        var wrapped = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        return XElement.Parse(Encoding.UTF8.GetString(kek.Unwrap(wrapped, KekXmlEncryptor.Context)));
    }
}
