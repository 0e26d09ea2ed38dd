using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Tenants;
using Appliance.Web.Errors;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tenants;

/// <summary>
/// An organisation's own settings. Changes are left pending on the context; the caller saves them with its audit
/// entry (the admin API's usage filter, or the portal's audit).
/// </summary>
public sealed class TenantSettingsAdministration(ApplianceDbContext db)
{
    /// <summary>Ten years: beyond that "offline" stops meaning anything but "never ask again".</summary>
    public const int MaxOfflineDaysLimit = 3650;

    public async Task<TenantSettings> GetAsync(Guid tenantId, CancellationToken ct) =>
        Of(await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct) ?? throw Unknown(tenantId));

    /// <summary>
    /// Sets the offline cap. Lowering it takes effect for content already protected too, because the cap is applied
    /// when each licence is issued; templates keep their own setting and are cut to the cap.
    /// </summary>
    public async Task<TenantSettings> SetAsync(Guid tenantId, TenantSettingsRequest request, CancellationToken ct)
    {
        if (request?.MaxOfflineDays is not { } days)
        {
            throw ApplianceProblemException.Validation("maxOfflineDays is required.");
        }

        if (days is < 0 or > MaxOfflineDaysLimit)
        {
            throw ApplianceProblemException.Validation(
                $"maxOfflineDays must be between 0 (always ask the appliance) and {MaxOfflineDaysLimit}; it was {days}.");
        }

        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, ct) ?? throw Unknown(tenantId);
        tenant.MaxOfflineDays = days;
        return Of(tenant);
    }

    private static TenantSettings Of(Tenant tenant) => new(tenant.Id, tenant.Name, tenant.MaxOfflineDays);

    private static ApplianceProblemException Unknown(Guid tenantId) =>
        ApplianceProblemException.NotFound($"There is no activated organisation {tenantId}.");
}
