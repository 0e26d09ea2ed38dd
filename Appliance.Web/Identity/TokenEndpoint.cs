using System.Security.Claims;
using Appliance.Crypto.Protocol;
using Appliance.Data.DirectorySync;
using Appliance.Data.Users;
using Appliance.Web.DirectorySync;
using Appliance.Web.ExternalUsers;
using Appliance.Web.Federation;
using Appliance.Web.Services;
using Appliance.Web.Settings;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Identity;

/// <summary>
/// The OAuth 2.0 token endpoint (OpenIddict pass-through): resource-owner password for people using
/// <c>rms</c>, refresh tokens, and client credentials for services.
/// </summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", ExchangeAsync).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext http,
        UserManager<ApplianceUser> users,
        SignInManager<ApplianceUser> signIn,
        ServicePrincipals services,
        LdapSignIn ldap,
        ExternalSignIn external,
        FederatedTokenExchange federation)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsPasswordGrantType())
        {
            var user = await FindUserAsync(users, request.Username);
            if (user is null)
            {
                return Refuse(OpenIddictConstants.Errors.InvalidGrant, "The user name or password is incorrect.");
            }

            if (user.Source == PrincipalSources.Ldap)
            {
                return await LdapPasswordGrantAsync(http, users, ldap, user, request);
            }

            var check = await signIn.CheckPasswordSignInAsync(user, request.Password ?? string.Empty, lockoutOnFailure: true);
            if (check.IsLockedOut)
            {
                return Refuse(OpenIddictConstants.Errors.InvalidGrant, "The account is locked; try again later.");
            }

            if (!check.Succeeded)
            {
                return Refuse(OpenIddictConstants.Errors.InvalidGrant, "The user name or password is incorrect.");
            }

            if (await PasswordGrantSecondFactor.RefusalAsync(http, users, user, request) is { } secondFactor)
            {
                return Refuse(OpenIddictConstants.Errors.InvalidGrant, secondFactor);
            }

            return await SignInAsync(users, user, request.GetScopes());
        }

        // Both carry a principal OpenIddict stored earlier: at the last sign-in, or when a person
        // approved this device on the verification page.
        if (request.IsRefreshTokenGrantType() || request.IsDeviceCodeGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = await users.FindByIdAsync(result.Principal?.GetClaim(Claims.Subject) ?? string.Empty);
            // A user deleted or locked after the refresh token was issued must not get a new access token.
            if (user is null || await users.IsLockedOutAsync(user))
            {
                return Refuse(OpenIddictConstants.Errors.InvalidGrant, "The refresh token is no longer valid.");
            }

            if (await PasswordGrantSecondFactor.EnrolmentRefusalAsync(http, users, user) is { } enrol)
            {
                return Refuse(OpenIddictConstants.Errors.InvalidGrant, enrol);
            }

            return await SignInAsync(users, user, result.Principal!.GetScopes());
        }

        if (request.IsClientCredentialsGrantType())
        {
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            // OpenIddict has already authenticated the client secret before this runs.
            identity.SetClaim(Claims.Subject, request.ClientId)
                .SetClaim(Claims.Name, request.ClientId)
                .SetClaims(Claims.Role, [.. await services.RolesAsync(request.ClientId!, http.RequestAborted)]);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.GrantType == EmailCodeGrant.GrantType)
        {
            var (user, error) = await external.SignInAsync(request, http.RequestAborted);
            return user is null ? Refuse(OpenIddictConstants.Errors.InvalidGrant, error) : await SignInAsync(users, user, request.GetScopes());
        }

        if (request.IsTokenExchangeGrantType())
        {
            // An external provider's ID token for the appliance's own tokens (Federation/).
            var exchanged = await federation.ExchangeAsync(request, http.RequestAborted);
            return exchanged.User is { } federated
                ? await SignInAsync(users, federated, request.GetScopes())
                : Refuse(OpenIddictConstants.Errors.InvalidGrant, exchanged.Description ?? "The subject token was refused.");
        }

        return Refuse(OpenIddictConstants.Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    /// <summary>
    /// A synced user's password is the directory's: checked by an LDAP bind as the user's DN, with
    /// the same lockout (a disabled or deleted directory user is locked out by the sync) and answers.
    /// </summary>
    private static async Task<IResult> LdapPasswordGrantAsync(
        HttpContext http, UserManager<ApplianceUser> users, LdapSignIn ldap, ApplianceUser user, OpenIddictRequest request)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return Refuse(OpenIddictConstants.Errors.InvalidGrant, "The account is locked; try again later.");
        }

        if (!await ldap.VerifyPasswordAsync(user, request.Password, http.RequestAborted))
        {
            await users.AccessFailedAsync(user);
            return Refuse(OpenIddictConstants.Errors.InvalidGrant, "The user name or password is incorrect.");
        }

        if (await PasswordGrantSecondFactor.RefusalAsync(http, users, user, request) is { } secondFactor)
        {
            return Refuse(OpenIddictConstants.Errors.InvalidGrant, secondFactor);
        }

        await users.ResetAccessFailedCountAsync(user);
        return await SignInAsync(users, user, request.GetScopes());
    }

    private static async Task<ApplianceUser?> FindUserAsync(UserManager<ApplianceUser> users, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return name.Contains('@', StringComparison.Ordinal)
            ? await users.FindByEmailAsync(name) ?? await users.FindByNameAsync(name)
            : await users.FindByNameAsync(name);
    }

    private static async Task<IResult> SignInAsync(UserManager<ApplianceUser> users, ApplianceUser user, IEnumerable<string> scopes) =>
        Results.SignIn(await TokenPrincipal.CreateAsync(users, user, scopes), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
