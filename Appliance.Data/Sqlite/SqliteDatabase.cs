using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Data.Sqlite;

/// <summary>How the appliance opens and prepares a SQLite database, in one place.</summary>
internal static class SqliteDatabase
{
    public static string DefaultConnectionString(string dataPath) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, DataFolderOptions.DefaultSqliteFileName),
        }.ToString();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder
            .UseSqlite(
                connectionString,
                sqlite => sqlite.MigrationsAssembly(typeof(SqliteApplianceDbContext).Assembly.GetName().Name))
            .AddInterceptors(SqliteBusyTimeoutInterceptor.Instance);

    /// <summary>Creates the file's folder and turns on write-ahead logging (a property of the file).</summary>
    public static async Task PrepareFileAsync(DbContext db, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var dataSource = connectionString.DataSource;
        var inMemory = connectionString.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(dataSource)
            || dataSource == ":memory:";
        if (inMemory)
        {
            return;
        }

        if (!dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
    }
}
