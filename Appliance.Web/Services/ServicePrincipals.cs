using System.Security.Cryptography;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.Web.Errors;
using Appliance.Web.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Services;

/// <summary>
/// Services that call the appliance with the client-credentials grant (automation, indexing). A
/// service is an OpenIddict confidential client; its roles travel in the client's properties.
/// </summary>
public sealed class ServicePrincipals(IOpenIddictApplicationManager applications)
{
    public const string RolesProperty = "appliance_roles";

    public async Task<CreatedService> CreateAsync(CreateServiceRequest request, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw ApplianceProblemException.Validation("A service name is 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        var clientId = ServiceCaller.ClientIdPrefix + name.ToLowerInvariant();
        if (await applications.FindByClientIdAsync(clientId, ct) is not null)
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.Conflict, $"The service {clientId} already exists.");
        }

        // Shown once; OpenIddict keeps only a hash of it.
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var roles = request.IsAdmin ? new[] { ApplianceRoles.Administrator } : [];
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + OAuthClients.ApiScope,
            },
        };
        descriptor.Properties[RolesProperty] = JsonSerializer.SerializeToElement(roles);
        await applications.CreateAsync(descriptor, ct);
        return new CreatedService(clientId, secret, roles);
    }

    /// <summary>The roles of a service, read afresh at every token request so a change applies at once.</summary>
    public async Task<string[]> RolesAsync(string clientId, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(clientId, ct);
        if (application is null)
        {
            return [];
        }

        var properties = await applications.GetPropertiesAsync(application, ct);
        return properties.TryGetValue(RolesProperty, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(r => r.GetString()).OfType<string>()]
            : [];
    }
}
