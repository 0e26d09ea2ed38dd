using Appliance.Crypto.Licensing;
using Appliance.Crypto.Rights;

namespace Appliance.Web.Licensing;

/// <summary>Decides which rights a caller holds under a policy.</summary>
public static class PolicyEvaluator
{
    /// <returns>The granted rights in catalogue order; empty when the caller holds none.</returns>
    public static IReadOnlyList<string> RightsOf(ProtectionPolicy policy, string callerEmail)
    {
        if (string.Equals(policy.Owner, callerEmail, StringComparison.OrdinalIgnoreCase))
        {
            // The owner always gets full rights, whatever the grants say.
            return UsageRights.All;
        }

        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var grant in policy.Grants)
        {
            if (string.Equals(grant.Principal, callerEmail, StringComparison.OrdinalIgnoreCase))
            {
                held.UnionWith(grant.Rights.Where(UsageRights.IsKnown));
            }
        }

        return held.Contains(UsageRights.Owner)
            ? UsageRights.All
            : [.. UsageRights.All.Where(held.Contains)];
    }
}
