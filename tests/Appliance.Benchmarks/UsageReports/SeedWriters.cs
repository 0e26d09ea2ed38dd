using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Appliance.Benchmarks.UsageReports;

/// <summary>Bulk writers for the seed log, each the fastest plain way its provider offers.</summary>
internal static class SeedWriters
{
    private const int RowsPerStatement = 25;

    private static readonly string[] _columns =
    [
        "Chain", "Sequence", "PreviousHash", "Hash", "Timestamp", "TenantId", "RequestType", "UserId", "UserEmail", "Result",
        "ErrorCode", "CorrelationId", "ContentId", "OwnerEmail", "Issuer", "TemplateId", "FileName", "DatePublished", "Rights",
        "ClientInfo", "ClientIp", "AdminAction",
    ];

    /// <summary>One prepared statement of <see cref="RowsPerStatement"/> rows, reused, all in one transaction.</summary>
    public static async Task WriteSqliteAsync(string connectionString, IEnumerable<SeedEntry> entries)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        // A page cache that holds the indexes being filled: the default 2 MB makes every index insert a read.
        await using (var cache = new SqliteCommand("PRAGMA cache_size = -262144", connection))
        {
            await cache.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var full = Insert(connection, transaction, RowsPerStatement);
        var batch = new List<SeedEntry>(RowsPerStatement);
        foreach (var entry in entries)
        {
            batch.Add(entry);
            if (batch.Count == RowsPerStatement)
            {
                await ExecuteAsync(full, batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await using var rest = Insert(connection, transaction, batch.Count);
            await ExecuteAsync(rest, batch);
        }

        await transaction.CommitAsync();
    }

    /// <summary>Binary COPY: the rows stream to the server without a statement per row.</summary>
    public static async Task WritePostgresAsync(string connectionString, IEnumerable<SeedEntry> entries)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = string.Join(", ", _columns.Select(c => $"\"{c}\""));
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY \"UsageLog\" ({columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var e in entries)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(e.TenantId.ToString("D"), NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.Sequence, NpgsqlDbType.Bigint);
                await copy.WriteAsync(e.PreviousHash, NpgsqlDbType.Bytea);
                await copy.WriteAsync(e.Hash, NpgsqlDbType.Bytea);
                await copy.WriteAsync(e.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(e.TenantId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.RequestType, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.UserId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.UserEmail, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.Result, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.ErrorCode, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.CorrelationId, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.ContentId, NpgsqlDbType.Uuid);
                await WriteAsync(copy, e.OwnerEmail, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.Issuer, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.TemplateId, NpgsqlDbType.Uuid);
                await WriteAsync(copy, e.FileName, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.DatePublished?.UtcDateTime, NpgsqlDbType.TimestampTz);
                await WriteAsync(copy, e.Rights, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.ClientInfo, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.ClientIp, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.AdminAction, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }

        // What autovacuum would have done by the time anyone reads a log this size: statistics for the planner
        // and a visibility map for index-only counts.
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE \"UsageLog\"", connection);
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, type);
        }
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", _columns.Select((_, c) => $"$p{r}_{c}")) + ")");
        // Column names are the constants above; values are parameters.
#pragma warning disable CA2100
        command.CommandText = $"INSERT INTO UsageLog ({string.Join(", ", _columns)}) VALUES {string.Join(", ", values)}";
#pragma warning restore CA2100
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < _columns.Length; c++)
            {
                command.Parameters.Add(new SqliteParameter($"$p{r}_{c}", null));
            }
        }

        command.Prepare();
        return command;
    }

    /// <summary>Values in the forms EF Core writes them: upper-case GUID text, instants as UTC microseconds.</summary>
    private static async Task ExecuteAsync(SqliteCommand command, List<SeedEntry> batch)
    {
        for (var r = 0; r < batch.Count; r++)
        {
            var e = batch[r];
            object?[] values =
            [
                e.TenantId.ToString("D"), e.Sequence, e.PreviousHash, e.Hash, Micros(e.Timestamp), Text(e.TenantId), e.RequestType,
                Text(e.UserId), e.UserEmail, e.Result, e.ErrorCode, e.CorrelationId, Text(e.ContentId), e.OwnerEmail, e.Issuer,
                Text(e.TemplateId), e.FileName, e.DatePublished is { } p ? Micros(p) : null, e.Rights, e.ClientInfo, e.ClientIp,
                e.AdminAction,
            ];
            for (var c = 0; c < values.Length; c++)
            {
                command.Parameters[(r * values.Length) + c].Value = values[c] ?? DBNull.Value;
            }
        }

        await command.ExecuteNonQueryAsync();
    }

    private static string? Text(Guid? id) => id?.ToString("D").ToUpperInvariant();

    private static long Micros(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
