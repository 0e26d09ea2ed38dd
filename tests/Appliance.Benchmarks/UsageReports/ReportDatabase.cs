using Appliance.Data;
using Appliance.TestSupport.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Benchmarks.UsageReports;

/// <summary>A fresh, migrated database of one provider, wired as the appliance wires it, deleted afterwards.</summary>
internal sealed class ReportDatabase : IAsyncDisposable
{
    private readonly string? _folder;

    private ReportDatabase(DatabaseProvider provider, string connectionString, string? folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
        }).Build();
        Services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddApplianceData().BuildServiceProvider();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public ServiceProvider Services { get; }

    public static async Task<ReportDatabase> CreateAsync(DatabaseProvider provider)
    {
        ReportDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("appliance-usage-bench-").FullName;
            database = new ReportDatabase(provider, new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "appliance.db") }.ToString(), folder);
        }
        else
        {
            database = new ReportDatabase(provider, await PostgresTestServer.CreateDatabaseAsync(), null);
        }

        await ApplianceDatabase.MigrateAsync(database.Services);
        return database;
    }

    public ApplianceDbContext CreateContext() => Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
        else
        {
            await PostgresTestServer.DropDatabaseAsync(ConnectionString);
        }
    }
}
