using Appliance.Data.Tenants;
using Appliance.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Data.Tests.Tenants;

public class TenantTests
{
    [Theory]
    [DatabaseData]
    public async Task Tenant_WithKeysAndDomains_RoundTrips(DatabaseProvider provider)
    {
        // Arrange - a tenant after one key rollover: an archived and an active version, two domains.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant("Contoso");
        tenant.Domains.Add(TestEntities.Domain(tenant.Id, "contoso.test"));
        tenant.Domains.Add(TestEntities.Domain(tenant.Id, "contoso-labs.test"));
        var archived = TestEntities.Key(tenant.Id, 1, TenantKeyState.Archived);
        var active = TestEntities.Key(tenant.Id, 2, TenantKeyState.Active);
        active.WrapAlgorithm = "RSA-OAEP-256";
        active.SigningAlgorithm = "RS256";
        tenant.Keys.AddRange([archived, active]);

        // Act
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        // Assert
        await using var check = database.CreateContext();
        var loaded = await check.Tenants
            .Include(t => t.Domains)
            .Include(t => t.Keys)
            .SingleAsync(t => t.Id == tenant.Id);
        Assert.Equal("Contoso", loaded.Name);
        Assert.Equal("emea", loaded.Region);
        Assert.Equal(tenant.ActivatedAt, loaded.ActivatedAt);
        Assert.Equal(["contoso-labs.test", "contoso.test"], loaded.Domains.Select(d => d.Domain).Order(StringComparer.Ordinal));
        Assert.Equal([1, 2], loaded.Keys.Select(k => k.Version).Order());
        var loadedActive = loaded.Keys.Single(k => k.State == TenantKeyState.Active);
        Assert.Equal(active.KeyId, loadedActive.KeyId);
        Assert.Equal(active.Region, loadedActive.Region);
        Assert.Equal("RSA-2048", loadedActive.EncryptionAlgorithm);
        Assert.Equal("RSA-OAEP-256", loadedActive.WrapAlgorithm);
        Assert.Equal("RS256", loadedActive.SigningAlgorithm);
        Assert.Equal(active.EncryptionPublicKey, loadedActive.EncryptionPublicKey);
        Assert.Equal(active.SigningPublicKey, loadedActive.SigningPublicKey);
        Assert.Equal(active.Certificate, loadedActive.Certificate);
        Assert.Equal(active.CreatedAt, loadedActive.CreatedAt);
        Assert.Equal(TenantKeyState.Archived, loaded.Keys.Single(k => k.Version == 1).State);
    }

    [Theory]
    [DatabaseData]
    public async Task TenantKey_State_IsStoredAsItsName(DatabaseProvider provider)
    {
        // Arrange - the state is read by operators and by SQL in runbooks; a number would mean nothing.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant();
        tenant.Keys.Add(TestEntities.Key(tenant.Id, 1, TenantKeyState.Destroyed));
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        // Act
        await using var check = database.CreateContext();
        var stored = await check.Database
            .SqlQueryRaw<string>("SELECT \"State\" AS \"Value\" FROM \"TenantKeys\"")
            .SingleAsync();

        // Assert
        Assert.Equal("Destroyed", stored);
    }

    [Theory]
    [DatabaseData]
    public async Task TenantDomain_ClaimedBySecondTenant_IsRejected(DatabaseProvider provider)
    {
        // Arrange - a domain decides which tenant (and so which keys) a user gets: it must not be ambiguous.
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = TestEntities.Tenant();
        first.Domains.Add(TestEntities.Domain(first.Id, "fabrikam.test"));
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(first);
            await db.SaveChangesAsync();
        }

        // Act
        await using var second = database.CreateContext();
        var intruder = TestEntities.Tenant();
        intruder.Domains.Add(TestEntities.Domain(intruder.Id, "fabrikam.test"));
        second.Tenants.Add(intruder);

        // Assert
        await ConstraintAssert.UniqueViolationAsync(second);
    }

    [Theory]
    [DatabaseData]
    public async Task Tenant_DuplicateName_IsRejected(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(TestEntities.Tenant("Northwind"));
            await db.SaveChangesAsync();
        }

        // Act
        await using var second = database.CreateContext();
        second.Tenants.Add(TestEntities.Tenant("Northwind"));

        // Assert
        await ConstraintAssert.UniqueViolationAsync(second);
    }

    [Theory]
    [DatabaseData]
    public async Task TenantKey_SameVersionTwice_IsRejected(DatabaseProvider provider)
    {
        // Arrange - two rollovers racing on two nodes must not both create version 2.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant();
        tenant.Keys.Add(TestEntities.Key(tenant.Id, 1));
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        // Act
        await using var second = database.CreateContext();
        second.TenantKeys.Add(TestEntities.Key(tenant.Id, 1));

        // Assert
        await ConstraintAssert.UniqueViolationAsync(second);
    }

    [Theory]
    [DatabaseData]
    public async Task TenantKey_KeyIdOfAnotherTenant_IsRejected(DatabaseProvider provider)
    {
        // Arrange - the key id is the kid in signed licences and names the HSM object: it must be unique.
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = TestEntities.Tenant();
        var key = TestEntities.Key(first.Id, 1);
        first.Keys.Add(key);
        var other = TestEntities.Tenant();
        await using (var db = database.CreateContext())
        {
            db.Tenants.AddRange(first, other);
            await db.SaveChangesAsync();
        }

        // Act
        await using var second = database.CreateContext();
        var copy = TestEntities.Key(other.Id, 1);
        copy.KeyId = key.KeyId;
        second.TenantKeys.Add(copy);

        // Assert
        await ConstraintAssert.UniqueViolationAsync(second);
    }
}
