using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Ura.Platform.Audit;
using Ura.Platform.Identity;

namespace Ura.Platform.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddUraDatabase(this IServiceCollection services, UraOptions options)
    {
        var connectionString = ConnectionString(options);
        services.AddDbContext<UraDbContext>(db =>
        {
            if (options.Database.IsPostgres)
                db.UseNpgsql(connectionString);
            else
                db.UseSqlite(connectionString);
            db.ReplaceService<IModelCacheKeyFactory, UraModelCacheKeyFactory>();
            db.AddInterceptors(AppendOnlyAuditGuard.Instance);
            // Migrations are hand-written and have no model snapshot; SchemaMatchesModelTests guards drift instead.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        return services;
    }

    public static string ConnectionString(UraOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Database.ConnectionString))
            return options.Database.ConnectionString;
        if (options.Database.IsPostgres)
            throw new InvalidOperationException("Ura__Database__ConnectionString must be set when the provider is Postgres.");
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.FullDataDirectory, "ura.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>
    /// Applies pending migrations, adds any role that is missing and installs the default screening instruments and the service taxonomy. SQLite switches to write-ahead
    /// logging, which persists in the file.
    /// </summary>
    public static async Task MigrateAsync(UraDbContext db, CancellationToken ct)
    {
        await ApplyMigrationsAsync(db, ct);
        var existing = await db.Roles.Select(r => r.Name ?? "").ToListAsync(ct);
        var missing = Roles.All.Except(existing).ToList();
        if (missing.Count > 0)
            await AddRolesAsync(db, missing, ct);
        await Features.Identification.DefaultInstruments.InstallAsync(db, ct);
        await Features.Directory.ServiceTaxonomy.InstallAsync(db, ct);
    }

    private static async Task AddRolesAsync(UraDbContext db, List<string> missing, CancellationToken ct)
    {
        foreach (var role in missing)
            db.Roles.Add(new Role { Name = role, NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process starting at the same moment may have added them first; fine if so.
            db.ChangeTracker.Clear();
            if (await db.Roles.CountAsync(ct) < Roles.All.Count)
                throw;
        }
    }

    private static async Task ApplyMigrationsAsync(UraDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }
        await db.Database.MigrateAsync(ct);
    }
}
