using Npgsql;

namespace Ura.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs against. <c>./test.sh</c> runs it twice: once on SQLite files, once
/// with <c>URA_TEST_POSTGRES</c> set to a throwaway PostgreSQL server's connection string.
/// </summary>
public static class TestDatabase
{
    public static string? PostgresServer => Environment.GetEnvironmentVariable("URA_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static bool IsPostgres => PostgresServer is not null;

    public static string Provider => IsPostgres ? "Postgres" : "Sqlite";

    /// <summary>
    /// A fresh database, empty or a copy of <paramref name="template"/> (PostgreSQL's <c>CREATE DATABASE ... TEMPLATE</c>);
    /// returns its connection string (null for SQLite: the data directory's file).
    /// </summary>
    public static string? Create(string? template = null)
    {
        if (PostgresServer is not { } server)
            return null;
        var name = "ura_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public static void Drop(string? connectionString)
    {
        if (PostgresServer is not { } server || connectionString is null)
            return;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
