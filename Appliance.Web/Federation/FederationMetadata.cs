using System.Collections.Concurrent;
using Appliance.Web.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Appliance.Web.Federation;

/// <summary>
/// Each provider's discovery document and signing keys (JWKS), fetched on first use and refreshed by
/// <see cref="ConfigurationManager{T}"/> (daily, or at once when a token names an unknown key).
/// </summary>
public sealed class FederationMetadata(IOptions<FederationOptions> options, IOptions<ApplianceOptions> appliance, ILogger<FederationMetadata> logger) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);

    public Task<OpenIdConnectConfiguration> GetAsync(FederationProviderOptions provider, CancellationToken ct) =>
        Manager(provider).GetConfigurationAsync(ct);

    /// <summary>Forgets the cached keys: the provider may have rolled its signing key.</summary>
    public void Refresh(FederationProviderOptions provider) => Manager(provider).RequestRefresh();

    /// <summary>The configured provider whose discovery document names <paramref name="issuer"/>.</summary>
    public async Task<FederationProviderOptions?> FindByIssuerAsync(string? issuer, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(issuer))
        {
            return null;
        }

        foreach (var provider in options.Value.Providers)
        {
            try
            {
                if (string.Equals((await GetAsync(provider, ct)).Issuer, issuer, StringComparison.Ordinal))
                {
                    return provider;
                }
            }
            catch (InvalidOperationException ex)
            {
                // One provider being down must not stop the others' users from signing in.
                logger.LogWarning(ex, "The discovery document of provider {Provider} could not be read", provider.Name);
            }
        }

        return null;
    }

    private ConfigurationManager<OpenIdConnectConfiguration> Manager(FederationProviderOptions provider) =>
        _managers.GetOrAdd(provider.Name, _ => new ConfigurationManager<OpenIdConnectConfiguration>(
            provider.Authority.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(_http) { RequireHttps = appliance.Value.RequireHttps }));

    public void Dispose() => _http.Dispose();
}
