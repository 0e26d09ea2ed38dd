using Appliance.Data.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Portal.Account;

public static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with the antiforgery token (the layout's button): a link or an image on another site
    /// must not be able to sign someone out.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(PortalPaths.Logout, LogoutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SignInManager<ApplianceUser> signIn)
    {
        // The antiforgery middleware only marks a bad token; a handler that reads no form must refuse it itself.
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return Results.BadRequest("The sign-out form has expired; reload the page and try again.");
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect("/");
    }
}
