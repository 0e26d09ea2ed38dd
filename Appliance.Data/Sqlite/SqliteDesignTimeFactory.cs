using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Data.Sqlite;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context SqliteApplianceDbContext</c> build the model from this
/// project alone; adding a migration never opens the database.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteApplianceDbContext>
{
    public SqliteApplianceDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteApplianceDbContext>();
        SqliteDatabase.Configure(builder, SqliteDatabase.DefaultConnectionString(DataFolderOptions.DefaultDataPath));
        return new SqliteApplianceDbContext(builder.Options);
    }
}
