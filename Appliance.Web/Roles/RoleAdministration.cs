using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Roles;
using Appliance.Data.Users;
using Appliance.Web.Errors;
using Appliance.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Roles;

/// <summary>
/// Assigns the appliance roles, and the organisations every role but <see cref="ApplianceRoles.Administrator"/> is
/// held for. Changes are left pending on the context: the usage filter saves them together with their admin log
/// entry, so a refused change is never half applied.
/// </summary>
public sealed class RoleAdministration(ApplianceDbContext db, UserManager<ApplianceUser> users)
{
    public static List<RoleSummary> List() =>
        [.. ApplianceRoles.All.Select(r => new RoleSummary(r, ApplianceRoles.Descriptions[r]))];

    /// <summary>
    /// What a change's admin log entry says. The organisations are named unless they are the user's own, the default,
    /// so that entries of users who hold roles for their own organisation read as they always did.
    /// </summary>
    public static string Describe(UserRoles result)
    {
        var action = $"SetRoles {result.Email}: [{string.Join(", ", result.Roles)}]";
        var ownOnly = result.Organisations.Count == 0
            || (result.Organisations.Count == 1 && result.Organisations[0].Id == result.TenantId);
        return ownOnly ? action : $"{action} for [{string.Join(", ", result.Organisations.Select(Label))}]";
    }

    /// <summary>How an organisation is named in the log and the CLI: its first domain, which is unique, else its name.</summary>
    public static string Label(RoleOrganisation organisation) =>
        organisation.Domains.Count > 0 ? organisation.Domains[0] : organisation.Name;

    /// <summary>The roles the user named by e-mail (or user name) holds now.</summary>
    public async Task<UserRoles> GetAsync(string name, CancellationToken ct)
    {
        var key = name.Trim();
        var user = await FindUserAsync(key);
        return (await DescribeAsync([(user.Id, user.Email ?? user.UserName ?? key, user.TenantId)], ct))[0];
    }

    /// <summary>Every user holding at least one role, by e-mail (plain users are left out: they are most users).</summary>
    public async Task<List<UserRoles>> ListAssignmentsAsync(CancellationToken ct)
    {
        var holders = await (from ur in db.UserRoles
                             join u in db.Users on ur.UserId equals u.Id
                             select new { u.Id, Name = u.Email ?? u.UserName ?? string.Empty, u.TenantId }).Distinct().ToListAsync(ct);
        var described = await DescribeAsync([.. holders.Select(h => (h.Id, h.Name, h.TenantId))], ct);
        return [.. described.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Replaces the roles of the user named by e-mail (or by user name, for the first-start <c>admin</c>), and the
    /// organisations the scoped ones are held for: those the request names, by default the user's own.
    /// </summary>
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

        var scopedRoles = ApplianceRoles.Scoped.Where(r => wanted.Contains(roleIds[r])).ToList();
        var tenants = await OrganisationsForAsync(key, user.TenantId, scopedRoles, request.Organisations, ct);

        db.UserRoles.RemoveRange(held.Where(ur => !wanted.Contains(ur.RoleId)));
        db.UserRoles.AddRange(wanted.Where(id => !held.Any(ur => ur.RoleId == id))
            .Select(id => new IdentityUserRole<Guid> { UserId = user.Id, RoleId = id }));

        // Every scoped role the user keeps is held for exactly these organisations; a dropped role's rows go too.
        var scopes = await db.RoleScopes.Where(s => s.UserId == user.Id).ToListAsync(ct);
        var wantedScopes = scopedRoles.SelectMany(r => tenants.Select(t => (RoleId: roleIds[r], TenantId: t))).ToHashSet();
        db.RoleScopes.RemoveRange(scopes.Where(s => !wantedScopes.Contains((s.RoleId, s.TenantId))));
        db.RoleScopes.AddRange(wantedScopes.Where(w => !scopes.Any(s => s.RoleId == w.RoleId && s.TenantId == w.TenantId))
            .Select(w => new RoleScope { UserId = user.Id, RoleId = w.RoleId, TenantId = w.TenantId }));

        var names = ApplianceRoles.All.Where(r => wanted.Contains(roleIds[r])).ToList();
        var organisations = await OrganisationsAsync(tenants, ct);
        return new UserRoles(user.Email ?? user.UserName ?? key, user.TenantId, names, [.. tenants.Select(t => organisations[t])]);
    }

    /// <summary>The organisations the scoped roles are to be held for, in the order of their names.</summary>
    private async Task<List<Guid>> OrganisationsForAsync(
        string key, Guid? ownTenant, List<string> scopedRoles, IReadOnlyList<string>? requested, CancellationToken ct)
    {
        var named = (requested ?? []).ToList();
        if (scopedRoles.Count == 0)
        {
            return named.Count == 0 ? []
                : throw ApplianceProblemException.Validation(
                    $"'organisations' applies to the roles {string.Join(", ", ApplianceRoles.Scoped)}, and none of them is given; "
                    + $"{ApplianceRoles.Administrator} is appliance-wide.");
        }

        if (named.Count == 0)
        {
            return ownTenant is { } own ? [own]
                : throw ApplianceProblemException.Validation(
                    $"{key} belongs to no organisation, so {string.Join(", ", scopedRoles)} must be held for named ones: "
                    + "give 'organisations' (domains or organisation ids).");
        }

        var found = new List<Guid>();
        var unknown = new List<string>();
        foreach (var entry in named)
        {
            var text = (entry ?? string.Empty).Trim();
            // Domains are stored lower-case (TenantDomain).
            var domain = text.ToLowerInvariant();
            Guid? tenant = Guid.TryParse(text, out var id)
                ? await db.Tenants.AsNoTracking().Where(t => t.Id == id).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct)
                : await db.TenantDomains.AsNoTracking().Where(d => d.Domain == domain).Select(d => (Guid?)d.TenantId).FirstOrDefaultAsync(ct);
            if (tenant is { } t)
            {
                found.Add(t);
            }
            else
            {
                unknown.Add(text);
            }
        }

        if (unknown.Count > 0)
        {
            throw ApplianceProblemException.Validation(
                $"Unknown organisation(s): {string.Join(", ", unknown.Select(o => $"'{o}'"))}. Name an activated organisation by one of its domains or its id.");
        }

        var organisations = await OrganisationsAsync(found, ct);
        return [.. found.Distinct().OrderBy(t => organisations[t].Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t)];
    }

