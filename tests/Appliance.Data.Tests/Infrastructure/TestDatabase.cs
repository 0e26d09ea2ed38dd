using Appliance.TestSupport.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Data.Tests.Infrastructure;

/// <summary>
/// A fresh database of one provider for one test, wired exactly as the appliance wires it
/// (<see cref="DataServiceCollectionExtensions.AddApplianceData"/>, <see cref="ApplianceDatabase.MigrateAsync"/>),
/// and deleted afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFolder;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFolder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFolder = sqliteFolder;
        Services = BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
        });
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public ServiceProvider Services { get; }

    /// <summary>Creates an empty database and, unless told otherwise, migrates it.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        TestDatabase database;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var folder = Directory.CreateTempSubdirectory("appliance-data-tests-").FullName;
                var connectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(folder, "appliance.db"),
                }.ToString();
                database = new TestDatabase(provider, connectionString, folder);
                break;
            case DatabaseProvider.Postgres:
                database = new TestDatabase(provider, await PostgresTestServer.CreateDatabaseAsync(), null);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }

        if (migrate)
        {
            await ApplianceDatabase.MigrateAsync(database.Services);
        }

        return database;
    }

    /// <summary>The services <see cref="DataServiceCollectionExtensions.AddApplianceData"/> registers over the given settings.</summary>
    public static ServiceProvider BuildServices(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddApplianceData()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A new context; each step of a test uses its own, so that reads come from the database, not the change tracker.</summary>
    public ApplianceDbContext CreateContext() =>
        Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                // Pooled connections keep the file open.
                using (var connection = new SqliteConnection(ConnectionString))
                {
                    SqliteConnection.ClearPool(connection);
                }

                Directory.Delete(_sqliteFolder!, recursive: true);
                break;
            case DatabaseProvider.Postgres:
                await PostgresTestServer.DropDatabaseAsync(ConnectionString);
                break;
        }
    }
}
