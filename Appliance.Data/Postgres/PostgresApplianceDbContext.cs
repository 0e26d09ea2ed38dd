using Microsoft.EntityFrameworkCore;

namespace Appliance.Data.Postgres;

/// <summary>The PostgreSQL flavour of the model; its migrations live in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresApplianceDbContext(DbContextOptions<PostgresApplianceDbContext> options)
    : ApplianceDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // timestamptz keeps only the instant, and Npgsql refuses a DateTimeOffset whose offset is not zero.
        // Normalising here lets callers pass any offset, as they can with SQLite.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
