using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Users;
using Appliance.Web.Errors;
using Appliance.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Roles;

/// <summary>
/// Assigns the appliance roles. Changes are left pending on the context: the usage filter saves them
/// together with their admin log entry, so a refused change is never half applied.
/// </summary>
public sealed class RoleAdministration(ApplianceDbContext db, UserManager<ApplianceUser> users)
{
    public static List<RoleSummary> List() =>
        [.. ApplianceRoles.All.Select(r => new RoleSummary(r, ApplianceRoles.Descriptions[r]))];

    /// <summary>The roles the user named by e-mail (or user name) holds now.</summary>
    public async Task<UserRoles> GetAsync(string name, CancellationToken ct)
    {
        var key = name.Trim();
        var user = await FindUserAsync(key);
        var held = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          where ur.UserId == user.Id
                          select r.Name).ToListAsync(ct);
        return new UserRoles(user.Email ?? user.UserName ?? key, user.TenantId, [.. ApplianceRoles.All.Where(held.Contains)]);
    }

    /// <summary>Every user holding at least one role, by e-mail (plain users are left out: they are most users).</summary>
    public async Task<List<UserRoles>> ListAssignmentsAsync(CancellationToken ct)
    {
        var held = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          join u in db.Users on ur.UserId equals u.Id
                          select new { u.Id, Name = u.Email ?? u.UserName ?? string.Empty, u.TenantId, Role = r.Name }).ToListAsync(ct);
        return [.. held
            .GroupBy(h => h.Id)
            .Select(g => new UserRoles(g.First().Name, g.First().TenantId, [.. ApplianceRoles.All.Where(r => g.Any(h => h.Role == r))]))
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Replaces the roles of the user named by e-mail (or by user name, for the first-start <c>admin</c>).</summary>
    public async Task<UserRoles> SetAsync(string name, SetRolesRequest request, CancellationToken ct)
    {
        if (request.Roles is null)
        {
            throw ApplianceProblemException.Validation("roles is required: the full list of roles the user should hold, [] for none.");
        }

        var unknown = request.Roles.Where(r => !ApplianceRoles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw ApplianceProblemException.Validation(
                $"Unknown role(s): {string.Join(", ", unknown.Select(r => $"'{r}'"))}. The roles are {string.Join(", ", ApplianceRoles.All)}.");
        }

        var key = name.Trim();
        var user = await FindUserAsync(key);

        var roleIds = await db.Roles.Where(r => r.Name != null && ApplianceRoles.All.Contains(r.Name))
            .ToDictionaryAsync(r => r.Name!, r => r.Id, StringComparer.Ordinal, ct);
        var wanted = request.Roles.Distinct(StringComparer.Ordinal).Select(r => roleIds[r]).ToHashSet();
        var held = await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(ct);

        var adminRoleId = roleIds[ApplianceRoles.Administrator];
        if (held.Any(ur => ur.RoleId == adminRoleId) && !wanted.Contains(adminRoleId)
            && await db.UserRoles.CountAsync(ur => ur.RoleId == adminRoleId, ct) <= 1)
        {
            // Service principals are not counted: a person must always be able to sign in and administer.
            // Bound: two administrators demoting each other at the same instant could both pass this check on
            // PostgreSQL (SQLite serialises writers); accepted, as it takes two administrators acting at once.
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.Conflict,
                $"{key} is the last global administrator; make someone else {ApplianceRoles.Administrator} first.");
        }

        db.UserRoles.RemoveRange(held.Where(ur => !wanted.Contains(ur.RoleId)));
        db.UserRoles.AddRange(wanted.Where(id => !held.Any(ur => ur.RoleId == id))
            .Select(id => new IdentityUserRole<Guid> { UserId = user.Id, RoleId = id }));

        var names = ApplianceRoles.All.Where(r => wanted.Contains(roleIds[r])).ToList();
        return new UserRoles(user.Email ?? user.UserName ?? key, user.TenantId, names);
    }

    private async Task<ApplianceUser> FindUserAsync(string key) =>
        (key.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(key) : null)
            ?? await users.FindByNameAsync(key)
            ?? throw ApplianceProblemException.NotFound($"There is no user {key}.");
}
