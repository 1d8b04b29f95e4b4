using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Data;
using Ura.Platform.Web;

namespace Ura.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database (SQLite file or PostgreSQL database) with the application's own services
/// around it, built but not started: nothing is migrated or seeded until a test does it.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly WebApplication app;

    private readonly bool ownsDatabase;

    private ScratchDatabase(bool postgres, ScratchDatabase? original)
    {
        IsPostgres = postgres;
        ownsDatabase = original is null;
        DataDirectory = original?.DataDirectory ?? Path.Combine(Path.GetTempPath(), "ura-tests", Guid.NewGuid().ToString("N"));
        KeyEncryptionKey = original?.KeyEncryptionKey ?? Ura.Platform.Crypto.KeyEncryptionKey.Generate();
        ConnectionString = original is null ? (postgres ? TestDatabase.Create() : null) : original.ConnectionString;
        var builder = UraApp.CreateBuilder([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ura:DataDirectory"] = DataDirectory,
            ["Ura:Keys:KeyEncryptionKey"] = KeyEncryptionKey,
            ["Ura:Database:Provider"] = postgres ? "Postgres" : "Sqlite",
            ["Ura:Database:ConnectionString"] = ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        app = builder.Build();
    }

    public bool IsPostgres { get; }
    public string DataDirectory { get; }
    public string? ConnectionString { get; }
    public string KeyEncryptionKey { get; }
    public IServiceProvider Services => app.Services;

    /// <summary>SQLite always; PostgreSQL as well when the suite has a server (<c>URA_TEST_POSTGRES</c>).</summary>
    public static TheoryData<string> Providers()
    {
        var providers = new TheoryData<string> { "Sqlite" };
        if (TestDatabase.IsPostgres)
            providers.Add("Postgres");
        return providers;
    }

    public static ScratchDatabase Create(string provider) => new(provider == "Postgres", null);

    /// <summary>Another application over the same data directory, key and database, as after a restart. Disposing it leaves them in place.</summary>
    public ScratchDatabase Reopen() => new(IsPostgres, this);

    public async Task<T> WithDb<T>(Func<UraDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UraDbContext>());
    }

    public Task WithDb(Func<UraDbContext, Task> work) => WithDb(async db => { await work(db); return 0; });

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        if (!ownsDatabase)
            return;
        TestDatabase.Drop(ConnectionString);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp directory's own cleaning.
        }
    }
}
