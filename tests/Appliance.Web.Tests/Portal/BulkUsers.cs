using Appliance.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Portal;

/// <summary>
/// Many users at once, straight into the node's SQLite file in one statement and one transaction: seconds for
/// 100 000, where Identity's user manager would take minutes. Rows are <c>{prefix}000001@domain</c> onwards, display
/// names <c>Person {prefix} 000001</c>, in the named tenant.
/// </summary>
internal static class BulkUsers
{
    public static async Task InsertAsync(ApplianceFactory node, string tenant, string prefix, int count)
    {
        var (connectionString, domain) = await node.QueryAsync(async db => (
            db.Database.GetConnectionString()!,
            await db.TenantDomains.Where(d => db.Tenants.Any(t => t.Id == d.TenantId && t.Name == tenant)).Select(d => d.Domain).FirstAsync()));
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        // Ids, stamps and dates in the formats EF Core writes (upper-case GUID text; the tenant's and the admin's
        // stored values are copied rather than re-encoded).
        insert.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp,
                ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, TenantId, DisplayName,
                CreatedAt, Source)
            SELECT upper(printf('%08x-%04x-4000-8000-%012x', i, $salt, i)),
                   printf('%s%06d@%s', $prefix, i, $domain), upper(printf('%s%06d@%s', $prefix, i, $domain)),
                   printf('%s%06d@%s', $prefix, i, $domain), upper(printf('%s%06d@%s', $prefix, i, $domain)),
                   1, lower(hex(randomblob(16))), lower(hex(randomblob(16))), 0, 0, 1, 0,
                   (SELECT Id FROM Tenants WHERE Name = $tenant), printf('Person %s %06d', $prefix, i),
                   (SELECT CreatedAt FROM AspNetUsers WHERE UserName = 'admin') + i, 'local'
            FROM n;
            """;
        insert.Parameters.AddWithValue("$count", count);
        insert.Parameters.AddWithValue("$salt", Random.Shared.Next(0, 0xffff));
        insert.Parameters.AddWithValue("$prefix", prefix);
        insert.Parameters.AddWithValue("$domain", domain);
        insert.Parameters.AddWithValue("$tenant", tenant);
        Assert.Equal(count, await insert.ExecuteNonQueryAsync());
        await transaction.CommitAsync();
    }
}
