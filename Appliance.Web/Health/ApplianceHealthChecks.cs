using Appliance.Data;
using Appliance.Hsm;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Appliance.Web.Health;

/// <summary>Ready means: the database answers and every configured HSM region is reachable.</summary>
internal sealed class DatabaseHealthCheck(ApplianceDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}

internal sealed class HsmHealthCheck(ITenantKeyVault vault) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            foreach (var region in vault.Regions)
            {
                _ = vault.WrapAlgorithmFor(region);
            }

            return Task.FromResult(HealthCheckResult.Healthy($"Regions: {string.Join(", ", vault.Regions)}"));
        }
        catch (HsmException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"HSM: {ex.Code}"));
        }
    }
}
