using Microsoft.EntityFrameworkCore;

namespace Appliance.Data.Postgres;

/// <summary>How the appliance opens a PostgreSQL database, in one place.</summary>
internal static class PostgresDatabase
{
    /// <summary>Used only to build the model at design time; adding a migration never connects.</summary>
    public const string DesignTimeConnectionString = "Host=localhost;Database=appliance";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(
            connectionString,
            npgsql => npgsql.MigrationsAssembly(typeof(PostgresApplianceDbContext).Assembly.GetName().Name));
}
