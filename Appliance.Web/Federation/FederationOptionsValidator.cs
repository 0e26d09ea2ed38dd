using System.Text.RegularExpressions;
using Appliance.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Federation;

/// <summary>Stops the node at start-up with one sentence per mistake in <c>Appliance:Federation</c>.</summary>
internal sealed partial class FederationOptionsValidator(IOptions<ApplianceOptions> appliance) : IValidateOptions<FederationOptions>
{
    public ValidateOptionsResult Validate(string? name, FederationOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Providers.Count; i++)
        {
            var p = options.Providers[i];
            var at = $"Appliance:Federation:Providers:{i}";
            var providerName = p.Name ?? string.Empty;
            if (!NamePattern().IsMatch(providerName))
            {
                failures.Add($"{at}:Name '{providerName}' must be 1-32 lower-case letters, digits or '-' (it is a URL segment, e.g. 'adfs').");
            }
            else if (!seen.Add(providerName))
            {
                failures.Add($"{at}:Name '{p.Name}' is used by two providers.");
            }

            if (!Uri.TryCreate(p.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{at}:Authority '{p.Authority}' is not an http(s) URL (the issuer, e.g. https://adfs.contoso.com/adfs).");
            }
            else if (authority.Scheme != Uri.UriSchemeHttps && appliance.Value.RequireHttps)
            {
                failures.Add($"{at}:Authority '{p.Authority}' must use https while Appliance:RequireHttps is true.");
            }

            if (string.IsNullOrWhiteSpace(p.ClientId))
            {
                failures.Add($"{at}:ClientId is required (the appliance's client id at the provider).");
            }

            if (string.IsNullOrWhiteSpace(p.EmailClaim))
            {
                failures.Add($"{at}:EmailClaim must name a claim, e.g. 'email' or 'upn'.");
            }

            if (p.Domains.Count == 0)
            {
                failures.Add($"{at}:Domains must list the e-mail domains this provider may vouch for.");
            }
            else if (p.Domains.FirstOrDefault(d => !DomainPattern().IsMatch(d.Trim().TrimStart('@'))) is { } bad)
            {
                failures.Add($"{at}:Domains entry '{bad}' is not a domain name.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex DomainPattern();
}
