using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Appliance.Data.Tests.Infrastructure;

public static class ConstraintAssert
{
    /// <summary>Saves and expects the database (not EF) to refuse the change with a unique constraint.</summary>
    public static async Task UniqueViolationAsync(DbContext db)
    {
        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        switch (exception.InnerException)
        {
            case SqliteException sqlite:
                // SQLITE_CONSTRAINT_UNIQUE, or SQLITE_CONSTRAINT_PRIMARYKEY for a duplicate key.
                Assert.Contains(sqlite.SqliteExtendedErrorCode, new[] { 2067, 1555 });
                break;
            case PostgresException postgres:
                Assert.Equal(PostgresErrorCodes.UniqueViolation, postgres.SqlState);
                break;
            default:
                Assert.Fail($"Expected a unique violation from the database, got {exception.InnerException}");
                break;
        }
    }
}
