using Appliance.Data;
using Appliance.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Portal.Admin;

/// <summary>
/// A user, the appliance roles they hold now and the organisations (ids) their scoped roles are held for, as the roles
/// page lists them.
/// </summary>
internal sealed record UserRoleRow(string Name, string? Tenant, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Organisations)
{
    public static async Task<List<UserRoleRow>> ListAsync(ApplianceDbContext db)
    {
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, Name = u.Email ?? u.UserName ?? string.Empty, u.TenantId })
            .ToListAsync();
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
        var held = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          select new { ur.UserId, r.Name }).ToListAsync();
        var scopes = await db.RoleScopes.AsNoTracking().Select(s => new { s.UserId, s.TenantId }).ToListAsync();
        var byUser = held.ToLookup(h => h.UserId, h => h.Name);
        var scopeOf = scopes.ToLookup(s => s.UserId, s => s.TenantId);
        return [.. users
            .OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserRoleRow(
                u.Name,
                u.TenantId is { } t && tenants.TryGetValue(t, out var name) ? name : null,
                [.. ApplianceRoles.All.Where(r => byUser[u.Id].Contains(r))],
                [.. scopeOf[u.Id].Distinct().OrderBy(id => tenants.GetValueOrDefault(id), StringComparer.OrdinalIgnoreCase)]))];
    }
}
