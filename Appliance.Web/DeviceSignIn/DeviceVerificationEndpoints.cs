using Appliance.Data.Users;
using Appliance.Web.Identity;
using Appliance.Web.Portal;
using Appliance.Web.Portal.Authorization;
using Appliance.Web.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.DeviceSignIn;

/// <summary>
/// The end-user verification page of the device flow (RFC 8628): a person signed in to the portal
/// (by password and second factor, or through their organisation's identity provider) confirms the
/// code their terminal shows, and the waiting <c>rms login</c> receives tokens for that person.
/// </summary>
public static class DeviceVerificationEndpoints
{
    public const string Path = "/connect/verify";

    public static IEndpointRouteBuilder MapDeviceVerification(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ShowAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapPost(Path, DecideAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapGet(Path + "/approved", () => Page(DeviceVerificationStage.Approved)).ExcludeFromDescription();
        app.MapGet(Path + "/denied", () => Page(DeviceVerificationStage.Denied)).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ShowAsync(
        HttpContext http, UserManager<ApplianceUser> users, SecurityPolicyStore policy, IOpenIddictApplicationManager applications)
    {
        var (user, elsewhere) = await PersonAsync(http, users, policy);
        if (user is null)
        {
            return elsewhere!;
        }

        var pending = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (pending is { Succeeded: true } && pending.Principal.GetClaim(Claims.ClientId) is { Length: > 0 } clientId)
        {
            var application = await applications.FindByClientIdAsync(clientId, http.RequestAborted);
            var roles = await users.GetRolesAsync(user);
            return new RazorComponentResult<DeviceVerificationPage>(new
            {
                Stage = DeviceVerificationStage.Confirm,
                UserCode = pending.Properties?.GetTokenValue(OpenIddictServerAspNetCoreConstants.Tokens.UserCode),
                ApplicationName = application is null ? clientId : await applications.GetDisplayNameAsync(application, http.RequestAborted) ?? clientId,
                UserName = user.Email ?? user.UserName,
                HasAdminRole = roles.Count > 0,
            });
        }

        // A code was given but OpenIddict did not recognise it: mistyped, expired or already used.
        var typed = !string.IsNullOrEmpty(pending?.Properties?.GetTokenValue(OpenIddictServerAspNetCoreConstants.Tokens.UserCode))
            || http.Request.Query.ContainsKey(Parameters.UserCode);
        return typed
            ? new RazorComponentResult<DeviceVerificationPage>(new
            {
                Stage = DeviceVerificationStage.EnterCode,
                Error = "That code is not valid: it may be mistyped, expired or already used. Check the terminal and try again.",
            })
            : Page(DeviceVerificationStage.EnterCode);
    }

    // [FromForm] makes the endpoint require a valid antiforgery token (UseAntiforgery validates it).
    private static async Task<IResult> DecideAsync(
        HttpContext http, [FromForm(Name = "decision")] string? decision, UserManager<ApplianceUser> users, SecurityPolicyStore policy)
    {
        var (user, elsewhere) = await PersonAsync(http, users, policy);
        if (user is null)
        {
            return elsewhere!;
        }

        var pending = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (pending is not { Succeeded: true } || string.IsNullOrEmpty(pending.Principal.GetClaim(Claims.ClientId)))
        {
            return new RazorComponentResult<DeviceVerificationPage>(new
            {
                Stage = DeviceVerificationStage.EnterCode,
                Error = "That code is no longer valid: it expired or was already used. Run rms login again.",
            });
        }

        if (!string.Equals(decision, "accept", StringComparison.Ordinal))
        {
            return Results.Forbid(new AuthenticationProperties { RedirectUri = Path + "/denied" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var principal = await TokenPrincipal.CreateAsync(users, user, pending.Principal.GetScopes());
        return Results.SignIn(principal, new AuthenticationProperties { RedirectUri = Path + "/approved" },
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The person approving, or where they must go first: the sign-in page, or the second factor.</summary>
    private static async Task<(ApplianceUser? User, IResult? Elsewhere)> PersonAsync(HttpContext http, UserManager<ApplianceUser> users, SecurityPolicyStore policy)
    {
        var user = await SignedInUserAsync(http, users);
        if (user is null)
        {
            return (null, SignInFirst(http));
        }

        return await NeedsSecondFactorAsync(http, users, policy, user) ? (null, SecondFactorFirst(http)) : (user, null);
    }

    private static async Task<ApplianceUser?> SignedInUserAsync(HttpContext http, UserManager<ApplianceUser> users)
    {
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (cookie is not { Succeeded: true })
        {
            return null;
        }

        // The cookie may outlive the account: a deleted or locked user approves nothing.
        var user = await users.GetUserAsync(cookie.Principal);
        return user is null || await users.IsLockedOutAsync(user) ? null : user;
    }

    /// <summary>
    /// The tokens a device gets carry the person's roles, so the administrators' second-factor policy
    /// applies here as on every admin page: a role-holder whose portal session lacks it enrols or signs
    /// in again first, instead of handing a password-only session's power to a terminal.
    /// </summary>
    private static async Task<bool> NeedsSecondFactorAsync(HttpContext http, UserManager<ApplianceUser> users, SecurityPolicyStore policy, ApplianceUser user)
    {
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return cookie.Principal?.HasClaim(SecondFactor.AmrClaim, SecondFactor.MfaValue) != true
            && (await users.GetRolesAsync(user)).Count > 0
            && await policy.RequiresAdministratorTwoFactorAsync(http.RequestAborted);
    }

    private static IResult SecondFactorFirst(HttpContext http) =>
        Results.Redirect(PortalPaths.WithReturnUrl(PortalPaths.TwoFactor, Path + QueryString.Create(Parameters.UserCode, http.Request.HasFormContentType
            ? http.Request.Form[Parameters.UserCode].ToString()
            : http.Request.Query[Parameters.UserCode].ToString())));

    private static IResult SignInFirst(HttpContext http) => Results.Challenge(
        new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString },
        [IdentityConstants.ApplicationScheme]);

    private static RazorComponentResult<DeviceVerificationPage> Page(DeviceVerificationStage stage) =>
        new(new { Stage = stage });
}
