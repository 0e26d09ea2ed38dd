using Appliance.Data.Postgres;
using Appliance.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Appliance.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ApplianceDbContext"/> (scoped) and <see cref="IDbContextFactory{ApplianceDbContext}"/>
    /// (singleton) for the provider named in <see cref="DatabaseOptions"/>, bound from the
    /// <c>Database</c> section and validated at start.
    /// </summary>
    public static IServiceCollection AddApplianceData(this IServiceCollection services)
    {
        services.AddOptions<DataFolderOptions>().BindConfiguration(DataFolderOptions.Section);
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .PostConfigure<IOptions<DataFolderOptions>>((options, dataFolder) =>
            {
                if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    options.ConnectionString = SqliteDatabase.DefaultConnectionString(dataFolder.Value.DataPath);
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());

        // Both provider contexts are registered; only the configured one is ever resolved. The options are
        // read inside the callbacks, not here, so that configuration added later (tests overriding the
        // host's configuration) still decides the provider and the connection string.
        services.AddDbContextFactory<SqliteApplianceDbContext>(
            (sp, builder) => SqliteDatabase.Configure(builder, ConnectionString(sp)));
        services.AddDbContextFactory<PostgresApplianceDbContext>(
            (sp, builder) => PostgresDatabase.Configure(builder, ConnectionString(sp)));

        services.TryAddScoped<ApplianceDbContext>(sp => Provider(sp) switch
        {
            DatabaseProvider.Sqlite => sp.GetRequiredService<SqliteApplianceDbContext>(),
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresApplianceDbContext>(),
        });
        services.TryAddSingleton<IDbContextFactory<ApplianceDbContext>, ApplianceDbContextFactory>();

        return services;
    }

    private static DatabaseProvider Provider(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;

    // Validation guarantees a connection string once the options have been read.
    private static string ConnectionString(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!;
}
