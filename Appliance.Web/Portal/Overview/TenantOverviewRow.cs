using Appliance.Data;
using Appliance.Data.Tenants;
using Appliance.Data.Usage;
using Appliance.Web.Usage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Portal.Overview;

/// <summary>The state of one organisation as the overview shows it.</summary>
public sealed record TenantOverviewRow(
    Guid Id, string Name, string Region, DateTimeOffset ActivatedAt, int? ActiveKeyVersion, int Users, int Documents,
    int LicenceRequests, int LicenceRefusals, int? Templates)
{
    /// <summary>
    /// One grouped count per table, each by an indexed tenant column (users: TenantId+ExternalId; documents:
    /// TenantId+OwnerEmail; usage log: TenantId+Timestamp), so the page costs the same with a million rows as with ten.
    /// </summary>
    public static async Task<List<TenantOverviewRow>> ListAsync(ApplianceDbContext db, ITemplateCounts? templates, DateTimeOffset now, CancellationToken ct)
    {
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.Region, t.ActivatedAt }).ToListAsync(ct);
        var keys = await db.TenantKeys.AsNoTracking().Where(k => k.State == TenantKeyState.Active)
            .GroupBy(k => k.TenantId).Select(g => new { g.Key, Version = g.Max(k => k.Version) }).ToDictionaryAsync(k => k.Key, k => k.Version, ct);
        var users = await db.Users.AsNoTracking().Where(u => u.TenantId != null)
            .GroupBy(u => u.TenantId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var documents = await db.ProtectedDocuments.AsNoTracking()
            .GroupBy(d => d.TenantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var since = now.AddHours(-24);
        var usage = await db.UsageLog.AsNoTracking()
            .Where(e => e.TenantId != null && e.Timestamp >= since && e.RequestType == UsageRequestTypes.AcquireLicense)
            .GroupBy(e => e.TenantId!.Value)
            .Select(g => new { g.Key, Requests = g.Count(), Refused = g.Count(e => e.Result != UsageResult.Granted) })
            .ToDictionaryAsync(g => g.Key, g => (g.Requests, g.Refused), ct);
        var templateCounts = templates is null ? null : await templates.CountByTenantAsync(ct);

        return [.. tenants.Select(t => new TenantOverviewRow(
            t.Id, t.Name, t.Region, t.ActivatedAt,
            keys.TryGetValue(t.Id, out var version) ? version : null,
            users.GetValueOrDefault(t.Id),
            documents.GetValueOrDefault(t.Id),
            usage.GetValueOrDefault(t.Id).Requests,
            usage.GetValueOrDefault(t.Id).Refused,
            templateCounts is null ? null : templateCounts.GetValueOrDefault(t.Id)))];
    }
}

/// <summary>
/// The number of rights policy templates per tenant (Templates/TemplateCounts). An interface so the overview does
/// not depend on the templates feature; the "Templates" column shows when an implementation is registered.
/// </summary>
public interface ITemplateCounts
{
    Task<IReadOnlyDictionary<Guid, int>> CountByTenantAsync(CancellationToken ct);
}
