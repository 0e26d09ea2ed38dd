using Microsoft.EntityFrameworkCore;

namespace Appliance.Data.Sqlite;

/// <summary>The SQLite flavour of the model; its migrations live in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteApplianceDbContext(DbContextOptions<SqliteApplianceDbContext> options)
    : ApplianceDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date type: by default EF stores DateTimeOffset as text, which SQLite can neither
        // compare nor ORDER BY correctly. An integer (UTC microseconds) sorts and compares like the
        // instant it stands for, with the precision PostgreSQL keeps, so both providers behave the same.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMicrosecondsConverter>();
    }
}
