using System.Security.Claims;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Services;

/// <summary>
/// A service principal calling with a client-credentials token: its subject is its client id (<c>svc-…</c>), never a
/// user id, so it cannot pass for a user.
/// </summary>
public static class ServiceCaller
{
    public const string ClientIdPrefix = "svc-";

    public static bool TryFrom(ClaimsPrincipal principal, out string clientId)
    {
        clientId = principal.FindFirst(Claims.Subject)?.Value ?? string.Empty;
        return clientId.StartsWith(ClientIdPrefix, StringComparison.Ordinal);
    }
}
