using Appliance.Data.Postgres;
using Appliance.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appliance.Data;

/// <summary>
/// Short-lived contexts for code that outlives a request scope (Blazor circuits, background work),
/// created by the configured provider's factory.
/// </summary>
internal sealed class ApplianceDbContextFactory(IServiceProvider services, IOptions<DatabaseOptions> options)
    : IDbContextFactory<ApplianceDbContext>
{
    public ApplianceDbContext CreateDbContext() => options.Value.Provider switch
    {
        DatabaseProvider.Sqlite =>
            services.GetRequiredService<IDbContextFactory<SqliteApplianceDbContext>>().CreateDbContext(),
        DatabaseProvider.Postgres =>
            services.GetRequiredService<IDbContextFactory<PostgresApplianceDbContext>>().CreateDbContext(),
    };
}
