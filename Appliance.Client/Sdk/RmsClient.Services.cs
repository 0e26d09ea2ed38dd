using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>Service principals and what content they may read, through the admin API (global administrators only).</summary>
public sealed partial class RmsClient
{
    private static string ContentAccessPath(string clientId) => $"api/admin/v1/services/{Uri.EscapeDataString(clientId)}/content-access";

    /// <summary>Creates a client-credentials service; its secret is in the answer and nowhere else.</summary>
    public Task<CreatedService> CreateServiceAsync(CreateServiceRequest request, CancellationToken ct = default) =>
        _api.SendAsync<CreatedService>(HttpMethod.Post, "api/admin/v1/services", request, ct);

    public Task<IReadOnlyList<ServiceContentAccess>> ListServiceContentAccessAsync(string clientId, CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<ServiceContentAccess>>(HttpMethod.Get, ContentAccessPath(clientId), null, ct);

    public Task<ServiceContentAccess> SetServiceContentAccessAsync(string clientId, Guid tenantId, ServiceContentAccessRequest request, CancellationToken ct = default) =>
        _api.SendAsync<ServiceContentAccess>(HttpMethod.Put, $"{ContentAccessPath(clientId)}/{tenantId}", request, ct);

    public Task RemoveServiceContentAccessAsync(string clientId, Guid tenantId, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{ContentAccessPath(clientId)}/{tenantId}", null, ct);
}
