using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Ura.Tests.Infrastructure;

/// <summary>
/// A database's schema as read back from its own catalogue (SQLite: <c>sqlite_master</c> and the
/// <c>pragma</c> functions; PostgreSQL: <c>information_schema</c> and <c>pg_index</c>), flattened to
/// one line per fact so two schemas compare as dictionaries and differ in readable lines.
/// EF's own bookkeeping tables (<c>__EFMigrationsHistory</c>, <c>__EFMigrationsLock</c>) are left out.
/// </summary>
public sealed partial class DatabaseSchema
{
    /// <summary>Fact name (for example <c>AspNetUsers.Email column</c>) to its description.</summary>
    public SortedDictionary<string, string> Facts { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Tables => Facts.Where(f => f.Value == "table").Select(f => f.Key);

    public static async Task<DatabaseSchema> ReadAsync(DbConnection connection)
    {
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync();
        try
        {
            var schema = new DatabaseSchema();
            if (connection is SqliteConnection)
                await schema.ReadSqliteAsync(connection);
            else
                await schema.ReadPostgresAsync(connection);
            return schema;
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
        }
    }

    /// <summary>Every fact that is missing from one side or described differently, one block per fact.</summary>
    public static IReadOnlyList<string> Differences(DatabaseSchema left, string leftName, DatabaseSchema right, string rightName)
    {
        var width = Math.Max(leftName.Length, rightName.Length) + 1;
        var differences = new List<string>();
        foreach (var key in left.Facts.Keys.Union(right.Facts.Keys).Order(StringComparer.Ordinal))
        {
            var a = left.Facts.GetValueOrDefault(key);
            var b = right.Facts.GetValueOrDefault(key);
            if (a == b)
                continue;
            differences.Add($"{key}\n      {(leftName + ":").PadRight(width)} {a ?? "(missing)"}\n      {(rightName + ":").PadRight(width)} {b ?? "(missing)"}");
        }
        return differences;
    }

    private static bool IsEfBookkeeping(string table) => table.StartsWith("__EFMigrations", StringComparison.Ordinal);

    private void Add(string key, string description)
    {
        if (!Facts.TryAdd(key, description))
            Facts[key] += " | " + description;
    }

    // ---- SQLite ---------------------------------------------------------------------------------

    private async Task ReadSqliteAsync(DbConnection connection)
    {
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        foreach (var row in tables)
        {
            var table = (string)row[0]!;
            if (IsEfBookkeeping(table))
                continue;
            var sql = (string)row[1]!;
            Add(table, "table");

            var primaryKey = new SortedDictionary<long, string>();
            foreach (var column in await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
            {
                var name = (string)column[0]!;
                var autoincrement = Regex.IsMatch(sql, $"\"{Regex.Escape(name)}\"[^,]*\\bAUTOINCREMENT\\b", RegexOptions.IgnoreCase);
                Add($"{table}.{name} column", Column((string)column[1]!, (long)column[2]! == 0, column[3] as string,
                    autoincrement ? "autoincrement" : null));
                if ((long)column[4]! > 0)
                    primaryKey[(long)column[4]!] = name;
            }
            if (primaryKey.Count > 0)
            {
                var pkName = PrimaryKeyName().Match(sql) is { Success: true } m ? m.Groups[1].Value : "(unnamed)";
                Add($"{table} primary key", $"{pkName} ({string.Join(", ", primaryKey.Values)})");
            }

            foreach (var index in await QueryAsync(connection, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')"))
            {
                var name = (string)index[0]!;
                if ((string)index[2]! == "pk")
                    continue;
                var columns = (await QueryAsync(connection, $"SELECT name, \"desc\" FROM pragma_index_xinfo('{name}') WHERE key = 1 ORDER BY seqno"))
                    .Select(c => (c[0] as string ?? "(expression)") + ((long)c[1]! == 1 ? " DESC" : ""));
                string? filter = null;
                if ((long)index[3]! == 1)
                {
                    var indexSql = (string?)(await QueryAsync(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{name}'")).Single()[0] ?? "";
                    filter = indexSql[(indexSql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) + 7)..].Trim();
                }
                Add($"{table} index {name}", Index(columns, (long)index[1]! == 1, filter, null, null));
            }

            var keys = await QueryAsync(connection, $"SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}') ORDER BY id, seq");
            foreach (var key in keys.GroupBy(k => (long)k[0]!))
            {
                var from = string.Join(", ", key.Select(k => (string)k[3]!));
                var to = string.Join(", ", key.Select(k => k[4] as string ?? "(primary key)"));
                var first = key.First();
                Add($"{table} foreign key ({from})", ForeignKey(null, (string)first[2]!, to, (string)first[6]!, (string)first[5]!));
            }

            foreach (var (name, expression) in CheckConstraints(sql))
                Add($"{table} check {name}", expression);
        }
    }

    /// <summary>SQLite keeps check constraints only in the table's SQL: find each named one and its balanced expression.</summary>
    private static IEnumerable<(string Name, string Expression)> CheckConstraints(string sql)
    {
        foreach (Match m in CheckConstraint().Matches(sql))
        {
            var start = m.Index + m.Length;
            var depth = 1;
            var i = start;
            for (; i < sql.Length && depth > 0; i++)
                depth += sql[i] switch { '(' => 1, ')' => -1, _ => 0 };
            yield return (m.Groups[1].Value, sql[start..(i - 1)].Trim());
        }
    }

    [GeneratedRegex("CONSTRAINT \"([^\"]+)\" PRIMARY KEY", RegexOptions.IgnoreCase)]
    private static partial Regex PrimaryKeyName();

    [GeneratedRegex("CONSTRAINT \"([^\"]+)\" CHECK \\(", RegexOptions.IgnoreCase)]
    private static partial Regex CheckConstraint();

    // ---- PostgreSQL -----------------------------------------------------------------------------

    private const string UserSchemas = "NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";

    private static string Qualified(string schema, string table) => schema == "public" ? table : schema + "." + table;

    private async Task ReadPostgresAsync(DbConnection connection)
    {
        foreach (var row in await QueryAsync(connection,
                     $"SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema {UserSchemas}"))
        {
            if (!IsEfBookkeeping((string)row[1]!))
                Add(Qualified((string)row[0]!, (string)row[1]!), "table");
        }

        foreach (var row in await QueryAsync(connection, $"""
            SELECT table_schema, table_name, column_name, data_type, udt_name, character_maximum_length,
                   numeric_precision, numeric_scale, is_nullable, column_default, is_identity, identity_generation, collation_name
            FROM information_schema.columns WHERE table_schema {UserSchemas}
            """))
        {
            if (IsEfBookkeeping((string)row[1]!))
                continue;
            var type = (string)row[3]! is "ARRAY" or "USER-DEFINED" ? (string)row[4]! : (string)row[3]!;
            if (row[5] is int length)
                type += $"({length})";
            else if ((string)row[3]! == "numeric" && row[6] is int precision)
                type += $"({precision},{row[7]})";
            var extra = (string)row[10]! == "YES" ? $"identity {row[11]}" : null;
            if (row[12] is string collation)
                extra = (extra is null ? "" : extra + " ") + "collate " + collation;
            Add($"{Qualified((string)row[0]!, (string)row[1]!)}.{row[2]} column", Column(type, (string)row[8]! == "YES", row[9] as string, extra));
        }

        foreach (var row in await QueryAsync(connection, $"""
            SELECT tc.table_schema, tc.table_name, tc.constraint_name,
                   string_agg(kcu.column_name, ', ' ORDER BY kcu.ordinal_position)
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu
              ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
            WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema {UserSchemas}
            GROUP BY tc.table_schema, tc.table_name, tc.constraint_name
            """))
        {
            if (!IsEfBookkeeping((string)row[1]!))
                Add($"{Qualified((string)row[0]!, (string)row[1]!)} primary key", $"{row[2]} ({row[3]})");
        }

        foreach (var row in await QueryAsync(connection, $"""
            SELECT n.nspname, t.relname, i.relname, ix.indisunique, am.amname,
                   ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true)
                                || CASE WHEN ix.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                         FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k),
                   ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true)
                         FROM generate_series(ix.indnkeyatts + 1, ix.indnatts) AS k ORDER BY k),
                   pg_get_expr(ix.indpred, ix.indrelid, true)
            FROM pg_index ix
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_am am ON am.oid = i.relam
            WHERE NOT ix.indisprimary AND n.nspname {UserSchemas}
            """))
        {
            if (IsEfBookkeeping((string)row[1]!))
                continue;
            var included = (string[])row[6]!;
            Add($"{Qualified((string)row[0]!, (string)row[1]!)} index {row[2]}",
                Index(((string[])row[5]!).Select(Unquote), (bool)row[3]!, row[7] as string, (string)row[4]! == "btree" ? null : (string)row[4]!,
                    included.Length == 0 ? null : string.Join(", ", included.Select(Unquote))));
        }

        foreach (var row in await QueryAsync(connection, $"""
            SELECT tc.table_schema, tc.table_name, tc.constraint_name, rc.delete_rule, rc.update_rule,
                   string_agg(kcu.column_name, ', ' ORDER BY kcu.ordinal_position),
                   ref.table_schema, ref.table_name,
                   string_agg(refcol.column_name, ', ' ORDER BY kcu.ordinal_position)
            FROM information_schema.table_constraints tc
            JOIN information_schema.referential_constraints rc
              ON rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name
            JOIN information_schema.key_column_usage kcu
              ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
            JOIN information_schema.table_constraints ref
              ON ref.constraint_schema = rc.unique_constraint_schema AND ref.constraint_name = rc.unique_constraint_name
            JOIN information_schema.key_column_usage refcol
              ON refcol.constraint_schema = ref.constraint_schema AND refcol.constraint_name = ref.constraint_name
             AND refcol.table_name = ref.table_name AND refcol.ordinal_position = kcu.position_in_unique_constraint
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema {UserSchemas}
            GROUP BY tc.table_schema, tc.table_name, tc.constraint_name, rc.delete_rule, rc.update_rule, ref.table_schema, ref.table_name
            """))
        {
            if (IsEfBookkeeping((string)row[1]!))
                continue;
            Add($"{Qualified((string)row[0]!, (string)row[1]!)} foreign key ({row[5]})",
                ForeignKey((string)row[2]!, Qualified((string)row[6]!, (string)row[7]!), (string)row[8]!, (string)row[3]!, (string)row[4]!));
        }

        foreach (var row in await QueryAsync(connection, $"""
            SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid, true)
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE c.contype = 'c' AND n.nspname {UserSchemas}
            """))
        {
            if (!IsEfBookkeeping((string)row[1]!))
                Add($"{Qualified((string)row[0]!, (string)row[1]!)} check {row[2]}", (string)row[3]!);
        }
    }

    /// <summary>pg_get_indexdef quotes mixed-case column names; SQLite's pragmas do not.</summary>
    private static string Unquote(string column) =>
        column.Length > 1 && column[0] == '"' && column.IndexOf('"', 1) == column.Length - 1 ? column[1..^1] : column;

    // ---- descriptions -----------------------------------------------------------------------------

    private static string Column(string type, bool nullable, string? defaultValue, string? extra)
    {
        var text = new StringBuilder(type).Append(nullable ? " null" : " not null");
        if (defaultValue is not null)
            text.Append(" default ").Append(defaultValue);
        if (extra is not null)
            text.Append(' ').Append(extra);
        return text.ToString();
    }

    private static string Index(IEnumerable<string> columns, bool unique, string? filter, string? method, string? included)
    {
        var text = new StringBuilder("(").AppendJoin(", ", columns).Append(')');
        text.Append(unique ? " unique" : " not unique");
        if (method is not null)
            text.Append(" using ").Append(method);
        if (included is not null)
            text.Append(" include (").Append(included).Append(')');
        if (filter is not null)
            text.Append(" where ").Append(filter);
        return text.ToString();
    }

    private static string ForeignKey(string? name, string table, string columns, string onDelete, string onUpdate) =>
        $"-> {table} ({columns}) on delete {onDelete.ToUpperInvariant()}, on update {onUpdate.ToUpperInvariant()}"
        + (name is null ? "" : $" [{name}]");

    private static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public override string ToString() =>
        string.Join('\n', Facts.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key}: {f.Value}")));
}
