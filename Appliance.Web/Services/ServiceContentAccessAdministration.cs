using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Data;
using Appliance.Data.Services;
using Appliance.Web.Errors;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Appliance.Web.Services;

/// <summary>
/// Which services may read which organisation's content. Changes are left pending on the context; the admin API's
/// usage filter saves them with the admin-log entry.
/// </summary>
public sealed class ServiceContentAccessAdministration(ApplianceDbContext db, IOpenIddictApplicationManager applications, TimeProvider clock)
{
    /// <summary>What a service gets when the administrator names no rights: enough to read and index, nothing more.</summary>
    public static IReadOnlyList<string> DefaultRights { get; } = [UsageRights.View, UsageRights.Extract];

    public async Task<List<ServiceContentAccess>> ListAsync(string clientId, CancellationToken ct)
    {
        await RequireServiceAsync(clientId, ct);
        var grants = await db.ServiceContentGrants.AsNoTracking().Where(g => g.ClientId == clientId).OrderBy(g => g.Id).ToListAsync(ct);
        return [.. grants.Select(Of)];
    }

    public async Task<ServiceContentAccess> SetAsync(string clientId, Guid tenantId, ServiceContentAccessRequest request, string grantedBy, CancellationToken ct)
    {
        await RequireServiceAsync(clientId, ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            throw ApplianceProblemException.NotFound($"There is no activated organisation {tenantId}.");
        }

        IReadOnlyList<string> rights;
        try
        {
            rights = request?.Rights is { } named ? UsageRights.Parse(string.Join(',', named)) : DefaultRights;
        }
        catch (ArgumentException ex)
        {
            throw ApplianceProblemException.Validation(ex.Message);
        }

        if (rights.Count == 0)
        {
            throw ApplianceProblemException.Validation("rights names no right; leave it out for VIEW and EXTRACT.");
        }

        var templateIds = request?.TemplateIds?.Distinct().ToList();
        if (templateIds is { Count: 0 })
        {
            throw ApplianceProblemException.Validation("templateIds is empty; leave it out for all of the organisation's content.");
        }

        if (templateIds is not null)
        {
            var known = await db.Templates.Where(t => t.TenantId == tenantId && templateIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
            if (templateIds.Except(known).ToList() is [var missing, ..])
            {
                throw ApplianceProblemException.NotFound($"The organisation has no template {missing}.");
            }
        }

        var grant = await db.ServiceContentGrants.FirstOrDefaultAsync(g => g.ClientId == clientId && g.TenantId == tenantId, ct);
        if (grant is null)
        {
            grant = new ServiceContentGrant { ClientId = clientId, TenantId = tenantId, Rights = string.Empty, GrantedBy = grantedBy };
            db.ServiceContentGrants.Add(grant);
        }

        grant.TemplateIds = templateIds;
        grant.Rights = string.Join(',', rights);
        grant.GrantedAt = clock.GetUtcNow();
        grant.GrantedBy = grantedBy;
        return Of(grant);
    }

    public async Task RemoveAsync(string clientId, Guid tenantId, CancellationToken ct)
    {
        var grant = await db.ServiceContentGrants.FirstOrDefaultAsync(g => g.ClientId == clientId && g.TenantId == tenantId, ct)
            ?? throw ApplianceProblemException.NotFound($"{clientId} has no access to the content of organisation {tenantId}.");
        db.ServiceContentGrants.Remove(grant);
    }

    private async Task RequireServiceAsync(string clientId, CancellationToken ct)
    {
        if (!clientId.StartsWith(ServiceCaller.ClientIdPrefix, StringComparison.Ordinal) || await applications.FindByClientIdAsync(clientId, ct) is null)
        {
            throw ApplianceProblemException.NotFound($"There is no service {clientId}.");
        }
    }

    private static ServiceContentAccess Of(ServiceContentGrant g) =>
        new(g.ClientId, g.TenantId, g.TemplateIds, g.Rights.Split(',', StringSplitOptions.RemoveEmptyEntries), g.GrantedAt, g.GrantedBy);
}