    /// <summary>The users' roles and the organisations their scoped roles are held for, in the order given.</summary>
    private async Task<List<UserRoles>> DescribeAsync(IReadOnlyList<(Guid Id, string Name, Guid? TenantId)> holders, CancellationToken ct)
    {
        var ids = holders.Select(h => h.Id).ToList();
        var held = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          where ids.Contains(ur.UserId)
                          select new { ur.UserId, r.Name }).ToListAsync(ct);
        var scopes = await db.RoleScopes.AsNoTracking().Where(s => ids.Contains(s.UserId)).Select(s => new { s.UserId, s.TenantId }).ToListAsync(ct);
        var organisations = await OrganisationsAsync([.. scopes.Select(s => s.TenantId)], ct);
        var rolesOf = held.ToLookup(h => h.UserId, h => h.Name);
        var scopeOf = scopes.ToLookup(s => s.UserId, s => s.TenantId);
        return [.. holders.Select(h => new UserRoles(
            h.Name,
            h.TenantId,
            [.. ApplianceRoles.All.Where(rolesOf[h.Id].Contains)],
            // The API grants every scoped role of a user for the same organisations; the union is what they reach.
            [.. scopeOf[h.Id].Distinct().Select(t => organisations[t]).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ThenBy(o => o.Id)]))];
    }

    private async Task<Dictionary<Guid, RoleOrganisation>> OrganisationsAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken ct)
    {
        var ids = tenantIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new();
        }

        var tenants = await db.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var domains = (await db.TenantDomains.AsNoTracking().Where(d => ids.Contains(d.TenantId)).Select(d => new { d.TenantId, d.Domain }).ToListAsync(ct))
            .ToLookup(d => d.TenantId, d => d.Domain);
        return tenants.ToDictionary(t => t.Id, t => new RoleOrganisation(t.Id, t.Name, [.. domains[t.Id].Order(StringComparer.Ordinal)]));
    }

    private async Task<ApplianceUser> FindUserAsync(string key) =>
        (key.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(key) : null)
            ?? await users.FindByNameAsync(key)
            ?? throw ApplianceProblemException.NotFound($"There is no user {key}.");
}
