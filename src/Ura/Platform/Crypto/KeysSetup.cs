using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Ura.Platform.Crypto;

public static class KeysSetup
{
    internal const string DemoKeyFile = "demo-key-encryption-key.txt";

    /// <summary>
    /// Registers the key-encryption key, the Data Protection key ring in <c>{data}/keys</c> (wrapped by
    /// that key), field encryption and the blind index.
    /// </summary>
    public static IServiceCollection AddUraKeys(this IServiceCollection services, UraOptions options, ILogger startupLog)
    {
        var kek = ResolveKeyEncryptionKey(options, startupLog);
        services.AddSingleton(kek);
        services.AddDataProtection()
            .SetApplicationName("Ura")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.FullDataDirectory, "keys")));
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<KeyManagementOptions>>(
            sp => new Microsoft.Extensions.Options.ConfigureOptions<KeyManagementOptions>(k => k.XmlEncryptor = new KekXmlEncryptor(kek)));
        services.AddSingleton<FieldProtection>();
        services.AddSingleton(sp => BlindIndex.Load(
            Path.Combine(options.FullDataDirectory, "blind-index.key"), sp.GetRequiredService<IDataProtectionProvider>()));
        return services;
    }

    /// <summary>From configuration, from a file, or (demo only) generated into the data directory.</summary>
    internal static KeyEncryptionKey ResolveKeyEncryptionKey(UraOptions options, ILogger log)
    {
        if (!string.IsNullOrWhiteSpace(options.Keys.KeyEncryptionKey))
            return KeyEncryptionKey.FromBase64(options.Keys.KeyEncryptionKey);
        if (!string.IsNullOrWhiteSpace(options.Keys.KeyEncryptionKeyFile))
            return KeyEncryptionKey.FromBase64(File.ReadAllText(options.Keys.KeyEncryptionKeyFile));

        var demoFile = Path.Combine(options.FullDataDirectory, DemoKeyFile);
        if (!File.Exists(demoFile))
        {
            if (!options.Demo)
                throw new InvalidOperationException(
                    "No key-encryption key. Set Ura__Keys__KeyEncryptionKeyFile to a file holding 32 random bytes in base64 " +
                    "(for example: openssl rand -base64 32 > /etc/ura/kek), or run with --demo to generate a demo key. See docs/configuration.md.");
            Directory.CreateDirectory(options.FullDataDirectory);
            File.WriteAllText(demoFile, KeyEncryptionKey.Generate());
        }
        log.LogWarning("DEMO KEY: the key-encryption key is stored next to the data it protects ({File}). Never use this for real cases.", demoFile);
        return KeyEncryptionKey.FromBase64(File.ReadAllText(demoFile));
    }
}
