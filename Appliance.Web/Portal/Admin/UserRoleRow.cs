using Appliance.Data;
using Appliance.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Portal.Admin;

/// <summary>A user and the appliance roles they hold now, as the roles page lists them.</summary>
internal sealed record UserRoleRow(string Name, string? Tenant, IReadOnlyList<string> Roles)
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
        var byUser = held.ToLookup(h => h.UserId, h => h.Name);
        return [.. users
            .OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserRoleRow(
                u.Name,
                u.TenantId is { } t && tenants.TryGetValue(t, out var name) ? name : null,
                [.. ApplianceRoles.All.Where(r => byUser[u.Id].Contains(r))]))];
    }
}
