using System.Security.Claims;
using Appliance.Web.Identity;

namespace Appliance.Web.Usage.Reports;

/// <summary>
/// A usage filter narrowed to what its caller may read: every report (the admin API's list and export, the portal's
/// page and export) passes its filter through here before it reaches the database.
/// </summary>
public static class UsageReach
{
    /// <summary>
    /// Administrators read everything. An auditor naming an organisation the role is not held for is refused
    /// (<c>403 forbidden</c>); without one, they read their organisations' entries and none of the appliance's own.
    /// </summary>
    public static async Task<UsageFilter> WithinAsync(this UsageFilter filter, OrganisationScope scope, ClaimsPrincipal caller, CancellationToken ct)
    {
        var reach = await scope.ReachAsync(caller, ApplianceRoles.Auditor, ct);
        if (reach.All)
        {
            return filter;
        }

        if (filter.TenantId is { } tenant)
        {
            await scope.RequireAsync(reach, tenant, ct);
            if (reach.Includes(tenant))
            {
                // One organisation within reach: the tenant condition alone keeps the query on its index.
                return filter;
            }
        }

        return filter with { Organisations = reach.Tenants };
    }
}
