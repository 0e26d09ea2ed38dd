using Appliance.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Data;

public static class ApplianceDatabase
{
    /// <summary>
    /// Brings the configured database to the latest migration. Safe to call from several nodes at once:
    /// EF Core takes a migration lock on both providers. For SQLite it first creates the data folder and
    /// switches the file to write-ahead logging, so readers do not block the writer.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplianceDbContext>();
        if (db is SqliteApplianceDbContext)
        {
            await SqliteDatabase.PrepareFileAsync(db, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
