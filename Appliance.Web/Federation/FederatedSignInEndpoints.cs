using System.Security.Claims;
using Appliance.Data.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Federation;

/// <summary>
/// Portal sign-in through an external provider: <c>/account/external/{provider}</c> starts it, the
/// provider answers the scheme's callback, which lands on <c>…/complete</c>; that maps the external
/// account to an existing user and signs them in with the Identity cookie.
/// </summary>
public static class FederatedSignInEndpoints
{
    public const string LoginProviderItem = "LoginProvider";

    public static IEndpointRouteBuilder MapFederatedSignIn(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapGet("/external/{provider}", Challenge).AllowAnonymous();
        account.MapGet("/external/{provider}/complete", CompleteAsync).AllowAnonymous();
        account.MapGet("/session", (Func<HttpContext, Task<IResult>>)SessionAsync).AllowAnonymous();
        return app;
    }

    private static IResult Challenge(string provider, string? returnUrl, FederationProviders providers, SignInManager<ApplianceUser> signIn)
    {
        if (providers.Find(provider) is null)
        {
            return Results.Redirect(FederationErrors.LoginPath(FederationErrors.UnknownProvider));
        }

        var complete = $"/account/external/{provider}/complete?returnUrl={Uri.EscapeDataString(LocalOrRoot(returnUrl))}";
        var properties = signIn.ConfigureExternalAuthenticationProperties(provider, complete);
        return Results.Challenge(properties, [provider]);
    }

    private static async Task<IResult> CompleteAsync(
        string provider, string? returnUrl, HttpContext http, FederationProviders providers,
        FederatedUserResolver resolver, SignInManager<ApplianceUser> signIn)
    {
        var options = providers.Find(provider);
        if (options is null)
        {
            return Results.Redirect(FederationErrors.LoginPath(FederationErrors.UnknownProvider));
        }

        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        // The external cookie is single-use: whatever happens next, it must not be replayed.
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Properties?.Items.TryGetValue(LoginProviderItem, out var from) != true || from != provider)
        {
            return Results.Redirect(FederationErrors.LoginPath(FederationErrors.Failed));
        }

        var principal = external.Principal!;
        var subject = principal.FindFirstValue(Claims.Subject);
        var outcome = await resolver.ResolveAsync(options, subject, principal.FindFirstValue(options.EmailClaim));
        if (outcome.User is null)
        {
            return Results.Redirect(FederationErrors.LoginPath(outcome.Error ?? FederationErrors.Failed));
        }

        var local = LocalOrRoot(returnUrl);
        var result = await signIn.ExternalLoginSignInAsync(provider, subject!, isPersistent: false, bypassTwoFactor: false);
        if (result.RequiresTwoFactor)
        {
            return Results.Redirect("/account/login-2fa?returnUrl=" + Uri.EscapeDataString(local));
        }

        if (result.IsLockedOut)
        {
            return Results.Redirect(FederationErrors.LoginPath(FederationErrors.Locked));
        }

        return result.Succeeded
            ? Results.LocalRedirect(local)
            : Results.Redirect(FederationErrors.LoginPath(FederationErrors.Failed));
    }

    /// <summary>
    /// Who the portal session belongs to, from the Identity cookie only; 401 (not a redirect to the
    /// login page) without one, since scripts and tests call it rather than people.
    /// </summary>
    private static async Task<IResult> SessionAsync(HttpContext http)
    {
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return cookie is { Succeeded: true, Principal: { } user }
            ? Results.Ok(new SessionInfo(user.FindFirstValue(Claims.Name), user.FindFirstValue(Claims.Email)))
            : Results.Unauthorized();
    }

    /// <summary>
    /// SECURITY: only a path on this appliance, never an absolute, scheme-relative (<c>//host</c>) or
    /// backslash URL, so a crafted sign-in link cannot send the user elsewhere once signed in.
    /// </summary>
    internal static string LocalOrRoot(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.Any(char.IsControl))
        {
            return "/";
        }

        return returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\') ? "/" : returnUrl;
    }
}

public sealed record SessionInfo(string? UserName, string? Email);
