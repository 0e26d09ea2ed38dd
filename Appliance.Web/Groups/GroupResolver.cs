using Appliance.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Groups;

/// <summary>
/// Finds every group a user belongs to, directly or through nested groups. It reads the membership
/// graph at each request, so a change applies to the very next licence request (no cache, no bound to
/// wait for). Cycles end the walk instead of looping.
/// </summary>
public sealed class GroupResolver(ApplianceDbContext db)
{
    /// <summary>A walk deeper than this is a data error (AD limits nesting far below it).</summary>
    public const int MaxDepth = 64;

    /// <returns>The lower-case e-mail addresses of the user's groups within the tenant.</returns>
    public async Task<IReadOnlySet<string>> GroupEmailsOfAsync(Guid tenantId, Guid userId, CancellationToken ct)
    {
        var seen = new HashSet<Guid>();
        var frontier = await db.GroupMemberships.AsNoTracking()
            .Where(m => m.MemberUserId == userId)
            .Select(m => m.GroupId)
            .ToListAsync(ct);
        for (var depth = 0; frontier.Count > 0 && depth < MaxDepth; depth++)
        {
            frontier = [.. frontier.Where(seen.Add)];
            if (frontier.Count == 0)
            {
                break;
            }

            var current = frontier;
            frontier = await db.GroupMemberships.AsNoTracking()
                .Where(m => m.MemberGroupId != null && current.Contains(m.MemberGroupId.Value))
                .Select(m => m.GroupId)
                .ToListAsync(ct);
        }

        if (seen.Count == 0)
        {
            return new HashSet<string>();
        }

        var emails = await db.Groups.AsNoTracking()
            .Where(g => g.TenantId == tenantId && seen.Contains(g.Id))
            .Select(g => g.Email)
            .ToListAsync(ct);
        return emails.ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
