using System.Net;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Data;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Platform;

/// <summary>
/// The migrations are written by hand (no EF design-time tools here), so nothing but this test keeps
/// them equal to the model. Each case builds two empty databases of one provider: one from the
/// migrations, one from the model (<c>EnsureCreated</c>), then compares what each database's own
/// catalogue says about tables, columns, keys, indexes and foreign keys.
/// </summary>
public sealed class SchemaMatchesModelTests(UraFactory factory) : IClassFixture<UraFactory>
{
    public static TheoryData<string> Providers => ScratchDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrate_EmptyDatabase_SchemaEqualsModel(string provider)
    {
        var (migrated, model) = await BothSchemasAsync(provider, tamperWithMigrated: null);

        var differences = DatabaseSchema.Differences(migrated, "migrations", model, "model");
        Assert.True(differences.Count == 0,
            $"{provider}: the migrated schema differs from the model in {differences.Count} place(s). Fix the migration:\n\n"
            + string.Join("\n\n", differences));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrate_EmptyDatabase_EveryModelTableAndForeignKeyIsRead(string provider)
    {
        // Guards the comparison itself: an empty or partial read would make the test above pass vacuously.
        await using var scratch = ScratchDatabase.Create(provider);
        var (schema, tables, foreignKeys) = await scratch.WithDb(async db =>
        {
            await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
            var entityTypes = db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null).ToList();
            return (await DatabaseSchema.ReadAsync(db.Database.GetDbConnection()),
                entityTypes.Select(e => e.GetTableName()!).Distinct().ToList(),
                entityTypes.SelectMany(e => e.GetForeignKeys()).Count());
        });

        Assert.Equal(tables.Order(StringComparer.Ordinal), schema.Tables);
        Assert.Equal(foreignKeys, schema.Facts.Keys.Count(k => k.Contains(" foreign key (", StringComparison.Ordinal)));
        Assert.Contains(schema.Facts, f => f.Key == "AspNetUsers foreign key (OrganisationId)"
            && f.Value.StartsWith("-> Organisations (Id) on delete RESTRICT", StringComparison.Ordinal));
        Assert.Contains(schema.Facts, f => f.Key == "AuditEvents index IX_AuditEvents_Sequence" && f.Value == "(Sequence) unique");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Compare_MigratedDatabaseWithExtraColumnAndMissingIndex_ReportsBoth(string provider)
    {
        var (migrated, model) = await BothSchemasAsync(provider, async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_PersonalAccessTokens_UserId\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Countries\" ADD \"Extra\" TEXT NULL");
        });

        var differences = DatabaseSchema.Differences(migrated, "migrations", model, "model");

        Assert.Equal(2, differences.Count);
        Assert.StartsWith("Countries.Extra column\n", differences[0], StringComparison.Ordinal);
        Assert.Contains("model:      (missing)", differences[0], StringComparison.Ordinal);
        Assert.StartsWith("PersonalAccessTokens index IX_PersonalAccessTokens_UserId\n", differences[1], StringComparison.Ordinal);
        Assert.Contains("migrations: (missing)", differences[1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrate_EmptyDatabase_NoPendingMigrations(string provider)
    {
        await using var scratch = ScratchDatabase.Create(provider);
        var (all, pendingBefore, pendingAfter, applied) = await scratch.WithDb(async db =>
        {
            var pendingBefore = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
            return (db.Database.GetMigrations().ToList(), pendingBefore,
                (await db.Database.GetPendingMigrationsAsync()).ToList(),
                (await db.Database.GetAppliedMigrationsAsync()).ToList());
        });

        Assert.Contains("20261122000001_Foundation", all);
        Assert.Equal(all, pendingBefore);
        Assert.Empty(pendingAfter);
        Assert.Equal(all, applied);
    }

    [Fact]
    public async Task Ready_MigratedDatabase_Healthy()
    {
        var pending = await factory.WithDb(async db => (await db.Database.GetPendingMigrationsAsync()).Count());
        var response = await factory.Anonymous().GetAsync("/health/ready");

        Assert.Equal(0, pending);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_MigrationNotApplied_Unhealthy()
    {
        await using var app = new UraFactory();
        await app.WithDb(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\""));

        var response = await app.Anonymous().GetAsync("/health/ready");
        var live = await app.Anonymous().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>Two empty databases of one provider: one migrated (then optionally altered), one created from the model.</summary>
    private static async Task<(DatabaseSchema Migrated, DatabaseSchema Model)> BothSchemasAsync(string provider, Func<UraDbContext, Task>? tamperWithMigrated)
    {
        await using var fromMigrations = ScratchDatabase.Create(provider);
        await using var fromModel = ScratchDatabase.Create(provider);
        var migrated = await fromMigrations.WithDb(async db =>
        {
            await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
            if (tamperWithMigrated is not null)
                await tamperWithMigrated(db);
            return await DatabaseSchema.ReadAsync(db.Database.GetDbConnection());
        });
        var model = await fromModel.WithDb(async db =>
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
            return await DatabaseSchema.ReadAsync(db.Database.GetDbConnection());
        });
        return (migrated, model);
    }
}
