using Appliance.Data.Postgres;
using Appliance.Data.Sqlite;
using Appliance.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appliance.Data.Tests.Configuration;

public class AddApplianceDataTests
{
    [Fact]
    public async Task AddApplianceData_NoDatabaseSection_UsesSqliteFileInDataFolder()
    {
        // Arrange - a fresh appliance has no database settings at all.
        await using var services = TestDatabase.BuildServices(new Dictionary<string, string?>
        {
            ["Appliance:DataPath"] = "/var/lib/appliance",
        });

        // Act
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplianceDbContext>();

        // Assert
        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=/var/lib/appliance/appliance.db", options.ConnectionString);
        Assert.IsType<SqliteApplianceDbContext>(db);
        Assert.Equal(options.ConnectionString, db.Database.GetConnectionString());
    }

    [Fact]
    public async Task AddApplianceData_NoDataPath_DefaultsToDataFolderInWorkingDirectory()
    {
        // Arrange
        await using var services = TestDatabase.BuildServices(new Dictionary<string, string?>());

        // Act
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        // Assert
        Assert.Equal("Data Source=./data/appliance.db", options.ConnectionString);
    }

    [Fact]
    public async Task AddApplianceData_PostgresWithoutConnectionString_FailsValidation()
    {
        // Arrange - silently falling back to SQLite would split a cluster's data across nodes.
        await using var services = TestDatabase.BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
        });

        // Act
        var exception = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        // Assert
        Assert.Contains("Database:ConnectionString is required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddApplianceData_ConfigurationReplacedAfterRegistration_UsesTheLaterSettings()
    {
        // Arrange - WebApplicationFactory overrides configuration after Program registered its services;
        // the provider and connection string must be read when the context is built, not at registration.
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddApplianceData();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = "Host=127.0.0.1;Database=overridden",
            })
            .Build());
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        // Act
        await using var scope = provider.CreateAsyncScope();
        var scoped = scope.ServiceProvider.GetRequiredService<ApplianceDbContext>();
        await using var created = provider.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext();

        // Assert
        Assert.IsType<PostgresApplianceDbContext>(scoped);
        Assert.IsType<PostgresApplianceDbContext>(created);
        Assert.Equal("Host=127.0.0.1;Database=overridden", scoped.Database.GetConnectionString());
    }
}
