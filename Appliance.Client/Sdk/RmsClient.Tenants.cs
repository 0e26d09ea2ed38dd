using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>An organisation's own settings through the admin API (global administrators only).</summary>
public sealed partial class RmsClient
{
    private static string TenantSettingsPath(Guid tenantId) => $"api/admin/v1/tenants/{tenantId}/settings";

    public Task<TenantSettings> GetTenantSettingsAsync(Guid tenantId, CancellationToken ct = default) =>
        _api.SendAsync<TenantSettings>(HttpMethod.Get, TenantSettingsPath(tenantId), null, ct);

    /// <summary>Sets the cap on offline use of the organisation's content; it applies from the next licence issued.</summary>
    public Task<TenantSettings> SetTenantSettingsAsync(Guid tenantId, TenantSettingsRequest request, CancellationToken ct = default) =>
        _api.SendAsync<TenantSettings>(HttpMethod.Put, TenantSettingsPath(tenantId), request, ct);
}
