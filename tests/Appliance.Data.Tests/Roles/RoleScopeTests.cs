using Appliance.Data.Roles;
using Appliance.Data.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Appliance.Data.Tests.Roles;

public class RoleScopeTests
{
    [Theory]
    [DatabaseData]
    public async Task MigrateAsync_RolesHeldBeforeScopes_EachScopedToTheHoldersOwnOrganisation(DatabaseProvider provider)
    {
        // Arrange - a database of the version before scoped roles, where every role reached every organisation: the
        // upgrade must keep each holder's own organisation and must not widen or silently keep anything else.
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_RoleScopes", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
        }

        var contoso = TestEntities.Tenant("Contoso");
        var fabrikam = TestEntities.Tenant("Fabrikam");
        var auditor = TestEntities.User(contoso.Id, "auditor@contoso.test");
        var templates = TestEntities.User(fabrikam.Id, "templates@fabrikam.test");
        var admin = TestEntities.User(contoso.Id, "boss@contoso.test");
        var firstStart = TestEntities.User(null, "admin");
        var roles = new[] { "Administrator", "TemplateAdministrator", "SecurityOfficer", "Auditor" }
            .ToDictionary(n => n, n => new IdentityRole<Guid> { Id = Guid.NewGuid(), Name = n, NormalizedName = n.ToUpperInvariant() });
        await using (var db = database.CreateContext())
        {
            db.Tenants.AddRange(contoso, fabrikam);
            db.Users.AddRange(auditor, templates, admin, firstStart);
            db.Roles.AddRange(roles.Values);
            db.UserRoles.AddRange(
                Holds(auditor.Id, roles["Auditor"]),
                Holds(auditor.Id, roles["SecurityOfficer"]),
                Holds(templates.Id, roles["TemplateAdministrator"]),
                Holds(admin.Id, roles["Administrator"]),
                Holds(admin.Id, roles["Auditor"]),
                Holds(firstStart.Id, roles["Administrator"]),
                Holds(firstStart.Id, roles["Auditor"]));
            await db.SaveChangesAsync();
        }

        // Act
        await ApplianceDatabase.MigrateAsync(database.Services);

        // Assert
        await using var check = database.CreateContext();
        var scopes = await check.RoleScopes.AsNoTracking().ToListAsync();
        var byName = roles.ToDictionary(r => r.Value.Id, r => r.Key);
        Assert.Equal(
            new[]
            {
                ("auditor@contoso.test", "Auditor", "Contoso"),
                ("auditor@contoso.test", "SecurityOfficer", "Contoso"),
                ("boss@contoso.test", "Auditor", "Contoso"),
                ("templates@fabrikam.test", "TemplateAdministrator", "Fabrikam"),
            },
            scopes
                .Select(s => (
                    new[] { auditor, templates, admin, firstStart }.Single(u => u.Id == s.UserId).Email!,
                    byName[s.RoleId],
                    s.TenantId == contoso.Id ? "Contoso" : s.TenantId == fabrikam.Id ? "Fabrikam" : "?"))
                .Order()
                .ToArray());
        // The assignments themselves are untouched, the first-start admin's Auditor included (it now reaches nothing).
        Assert.Equal(7, await check.UserRoles.CountAsync());
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task RoleScope_AssignmentOrUserRemoved_ScopeGoesWithIt(DatabaseProvider provider)
    {
        // Arrange - a role granted again later must start from no organisation, not from the scope it had before.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant();
        var kept = TestEntities.User(tenant.Id);
        var dropped = TestEntities.User(tenant.Id);
        var deleted = TestEntities.User(tenant.Id);
        var auditor = new IdentityRole<Guid> { Id = Guid.NewGuid(), Name = "Auditor", NormalizedName = "AUDITOR" };
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            db.Users.AddRange(kept, dropped, deleted);
            db.Roles.Add(auditor);
            db.UserRoles.AddRange(Holds(kept.Id, auditor), Holds(dropped.Id, auditor), Holds(deleted.Id, auditor));
            db.RoleScopes.AddRange(
                new RoleScope { UserId = kept.Id, RoleId = auditor.Id, TenantId = tenant.Id },
                new RoleScope { UserId = dropped.Id, RoleId = auditor.Id, TenantId = tenant.Id },
                new RoleScope { UserId = deleted.Id, RoleId = auditor.Id, TenantId = tenant.Id });
            await db.SaveChangesAsync();
        }

        // Act - by the database's own cascade: nothing is loaded but what is removed.
        await using (var db = database.CreateContext())
        {
            await db.UserRoles.Where(ur => ur.UserId == dropped.Id).ExecuteDeleteAsync();
            await db.Users.Where(u => u.Id == deleted.Id).ExecuteDeleteAsync();
        }

        // Assert
        await using var check = database.CreateContext();
        Assert.Equal([kept.Id], await check.RoleScopes.Select(s => s.UserId).ToListAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task RoleScope_WithoutTheAssignment_RefusedByTheDatabase(DatabaseProvider provider)
    {
        // Arrange - a scope row alone must never make a role: it only narrows one the user holds.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant();
        var user = TestEntities.User(tenant.Id);
        var auditor = new IdentityRole<Guid> { Id = Guid.NewGuid(), Name = "Auditor", NormalizedName = "AUDITOR" };
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            db.Users.Add(user);
            db.Roles.Add(auditor);
            await db.SaveChangesAsync();
        }

        // Act
        await using var act = database.CreateContext();
        act.RoleScopes.Add(new RoleScope { UserId = user.Id, RoleId = auditor.Id, TenantId = tenant.Id });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => act.SaveChangesAsync());

        // Assert
        Assert.NotNull(refused.InnerException);
        await using var check = database.CreateContext();
        Assert.Empty(await check.RoleScopes.ToListAsync());
    }

    private static IdentityUserRole<Guid> Holds(Guid userId, IdentityRole<Guid> role) => new() { UserId = userId, RoleId = role.Id };
}
