using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Ura.Platform.Crypto;

/// <summary>
/// Keyed HMAC-SHA256 of normalised tokens: lets Ura find "Чела" when someone types "Cela" without
/// storing either. The key lives in the data directory, wrapped by Data Protection.
/// </summary>
public sealed class BlindIndex
{
    private readonly byte[] key;

    public BlindIndex(byte[] key) => this.key = key;

    /// <summary>Hash of one token for a purpose (for example "person.name"); 128 bits, hex.</summary>
    public string Of(string purpose, string token)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\u001f" + TextNormaliser.Normalise(token)));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    /// <summary>Hashes of every normalised word in the text.</summary>
    public IReadOnlyList<string> OfWords(string purpose, string text) =>
        TextNormaliser.Tokens(text).Select(t => Of(purpose, t)).ToList();

    /// <summary>Loads the key from <paramref name="file"/>, creating it on first use.</summary>
    public static BlindIndex Load(string file, IDataProtectionProvider provider)
    {
        var protector = provider.CreateProtector("Ura.BlindIndexKey");
        if (!File.Exists(file))
        {
            var fresh = protector.Protect(RandomNumberGenerator.GetBytes(32));
            try
            {
                using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh)));
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another process created it first; use theirs.
            }
        }
        return new BlindIndex(protector.Unprotect(Convert.FromBase64String(File.ReadAllText(file).Trim())));
    }
}
