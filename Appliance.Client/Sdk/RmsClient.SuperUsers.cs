using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>A tenant's super users through the admin API (global administrators only).</summary>
public sealed partial class RmsClient
{
    private static string SuperUsersPath(Guid tenantId) => $"api/admin/v1/tenants/{tenantId}/super-users";

    public Task<SuperUserSettings> GetSuperUsersAsync(Guid tenantId, CancellationToken ct = default) =>
        _api.SendAsync<SuperUserSettings>(HttpMethod.Get, SuperUsersPath(tenantId), null, ct);

    public Task<SuperUserSettings> SetSuperUsersEnabledAsync(Guid tenantId, bool enabled, CancellationToken ct = default) =>
        _api.SendAsync<SuperUserSettings>(HttpMethod.Put, SuperUsersPath(tenantId), new SetSuperUsersRequest(enabled), ct);

    public Task<SuperUserMemberSummary> AddSuperUserAsync(Guid tenantId, string principal, CancellationToken ct = default) =>
        _api.SendAsync<SuperUserMemberSummary>(HttpMethod.Post, SuperUsersPath(tenantId) + "/members", new AddSuperUserRequest(principal), ct);

    public Task RemoveSuperUserAsync(Guid tenantId, string principal, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{SuperUsersPath(tenantId)}/members/{Uri.EscapeDataString(principal)}", null, ct);
}
