using Appliance.Hsm;
using Appliance.Web.Errors;
using Appliance.Web.Tenants;

namespace Appliance.Web.Portal.Admin;

/// <summary>What the activation page's first step checked, shown back for confirmation.</summary>
internal sealed record ActivationReview(string Organisation, string Region, List<string> Domains)
{
    private static readonly char[] _separators = [' ', ',', ';', '\n', '\r', '\t'];

    /// <summary>The same rules as the activation itself, so the confirmation step never shows something it will refuse.</summary>
    public static ActivationReview Check(string? organisation, string? region, string? domains, ITenantKeyVault vault)
    {
        var name = TenantInput.OrganisationName(organisation);
        var served = TenantInput.Region(region);
        if (!vault.Regions.Contains(served, StringComparer.Ordinal))
        {
            throw ApplianceProblemException.Validation($"This node does not serve the region '{served}'.");
        }

        var list = TenantInput.Domains(domains?.Split(_separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new ActivationReview(name, served, list);
    }
}
