using Appliance.Data.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace Appliance.Data.Tests.Schema;

public class MigrationTests
{
    [Theory]
    [DatabaseData]
    public async Task Model_ComparedWithLatestMigration_HasNoPendingChanges(DatabaseProvider provider)
    {
        // Arrange - a model change without `dotnet ef migrations add` would make Migrate() refuse to run
        // in production; this fails first, for each provider's own migrations.
        await using var services = TestDatabase.BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = provider == DatabaseProvider.Postgres
                ? "Host=127.0.0.1;Database=never_opened"
                : "Data Source=never-opened.db",
        });
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplianceDbContext>();

        // Act
        var pending = db.Database.HasPendingModelChanges();

        // Assert
        Assert.False(pending, $"The {db.GetType().Name} model has changes without a migration: run dotnet ef migrations add.");
    }

    [Theory]
    [DatabaseData]
    public async Task MigrateAsync_EmptyDatabase_AppliesInitialAndEveryTableIsQueryable(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);

        // Act
        await ApplianceDatabase.MigrateAsync(database.Services);

        // Assert
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains(await db.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Equal(0, await db.Tenants.CountAsync());
        Assert.Equal(0, await db.TenantDomains.CountAsync());
        Assert.Equal(0, await db.TenantKeys.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.UserKeyPairs.CountAsync());
        Assert.Equal(0, await db.ProtectedDocuments.CountAsync());
        Assert.Equal(0, await db.UsageLog.CountAsync());
        Assert.Equal(0, await db.Set<OpenIddictEntityFrameworkCoreApplication>().CountAsync());
        Assert.Equal(0, await db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task MigrateAsync_AlreadyMigrated_ChangesNothing(DatabaseProvider provider)
    {
        // Arrange - every node runs MigrateAsync at start, usually against an up-to-date database.
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(TestEntities.Tenant("Kept"));
            await db.SaveChangesAsync();
        }

        // Act
        await ApplianceDatabase.MigrateAsync(database.Services);

        // Assert
        await using var check = database.CreateContext();
        Assert.Equal("Kept", (await check.Tenants.SingleAsync()).Name);
    }

    [Fact]
    public async Task MigrateAsync_SqliteFileInMissingFolder_CreatesFolderAndUsesWriteAheadLog()
    {
        // Arrange - the default file lives in a data folder that does not exist on a fresh appliance.
        var root = Directory.CreateTempSubdirectory("appliance-data-tests-").FullName;
        var dataPath = Path.Combine(root, "data", "nested");
        try
        {
            await using (var services = TestDatabase.BuildServices(new Dictionary<string, string?>
            {
                ["Appliance:DataPath"] = dataPath,
            }))
            {
                // Act
                await ApplianceDatabase.MigrateAsync(services);

                // Assert
                Assert.True(File.Exists(Path.Combine(dataPath, "appliance.db")));
                await using var db = services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext();
                var journalMode = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync();
                Assert.Equal("wal", journalMode);
                var busyTimeout = await db.Database.SqlQueryRaw<int>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").SingleAsync();
                Assert.True(busyTimeout > 0);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
