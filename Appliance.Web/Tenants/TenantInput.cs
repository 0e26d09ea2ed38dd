using System.Globalization;
using Appliance.Web.Errors;

namespace Appliance.Web.Tenants;

/// <summary>Validation of what an administrator types when activating a tenant.</summary>
public static class TenantInput
{
    public const int MaxNameLength = 200;

    public static string OrganisationName(string? value)
    {
        var name = value?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            throw ApplianceProblemException.Validation("The organisation name is required.");
        }

        if (name.Length > MaxNameLength)
        {
            throw ApplianceProblemException.Validation($"The organisation name is longer than {MaxNameLength} characters.");
        }

        if (name.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            throw ApplianceProblemException.Validation("The organisation name contains control characters.");
        }

        return name;
    }

    public static string Region(string? value)
    {
        var region = value?.Trim().ToLowerInvariant() ?? string.Empty;
        if (region.Length is 0 or > 32 || !region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw ApplianceProblemException.Validation("The region must be a short name such as 'emea'.");
        }

        return region;
    }

    public static List<string> Domains(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            throw ApplianceProblemException.Validation("At least one e-mail domain is required.");
        }

        var domains = new List<string>();
        foreach (var raw in values)
        {
            var domain = raw?.Trim().TrimEnd('.').ToLowerInvariant() ?? string.Empty;
            if (domain.Length is 0 or > 253 || !domain.Contains('.', StringComparison.Ordinal)
                || Uri.CheckHostName(domain) != UriHostNameType.Dns)
            {
                throw ApplianceProblemException.Validation($"'{raw}' is not an e-mail domain such as contoso.com.");
            }

            if (!domains.Contains(domain))
            {
                domains.Add(domain);
            }
        }

        return domains;
    }
}
