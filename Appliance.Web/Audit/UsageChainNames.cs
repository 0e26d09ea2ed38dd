using Appliance.Data.Usage;
using Appliance.Web.Errors;

namespace Appliance.Web.Audit;

internal static class UsageChainNames
{
    /// <summary>"appliance" or a tenant id, as the chain column holds it; anything else is a 400.</summary>
    public static string Parse(string? chain) =>
        string.Equals(chain, UsageChains.Appliance, StringComparison.OrdinalIgnoreCase) ? UsageChains.Appliance
        : Guid.TryParse(chain, out var tenantId) ? UsageChains.Of(tenantId)
        : throw ApplianceProblemException.Validation($"'{chain}' is not a usage chain: give an organisation's id or \"{UsageChains.Appliance}\".");

    public static Guid? TenantOf(string chain) => Guid.TryParse(chain, out var tenantId) ? tenantId : null;
}
