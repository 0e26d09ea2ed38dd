using Appliance.Data;
using Appliance.Web.Portal.Overview;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Templates;

/// <summary>Templates per tenant for the portal's overview: one grouped count on the indexed tenant column.</summary>
public sealed class TemplateCounts(ApplianceDbContext db) : ITemplateCounts
{
    public async Task<IReadOnlyDictionary<Guid, int>> CountByTenantAsync(CancellationToken ct) =>
        await db.Templates.AsNoTracking()
            .GroupBy(t => t.TenantId)
            .Select(g => new { TenantId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TenantId, g => g.Count, ct);
}
