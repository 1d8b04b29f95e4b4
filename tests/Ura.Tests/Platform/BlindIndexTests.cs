using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Crypto;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Platform;

public sealed class BlindIndexTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Of_SameNameInAnyScriptOrCase_SameHash()
    {
        var index = new BlindIndex(Key);

        var hash = index.Of("person.name", "Çela");

        Assert.Equal(hash, index.Of("person.name", "Чела"));
        Assert.Equal(hash, index.Of("person.name", "cela"));
        Assert.Matches("^[0-9a-f]{32}$", hash);
    }

    [Fact]
    public void Of_DifferentPurpose_DifferentHash()
    {
        var index = new BlindIndex(Key);

        Assert.NotEqual(index.Of("person.name", "cela"), index.Of("person.alias", "cela"));
    }

    [Fact]
    public void Of_DifferentKey_DifferentHash() =>
        Assert.NotEqual(new BlindIndex(Key).Of("person.name", "cela"), new BlindIndex(RandomNumberGenerator.GetBytes(32)).Of("person.name", "cela"));

    [Fact]
    public void Of_DifferentToken_DifferentHash()
    {
        var index = new BlindIndex(Key);

        Assert.NotEqual(index.Of("person.name", "cela"), index.Of("person.name", "kela"));
    }

    [Fact]
    public void OfWords_FullName_OneHashPerNormalisedWord()
    {
        var index = new BlindIndex(Key);

        Assert.Equal([index.Of("person.name", "gentian"), index.Of("person.name", "cela")], index.OfWords("person.name", "Gentian ÇELA"));
    }

    [Fact]
    public void Load_SecondTime_ReusesTheKeyFileUnchanged()
    {
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "blind-index.key");
        var provider = new EphemeralDataProtectionProvider();

        var first = BlindIndex.Load(file, provider);
        var written = File.ReadAllBytes(file);
        var second = BlindIndex.Load(file, provider);

        Assert.Equal(written, File.ReadAllBytes(file));
        Assert.Equal(first.Of("person.name", "cela"), second.Of("person.name", "cela"));
    }

    [Fact]
    public void Load_TwoNewFiles_DifferentKeys()
    {
        using var directory = new TemporaryDirectory();
        var provider = new EphemeralDataProtectionProvider();

        var a = BlindIndex.Load(Path.Combine(directory.Path, "a.key"), provider);
        var b = BlindIndex.Load(Path.Combine(directory.Path, "b.key"), provider);

        Assert.NotEqual(a.Of("person.name", "cela"), b.Of("person.name", "cela"));
    }

    [Fact]
    public void Load_KeyFileWithAnotherKeyRing_Throws()
    {
        // The file holds the key protected by Data Protection, not the key itself.
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "blind-index.key");
        BlindIndex.Load(file, new EphemeralDataProtectionProvider());

        Assert.ThrowsAny<CryptographicException>(() => BlindIndex.Load(file, new EphemeralDataProtectionProvider()));
    }

    [Fact]
    public async Task AddUraKeys_Application_KeyFileInDataDirectoryCreatedOnceAndReused()
    {
        await using var scratch = ScratchDatabase.Create("Sqlite");
        var file = Path.Combine(scratch.DataDirectory, "blind-index.key");
        Assert.False(File.Exists(file));

        var hash = scratch.Services.GetRequiredService<BlindIndex>().Of("person.name", "cela");
        var written = File.ReadAllBytes(file);
        await using var restarted = scratch.Reopen();
        var again = restarted.Services.GetRequiredService<BlindIndex>().Of("person.name", "cela");

        Assert.Equal(hash, again);
        Assert.Equal(written, File.ReadAllBytes(file));
    }
}
