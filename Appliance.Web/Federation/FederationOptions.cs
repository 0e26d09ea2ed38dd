namespace Appliance.Web.Federation;

/// <summary>
/// External OpenID Connect providers (AD FS, Entra ID, Keycloak) that may sign people in to the portal
/// and vouch for them at the token endpoint. Bound from <c>Appliance:Federation</c>.
/// </summary>
public sealed class FederationOptions
{
    public const string Section = "Appliance:Federation";

    public List<FederationProviderOptions> Providers { get; set; } = [];
}

public sealed class FederationProviderOptions
{
    /// <summary>Authentication scheme id and path segment, e.g. <c>adfs</c>: lower-case letters, digits, '-'.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>What the login page shows: "Sign in with {DisplayName}".</summary>
    public string? DisplayName { get; set; }

    /// <summary>The issuer URL; its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>The appliance's client id at the provider; also the audience its ID tokens must carry.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Set for a confidential client (AD FS server application, Entra ID, Keycloak confidential).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Further audiences accepted in tokens exchanged at <c>/connect/token</c>, e.g. the client id of a
    /// native application in the same AD FS application group that <c>rms</c> users sign in with.
    /// </summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>The claim carrying the user's e-mail address: <c>email</c> (default) or <c>upn</c> for AD FS.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>Scopes asked for besides <c>openid</c>.</summary>
    public List<string> Scopes { get; set; } = ["email"];

    /// <summary>
    /// The e-mail domains this provider may vouch for. An address outside them is refused, so that no
    /// provider can sign in as a user of another organisation (or as an administrator elsewhere).
    /// </summary>
    public List<string> Domains { get; set; } = [];

    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Name : DisplayName;

    /// <summary>Every audience an ID token of this provider may be issued to.</summary>
    public IEnumerable<string> AcceptedAudiences => Audiences.Prepend(ClientId).Where(a => !string.IsNullOrWhiteSpace(a));

    public bool Vouches(string domain) => Domains.Any(d => string.Equals(d.Trim().TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase));
}
