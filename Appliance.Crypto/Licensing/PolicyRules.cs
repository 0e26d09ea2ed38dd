using Appliance.Crypto.Rights;

namespace Appliance.Crypto.Licensing;

/// <summary>What makes a <see cref="ProtectionPolicy"/> well formed, for writing (normalise or throw) and reading (check).</summary>
internal static class PolicyRules
{
    internal const int MaxPrincipalLength = 320;
    internal const int MaxGrants = 10_000;
    internal const int MaxTemplateNameLength = 256;

    /// <summary>Returns the policy with principals lower-cased and rights in canonical form.</summary>
    /// <exception cref="ArgumentException">A missing owner, an empty principal, an unknown right, negative offline days, ...</exception>
    internal static ProtectionPolicy Normalize(ProtectionPolicy policy, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(policy, parameterName);
        if (!IsPrincipal(policy.Owner))
        {
            throw new ArgumentException("The policy needs an owner e-mail address.", parameterName);
        }

        if (policy.Grants is null || policy.Grants.Count > MaxGrants)
        {
            throw new ArgumentException($"The policy needs a list of at most {MaxGrants} grants.", parameterName);
        }

        var grants = new List<RightsGrant>(policy.Grants.Count);
        foreach (var grant in policy.Grants)
        {
            if (grant is null || !IsPrincipal(grant.Principal) || grant.Rights is null)
            {
                throw new ArgumentException("Every grant needs a principal e-mail address and a list of rights.", parameterName);
            }

            grants.Add(new RightsGrant(grant.Principal.Trim().ToLowerInvariant(), UsageRights.Canonicalize(grant.Rights, parameterName)));
        }

        if (policy.OfflineDays is < 0)
        {
            throw new ArgumentException("Offline days cannot be negative.", parameterName);
        }

        if (policy.TemplateName is { Length: 0 or > MaxTemplateNameLength })
        {
            throw new ArgumentException($"A template name has 1 to {MaxTemplateNameLength} characters.", parameterName);
        }

        return policy with { Owner = policy.Owner.Trim().ToLowerInvariant(), Grants = grants.AsReadOnly() };
    }

    /// <summary>True when a policy read from the wire is well formed (rights must already be spelled exactly).</summary>
    internal static bool IsValid(ProtectionPolicy policy)
    {
        if (!IsPrincipal(policy.Owner) || policy.Grants.Count > MaxGrants || policy.OfflineDays is < 0
            || policy.TemplateName is { Length: 0 or > MaxTemplateNameLength })
        {
            return false;
        }

        foreach (var grant in policy.Grants)
        {
            if (grant is null || !IsPrincipal(grant.Principal) || !AreKnownRights(grant.Rights))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool AreKnownRights(IReadOnlyList<string> rights)
    {
        foreach (var right in rights)
        {
            if (!UsageRights.IsKnown(right))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPrincipal(string? principal) =>
        !string.IsNullOrWhiteSpace(principal) && principal.Length <= MaxPrincipalLength;
}
