using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Data.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context PostgresApplianceDbContext</c> build the model from this
/// project alone.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresApplianceDbContext>
{
    public PostgresApplianceDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresApplianceDbContext>();
        PostgresDatabase.Configure(builder, PostgresDatabase.DesignTimeConnectionString);
        return new PostgresApplianceDbContext(builder.Options);
    }
}
