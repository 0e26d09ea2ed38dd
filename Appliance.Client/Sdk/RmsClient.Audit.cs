using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>The usage log's chains and checkpoints through the admin API (administrators and auditors).</summary>
public sealed partial class RmsClient
{
    public Task<List<UsageChainSummary>> ListUsageChainsAsync(CancellationToken ct = default) =>
        _api.SendAsync<List<UsageChainSummary>>(HttpMethod.Get, "api/admin/v1/audit/chains", null, ct);

    /// <param name="chain">An organisation's id or "appliance"; every chain when null.</param>
    public Task<AuditVerificationResponse> VerifyUsageLogAsync(string? chain, CancellationToken ct = default) =>
        _api.SendAsync<AuditVerificationResponse>(HttpMethod.Post,
            chain is null ? "api/admin/v1/audit/verify" : $"api/admin/v1/audit/verify?chain={Uri.EscapeDataString(chain)}", null, ct);

    public Task<UsageCheckpointSummary> CreateUsageCheckpointAsync(string chain, CancellationToken ct = default) =>
        _api.SendAsync<UsageCheckpointSummary>(HttpMethod.Post, $"api/admin/v1/audit/chains/{Uri.EscapeDataString(chain)}/checkpoints", null, ct);
}
