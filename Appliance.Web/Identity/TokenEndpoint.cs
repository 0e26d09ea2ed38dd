using System.Security.Claims;
using Appliance.Crypto.Protocol;
using Appliance.Data.Users;
using Appliance.Web.ExternalUsers;
using Appliance.Web.Federation;
using Appliance.Web.Portal.Account;
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
    /// <summary>The one description of every password grant refused before the password was found right.</summary>
    public const string IncorrectCredentials = "The user name or password is incorrect.";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", ExchangeAsync).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext http,
        UserManager<ApplianceUser> users,
        ApplianceSignInManager signIn,
        ServicePrincipals services,
        ExternalSignIn external,
        FederatedTokenExchange federation)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsPasswordGrantType())
        {
            // Local and directory accounts alike (the manager binds for a synced user).
            var (user, check) = await signIn.CheckPasswordByNameAsync(request.Username, request.Password, lockoutOnFailure: true);
            if (user is null || !check.Succeeded)
            {
                // SECURITY: unknown, wrong password, locked, disabled or without a password: one answer, and the
                // manager gave them one cost, so that none of them tells which accounts exist. Only after the right
                // password does an answer say more (the second factor below).
                return Refuse(OpenIddictConstants.Errors.InvalidGrant, IncorrectCredentials);
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
