using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;

namespace Appliance.Web.Licensing;

/// <summary>Decides which rights a caller holds under a policy.</summary>
public static class PolicyEvaluator
{
    /// <param name="callerGroups">The e-mail addresses of every group the caller belongs to, nested ones included.</param>
    /// <param name="organisationMember">
    /// The caller is a user of the document's tenant, so grants to <see cref="TemplatePrincipals.Organization"/>
    /// reach them; external recipients are not.
    /// </param>
    /// <returns>The granted rights in catalogue order; empty when the caller holds none.</returns>
    public static IReadOnlyList<string> RightsOf(ProtectionPolicy policy, string callerEmail, IReadOnlySet<string> callerGroups, bool organisationMember = false)
    {
        if (string.Equals(policy.Owner, callerEmail, StringComparison.OrdinalIgnoreCase))
        {
            // The owner always gets full rights, whatever the grants say.
            return UsageRights.All;
        }

        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var grant in policy.Grants)
        {
            if (string.Equals(grant.Principal, callerEmail, StringComparison.OrdinalIgnoreCase) || callerGroups.Contains(grant.Principal)
                || (organisationMember && IsOrganisation(grant.Principal)))
            {
                held.UnionWith(grant.Rights.Where(UsageRights.IsKnown));
            }
        }

        // The union of every matching grant.
        return held.Contains(UsageRights.Owner)
            ? UsageRights.All
            : [.. UsageRights.All.Where(held.Contains)];
    }

    /// <summary>
    /// Whether evaluating needs the caller's groups: only when some grant names someone else than the caller or
    /// the whole organisation, so a default template's licence costs no group walk.
    /// </summary>
    public static bool NeedsGroups(ProtectionPolicy policy, string callerEmail) =>
        !string.Equals(policy.Owner, callerEmail, StringComparison.OrdinalIgnoreCase)
        && policy.Grants.Any(g => !string.Equals(g.Principal, callerEmail, StringComparison.OrdinalIgnoreCase) && !IsOrganisation(g.Principal));

    private static bool IsOrganisation(string principal) =>
        string.Equals(principal, TemplatePrincipals.Organization, StringComparison.OrdinalIgnoreCase);
}
