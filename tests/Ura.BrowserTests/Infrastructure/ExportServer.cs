using System.Globalization;
using Microsoft.Data.Sqlite;
using Ura.Platform;

namespace Ura.BrowserTests.Infrastructure;

/// <summary>
/// A Ura server of its own for the export tests, so that the shared one keeps its settings: 400 invented cases
/// instead of 120 (with 120, about ten Albanian cases may go into the CTDC data set, fewer than k, and the file
/// would be empty), and the export job looking every second instead of every ten.
/// </summary>
public sealed class ExportServer : IAsyncLifetime
{
    /// <summary>The name the export job's lease has in the server's <c>JobLeases</c> table.</summary>
    private const string ExportJob = "exports";
    private const string TestOwner = "browser-test";

    public UraServer Server { get; } = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Ura__DemoCases"] = "400",
            ["Ura__Jobs__ExportInterval"] = "00:00:01",
        },
    };

    /// <summary>The server's k for the CTDC data set: its setting, else Ura's default.</summary>
    public int CtdcK => Server.Settings.TryGetValue("Ura__Reports__CtdcK", out var k)
        ? int.Parse(k, CultureInfo.InvariantCulture)
        : new UraOptions().Reports.CtdcK;

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();

    /// <summary>
    /// Holds the export job's lease, as a second Ura process on the same database would while it runs the job:
    /// the server's own rounds skip, so a run asked for now stays queued (and its progress bar on the page) until
    /// <see cref="ReleaseExportJobAsync"/>. A round already under way is given time to end first.
    /// </summary>
    public async Task HoldExportJobAsync()
    {
        await ExecuteAsync("""
            INSERT INTO "JobLeases" ("Name", "LeaseOwner", "LeasedUntil") VALUES ($name, $owner, '2999-01-01 00:00:00')
            ON CONFLICT ("Name") DO UPDATE SET "LeaseOwner" = excluded."LeaseOwner", "LeasedUntil" = excluded."LeasedUntil"
            """);
        // An empty round takes milliseconds; one that had started just before the lease was taken is over by now.
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    /// <summary>Gives the export job's lease back: the server's next round (within a second) produces the queued runs.</summary>
    public Task ReleaseExportJobAsync() => ExecuteAsync("""
        UPDATE "JobLeases" SET "LeaseOwner" = NULL, "LeasedUntil" = NULL WHERE "Name" = $name AND "LeaseOwner" = $owner
        """);

    private async Task ExecuteAsync(string sql)
    {
        var database = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Server.DataDirectory, "ura.db"),
            DefaultTimeout = 30,
            Pooling = false,
        };
        await using var connection = new SqliteConnection(database.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$name", ExportJob);
        command.Parameters.AddWithValue("$owner", TestOwner);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}

/// <summary>The export tests, on their own server, one at a time, after or before the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class ExportCollection : ICollectionFixture<ExportServer>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser, exports";
}
