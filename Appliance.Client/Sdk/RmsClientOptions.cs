namespace Appliance.Client.Sdk;

/// <summary>How to reach the appliance, and the state a caller kept from an earlier session.</summary>
public sealed class RmsClientOptions
{
    public const string DefaultClientId = "rms-cli";

    /// <summary>The appliance's base address, for example https://rms.contoso.test/.</summary>
    public required Uri Server { get; init; }

    /// <summary>The HTTP stack to use; null uses a new <see cref="SocketsHttpHandler"/>. Not disposed by the client.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Tokens from an earlier sign-in.</summary>
    public TokenSet? Tokens { get; init; }

    /// <summary>The identity from an earlier bootstrap.</summary>
    public RmsIdentity? Identity { get; init; }

    /// <summary>An external recipient's address and device key, from an earlier e-mail code sign-in (used when <see cref="Identity"/> is null).</summary>
    public ExternalIdentity? External { get; init; }

    /// <summary>The OAuth client id of the password and refresh grants.</summary>
    public string ClientId { get; init; } = DefaultClientId;

    /// <summary>The clock for token expiry, the device sign-in's polling and a cached licence's validity.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where use licences are kept for offline use; null asks the appliance every time a document is opened.</summary>
    public ILicenseCache? LicenseCache { get; init; }

    /// <summary>How long before its expiry an access token is refreshed.</summary>
    public TimeSpan TokenRefreshSkew { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);
}
