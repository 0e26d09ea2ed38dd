using Appliance.Data;
using Appliance.TestSupport.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Usage;

/// <summary>A fresh, migrated database of one provider, wired as the appliance wires it, for the report queries alone.</summary>
internal sealed class UsageTestDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly ServiceProvider _services;

    private UsageTestDatabase(DatabaseProvider provider, string connectionString, string? folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
        }).Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddApplianceData().BuildServiceProvider();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<UsageTestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = provider == DatabaseProvider.Sqlite
            ? CreateSqlite()
            : new UsageTestDatabase(provider, await PostgresTestServer.CreateDatabaseAsync(), null);
        await ApplianceDatabase.MigrateAsync(database._services);
        return database;
    }

    /// <summary>A new context per step, so reads come from the database and not from the change tracker.</summary>
    public ApplianceDbContext CreateContext() => _services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_folder is not null)
        {
            using (var connection = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            Directory.Delete(_folder, recursive: true);
        }
        else
        {
            await PostgresTestServer.DropDatabaseAsync(ConnectionString);
        }
    }

    private static UsageTestDatabase CreateSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("appliance-usage-tests-").FullName;
        return new UsageTestDatabase(
            DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "appliance.db") }.ToString(), folder);
    }
}
