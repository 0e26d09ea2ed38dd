using Microsoft.Extensions.Options;

namespace Appliance.Web.Federation;

/// <summary>One configured provider as the login page shows it: "Sign in with {DisplayName}".</summary>
public sealed record FederationProvider(string Name, string DisplayName)
{
    /// <summary>Where the "Sign in with" button goes.</summary>
    public string SignInPath(string? returnUrl = null) =>
        $"/account/external/{Name}" + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
}

/// <summary>The configured external providers, for the portal's login page.</summary>
public sealed class FederationProviders(IOptions<FederationOptions> options)
{
    private readonly Lazy<IReadOnlyList<FederationProvider>> _all = new(() =>
        [.. options.Value.Providers.Select(p => new FederationProvider(p.Name, p.Label))]);

    public IReadOnlyList<FederationProvider> All => _all.Value;

    internal FederationProviderOptions? Find(string name) =>
        options.Value.Providers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
