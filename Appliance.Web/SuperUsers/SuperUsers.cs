using Appliance.Data;
using Appliance.Data.Tenants;
using Appliance.Web.Groups;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.SuperUsers;

/// <summary>Whether a caller is a super user of a tenant right now, for the licence being issued.</summary>
public sealed class SuperUsers(ApplianceDbContext db, GroupResolver groups)
{
    /// <summary>
    /// Reads the members afresh for every licence (no cache), so disabling the feature or removing a member applies
    /// to the next licence on every node. Groups are walked only when a group is a member.
    /// </summary>
    public async Task<bool> IsSuperUserAsync(Tenant tenant, Guid userId, string email, CancellationToken ct)
    {
        if (!tenant.SuperUsersEnabled)
        {
            return false;
        }

        var address = email.ToLowerInvariant();
        var members = await db.SuperUserMembers.AsNoTracking().Where(m => m.TenantId == tenant.Id)
            .Select(m => new { m.Principal, m.IsGroup }).ToListAsync(ct);
        if (members.Any(m => !m.IsGroup && m.Principal == address))
        {
            return true;
        }

        if (!members.Any(m => m.IsGroup))
        {
            return false;
        }

        var callerGroups = await groups.GroupEmailsOfAsync(tenant.Id, userId, ct);
        return members.Any(m => m.IsGroup && callerGroups.Contains(m.Principal));
    }
}
