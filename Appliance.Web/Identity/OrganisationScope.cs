using System.Security.Claims;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Web.Errors;
using Microsoft.EntityFrameworkCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Identity;

/// <summary>
/// The organisations a caller reaches with a role, for one <see cref="Role"/>. <see cref="All"/>: a global
/// administrator, who also reaches the appliance's own records (which concern no organisation).
/// </summary>
public sealed record TenantReach(string Role, bool All, IReadOnlySet<Guid> Tenants)
{
    public static TenantReach Everything(string role) => new(role, true, new HashSet<Guid>());

    /// <summary>Whether the caller reaches <paramref name="tenantId"/>; null is the appliance itself, for administrators only.</summary>
    public bool Includes(Guid? tenantId) => All || (tenantId is { } id && Tenants.Contains(id));
}

/// <summary>
/// The one place that decides which organisations a caller's role reaches. The role policies
/// (<see cref="CurrentRoleHandler"/>) decide whether the caller holds the role at all; wherever a request then touches
/// an organisation, it asks here whether the role is held for that one.
/// <para>
/// <c>Administrator</c> is appliance-wide: a global administrator (a user, or a service created as an administrator)
/// reaches every organisation and the appliance's own records. Every other role reaches only the organisations it is
/// held for (<see cref="Data.Roles.RoleScope"/>), read from the database at each call, as the roles themselves are.
/// A service holds <c>Administrator</c> or nothing, so it reaches everything or nothing.
/// </para>
/// </summary>
public sealed class OrganisationScope(ApplianceDbContext db)
{
    /// <summary>The organisations <paramref name="caller"/> reaches as an administrator or with <paramref name="role"/>.</summary>
    public async Task<TenantReach> ReachAsync(ClaimsPrincipal caller, string role, CancellationToken ct)
    {
        var subject = caller.Identity?.IsAuthenticated == true ? caller.FindFirst(Claims.Subject)?.Value : null;
        if (subject is null)
        {
            return Nothing(role);
        }

        // Only the token endpoint and the portal's sign-in set subjects: a user's id, or a service's "svc-…" client id.
        if (!Guid.TryParse(subject, out var userId))
        {
            return caller.FindAll(Claims.Role).Any(c => c.Value == ApplianceRoles.Administrator) ? TenantReach.Everything(role) : Nothing(role);
        }

        var held = await (from userRole in db.UserRoles
                          join r in db.Roles on userRole.RoleId equals r.Id
                          where userRole.UserId == userId && (r.Name == ApplianceRoles.Administrator || r.Name == role)
                          select r.Name).ToListAsync(ct);
        if (held.Contains(ApplianceRoles.Administrator))
        {
            return TenantReach.Everything(role);
        }

        if (!held.Contains(role))
        {
            return Nothing(role);
        }

        var tenants = await (from scope in db.RoleScopes
                             join r in db.Roles on scope.RoleId equals r.Id
                             where scope.UserId == userId && r.Name == role
                             select scope.TenantId).ToListAsync(ct);
        return new TenantReach(role, false, tenants.ToHashSet());
    }

    /// <summary>May <paramref name="caller"/> use <paramref name="role"/> (or be an administrator) on <paramref name="tenantId"/>?</summary>
    public async Task<bool> MayAsync(ClaimsPrincipal caller, string role, Guid? tenantId, CancellationToken ct) =>
        (await ReachAsync(caller, role, ct)).Includes(tenantId);

    /// <inheritdoc cref="RequireAsync(TenantReach, Guid?, CancellationToken)"/>
    public async Task RequireAsync(ClaimsPrincipal caller, string role, Guid? tenantId, CancellationToken ct) =>
        await RequireAsync(await ReachAsync(caller, role, ct), tenantId, ct);

    /// <summary>
    /// Refuses with <c>403 forbidden</c> an organisation the caller named but does not reach, and the appliance's own
    /// records (<paramref name="tenantId"/> null) to anyone but an administrator. An id that names no organisation has
    /// nothing to protect: the request goes on and answers as it would for anyone (not found, or nothing).
    /// </summary>
    public async Task RequireAsync(TenantReach reach, Guid? tenantId, CancellationToken ct)
    {
        if (reach.Includes(tenantId))
        {
            return;
        }

        if (tenantId is not { } id)
        {
            throw new ApplianceProblemException(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
                "The appliance's own records concern no organisation: only a global administrator may read them.");
        }

        var name = await db.Tenants.AsNoTracking().Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(ct);
        if (name is not null)
        {
            // SECURITY: the organisation was named by the caller, so saying that it exists tells them nothing new.
            throw new ApplianceProblemException(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
                $"The role {reach.Role} is not held for the organisation {name}; a global administrator can grant it for {name}.");
        }
    }

    /// <summary>The organisations <paramref name="reach"/> covers, by name, as the portal's pickers offer them.</summary>
    public async Task<Dictionary<Guid, string>> TenantNamesAsync(TenantReach reach, CancellationToken ct)
    {
        var tenants = db.Tenants.AsNoTracking();
        if (!reach.All)
        {
            var ids = reach.Tenants.ToList();
            tenants = tenants.Where(t => ids.Contains(t.Id));
        }

        // In the database's order of names, as every organisation picker of the portal lists them.
        return await tenants.OrderBy(t => t.Name).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
    }

    private static TenantReach Nothing(string role) => new(role, false, new HashSet<Guid>());
}
