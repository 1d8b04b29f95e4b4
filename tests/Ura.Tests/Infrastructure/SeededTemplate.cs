using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ura.Tests.Infrastructure;

public partial class UraFactory
{
    /// <summary>
    /// One database per test process, migrated and seeded by the application's own start (demo mode,
    /// no cases), with its data directory (key ring, blind-index key) and key-encryption key. Each
    /// <see cref="UraFactory"/> starts from a copy: the data directory's files (the SQLite file among
    /// them), and on PostgreSQL <c>CREATE DATABASE ... TEMPLATE</c>. Its start then finds every
    /// migration applied and the demo data present, as on any restart.
    /// </summary>
    internal static class SeededTemplate
    {
        private sealed record Template(string DataDirectory, string KeyEncryptionKey, string? DatabaseName);

        private static readonly Lazy<Template> Instance = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>Copies the template into <paramref name="dataDirectory"/>; returns the copy's connection string (null for SQLite) and key.</summary>
        public static (string? ConnectionString, string KeyEncryptionKey) CopyInto(string dataDirectory)
        {
            var template = Instance.Value;
            CopyDirectory(template.DataDirectory, dataDirectory);
            return (TestDatabase.Create(template.DatabaseName), template.KeyEncryptionKey);
        }

        private static Template Build()
        {
            var factory = new UraFactory(freshDatabase: true) { keepsDatabase = true };
            string? databaseName = null;
            try
            {
                // Starting the host runs MigrateOnStart: migrations, roles, instruments, taxonomy, demo seed.
                // On the thread pool: blocking an xunit thread on work that continues on xunit's threads could deadlock.
                Task.Run(() => factory.WithDb(async db =>
                {
                    if (db.Database.IsSqlite())
                        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
                })).GetAwaiter().GetResult();
                if (factory.ConnectionString is { } connectionString)
                    databaseName = new NpgsqlConnectionStringBuilder(connectionString).Database;
            }
            finally
            {
                factory.Dispose();
                // Nobody may be connected to a database PostgreSQL copies; SQLite's file must be closed to be copied whole.
                NpgsqlConnection.ClearAllPools();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
            var template = new Template(factory.DataDirectory, factory.KeyEncryptionKey, databaseName);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(template);
            return template;
        }

        private static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
                Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                // SQLite rebuilds the shared-memory index of the write-ahead log on open.
                if (file.EndsWith("-shm", StringComparison.Ordinal))
                    continue;
                File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
            }
        }

        private static void Remove(Template template)
        {
            try
            {
                if (template.DatabaseName is not null)
                    TestDatabase.Drop(new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = template.DatabaseName }.ToString());
                Directory.Delete(template.DataDirectory, recursive: true);
            }
            catch (Exception e) when (e is IOException or NpgsqlException or UnauthorizedAccessException)
            {
                // Left for the temp directory's own cleaning, or the throwaway server's.
            }
        }
    }
}
