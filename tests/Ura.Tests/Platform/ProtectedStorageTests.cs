using Microsoft.AspNetCore.DataProtection;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Admin;
using Ura.Platform.Crypto;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Platform;

/// <summary>What an attacker holding a copy of the data directory or the database sees: no keys, no personal data.</summary>
public sealed class ProtectedStorageTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task KeyRing_OnDisk_EveryKeyWrappedByTheKeyEncryptionKey()
    {
        await factory.WithDb(db => db.Users.CountAsync()); // the application has started and used its keys
        var files = Directory.GetFiles(Path.Combine(factory.DataDirectory, "keys"), "*.xml");
        var kek = KeyEncryptionKey.FromBase64(factory.KeyEncryptionKey);

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var key = XDocument.Load(file);
            var all = key.Descendants().ToList();
            Assert.DoesNotContain(all, e => e.Name.LocalName == "masterKey");
            var secret = Assert.Single(all, e => e.Name.LocalName == "encryptedSecret");
            Assert.Contains(nameof(KekXmlDecryptor), (string?)secret.Attribute("decryptorType"), StringComparison.Ordinal);
            var wrapped = Assert.Single(all, e => e.Name.LocalName == "encryptedKey");
            // The only <value> is the wrapped one, and it opens with the operator's key to reveal the master key.
            var value = Assert.Single(all, e => e.Name.LocalName == "value");
            Assert.Same(wrapped, value.Parent);
            var unwrapped = Encoding.UTF8.GetString(kek.Unwrap(Convert.FromBase64String(value.Value), KekXmlEncryptor.Context));
            Assert.Contains("masterKey", unwrapped, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DisplayName_SavedThroughEf_ReadsBackButIsNotStoredInClear()
    {
        var email = Demo.Analyst;
        var secretName = "Marker Name " + Guid.NewGuid().ToString("N");
        var clearPhone = "Marker Phone " + Guid.NewGuid().ToString("N");
        await factory.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.DisplayName = secretName;
            user.PhoneNumber = clearPhone; // not encrypted: proves the raw reads below would see clear text
            await db.SaveChangesAsync();
        });

        var readBack = await factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.DisplayName).SingleAsync());
        var (rawName, rawPhone) = await factory.WithDb(async db =>
            (await db.Database.SqlQuery<string>($"SELECT \"DisplayName\" AS \"Value\" FROM \"AspNetUsers\" WHERE \"Email\" = {email}").SingleAsync(),
             await db.Database.SqlQuery<string>($"SELECT \"PhoneNumber\" AS \"Value\" FROM \"AspNetUsers\" WHERE \"Email\" = {email}").SingleAsync()));
        var protector = factory.Services.GetRequiredService<FieldProtection>().For(FieldClass.StaffName);

        Assert.Equal(secretName, readBack);
        Assert.Equal(clearPhone, rawPhone);
        Assert.DoesNotContain("Marker Name", rawName, StringComparison.Ordinal);
        Assert.Equal(secretName, protector.Unprotect(rawName));
        if (!TestDatabase.IsPostgres)
        {
            var files = DatabaseFileBytes();
            Assert.True(Contains(files, clearPhone), "the clear-text control value should be in the database files");
            Assert.False(Contains(files, secretName), "the encrypted display name was found in clear in the database files");
        }
    }

    [Fact]
    public async Task DemoSeed_DatabaseContents_NoStaffNameOrAuthenticatorKeyInClear()
    {
        var (names, keys) = await factory.WithDb(async db =>
            (await db.Database.SqlQuery<string>($"SELECT \"DisplayName\" AS \"Value\" FROM \"AspNetUsers\"").ToListAsync(),
             await db.Database.SqlQuery<string>($"SELECT \"Value\" FROM \"AspNetUserTokens\" WHERE \"Name\" = 'AuthenticatorKey'").ToListAsync()));

        Assert.NotEmpty(names);
        Assert.DoesNotContain(names, n => n.Contains("Elira Shehu", StringComparison.Ordinal) || n.Contains("Стојановска", StringComparison.Ordinal));
        Assert.NotEmpty(keys);
        Assert.DoesNotContain(keys, k => k.Contains(DemoData.TwoFactorKey, StringComparison.Ordinal));
        if (!TestDatabase.IsPostgres)
        {
            var files = DatabaseFileBytes();
            Assert.False(Contains(files, "Elira Shehu"));
            Assert.False(Contains(files, "Елена Стојановска"));
            Assert.False(Contains(files, DemoData.TwoFactorKey));
        }
    }

    /// <summary>The SQLite database and its write-ahead log, read while the application has them open.</summary>
    private List<byte[]> DatabaseFileBytes()
    {
        var files = new List<byte[]>();
        foreach (var name in new[] { "ura.db", "ura.db-wal" })
        {
            var path = Path.Combine(factory.DataDirectory, name);
            if (!File.Exists(path))
                continue;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add(copy.ToArray());
        }
        Assert.NotEmpty(files);
        return files;
    }

    private static bool Contains(List<byte[]> files, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return files.Any(f => f.AsSpan().IndexOf(needle) >= 0);
    }
}
