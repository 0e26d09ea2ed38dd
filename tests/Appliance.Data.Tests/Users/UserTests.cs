using System.Security.Cryptography;
using Appliance.Data.Tests.Infrastructure;
using Appliance.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Data.Tests.Users;

public class UserTests
{
    [Theory]
    [DatabaseData]
    public async Task ApplianceUser_WithAndWithoutTenant_RoundTrips(DatabaseProvider provider)
    {
        // Arrange - the first-start admin belongs to no tenant; everyone else to exactly one.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant();
        var member = TestEntities.User(tenant.Id, "alice@contoso.test");
        member.LockoutEnd = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
        var admin = TestEntities.User(null, "admin");

        // Act
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            db.Users.AddRange(member, admin);
            await db.SaveChangesAsync();
        }

        // Assert
        await using var check = database.CreateContext();
        var loadedMember = await check.Users.SingleAsync(u => u.NormalizedEmail == "ALICE@CONTOSO.TEST");
        Assert.Equal(tenant.Id, loadedMember.TenantId);
        Assert.Equal("Test User", loadedMember.DisplayName);
        Assert.Equal(member.CreatedAt, loadedMember.CreatedAt);
        Assert.Equal(member.LockoutEnd, loadedMember.LockoutEnd);
        var loadedAdmin = await check.Users.SingleAsync(u => u.Id == admin.Id);
        Assert.Null(loadedAdmin.TenantId);
    }

    [Theory]
    [DatabaseData]
    public async Task UserKeyPair_RoundTrips(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant();
        var key = TestEntities.Key(tenant.Id, 1);
        tenant.Keys.Add(key);
        var user = TestEntities.User(tenant.Id);
        var pair = new UserKeyPair
        {
            UserId = user.Id,
            TenantId = tenant.Id,
            PublicKey = RandomNumberGenerator.GetBytes(294),
            TenantKeyId = key.KeyId,
            WrapAlgorithm = "RSA-OAEP",
            WrappedKek = RandomNumberGenerator.GetBytes(256),
            WrappedPrivateKey = RandomNumberGenerator.GetBytes(1224),
            CreatedAt = new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.Zero),
        };

        // Act
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            db.Users.Add(user);
            db.UserKeyPairs.Add(pair);
            await db.SaveChangesAsync();
        }

        // Assert
        await using var check = database.CreateContext();
        var loaded = await check.UserKeyPairs.SingleAsync(p => p.UserId == user.Id);
        Assert.Equal(tenant.Id, loaded.TenantId);
        Assert.Equal(pair.PublicKey, loaded.PublicKey);
        Assert.Equal(key.KeyId, loaded.TenantKeyId);
        Assert.Equal("RSA-OAEP", loaded.WrapAlgorithm);
        Assert.Equal(pair.WrappedKek, loaded.WrappedKek);
        Assert.Equal(pair.WrappedPrivateKey, loaded.WrappedPrivateKey);
        Assert.Equal(pair.CreatedAt, loaded.CreatedAt);
    }

    [Theory]
    [DatabaseData]
    public async Task UserKeyPair_SecondForSameUser_IsRejected(DatabaseProvider provider)
    {
        // Arrange - two devices bootstrapping at once must end up with the same keys, not two pairs.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant();
        var user = TestEntities.User(tenant.Id);
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            db.Users.Add(user);
            db.UserKeyPairs.Add(Pair(user));
            await db.SaveChangesAsync();
        }

        // Act
        await using var second = database.CreateContext();
        second.UserKeyPairs.Add(Pair(user));

        // Assert
        await ConstraintAssert.UniqueViolationAsync(second);
    }

    private static UserKeyPair Pair(ApplianceUser user) => new()
    {
        UserId = user.Id,
        TenantId = user.TenantId!.Value,
        PublicKey = [1, 2, 3],
        TenantKeyId = "tk-1",
        WrapAlgorithm = "RSA-OAEP",
        WrappedKek = [4, 5, 6],
        WrappedPrivateKey = [7, 8, 9],
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
