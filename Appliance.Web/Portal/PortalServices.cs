using Appliance.Data.Users;
using Appliance.Web.Identity;
using Appliance.Web.Portal.Account;
using Appliance.Web.Portal.Authorization;
using Appliance.Web.Portal.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Portal;

/// <summary>
/// The Blazor portal: Identity's cookie for people in a browser (never accepted by the APIs, whose policies name
/// the bearer scheme only), portal policies that check the current role and the administrators' second factor.
/// </summary>
public static class PortalServices
{
    /// <summary>Registered after <see cref="IdentityServices.AddApplianceIdentity"/>: it replaces the sign-in manager.</summary>
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        // The users and groups grids page and sort in the database through EF Core's async queries.
        services.AddQuickGridEntityFrameworkAdapter();

        // Synced users sign in to the portal with their directory password, through the same manager; the token
        // endpoint asks for it by its own type (the sign-in by name).
        services.AddScoped<ApplianceSignInManager>();
        services.AddScoped<SignInManager<ApplianceUser>>(sp => sp.GetRequiredService<ApplianceSignInManager>());
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "rms.portal";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = PortalPaths.Login;
            o.LogoutPath = PortalPaths.Logout;
            o.AccessDeniedPath = PortalPaths.AccessDenied;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // The stamp check rebuilds the principal every 30 minutes; keep how the person signed in (amr=mfa),
            // or an administrator would be sent back to the second factor mid-session.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    foreach (var amr in current.FindAll(SecondFactor.AmrClaim).Where(c => !identity.HasClaim(SecondFactor.AmrClaim, c.Value)))
                    {
                        identity.AddClaim(new(SecondFactor.AmrClaim, amr.Value));
                    }
                }

                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AppliancePolicies.PortalSignedIn, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(AppliancePolicies.PortalAdministrator, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new CurrentRoleRequirement(ApplianceRoles.Administrator), new SecondFactorRequirement()))
            .AddPolicy(AppliancePolicies.PortalAuditor, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new CurrentRoleRequirement(ApplianceRoles.Administrator, ApplianceRoles.Auditor), new SecondFactorRequirement()))
            .AddPolicy(PortalPolicies.PortalTemplateAdministrator, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new CurrentRoleRequirement(ApplianceRoles.Administrator, ApplianceRoles.TemplateAdministrator), new SecondFactorRequirement()));
        services.AddScoped<IAuthorizationHandler, SecondFactorHandler>();
        return services;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapUsageReportEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

/// <summary>Portal policies of features that are not in <see cref="AppliancePolicies"/>.</summary>
public static class PortalPolicies
{
    /// <summary>Portal cookie of a global administrator or a template administrator, with the second factor when required.</summary>
    public const string PortalTemplateAdministrator = "portal-template-administrator";
}

/// <summary>The portal's fixed addresses, which the external sign-in and the tests also use.</summary>
public static class PortalPaths
{
    public const string Login = "/account/login";
    public const string LoginTwoFactor = "/account/login-2fa";
    public const string Logout = "/account/logout";
    public const string TwoFactor = "/account/two-factor";
    public const string AccessDenied = "/account/access-denied";

    /// <summary>
    /// <paramref name="url"/> if it stays on this site (a path such as <c>/admin/roles?x=1</c>), else <c>/</c>:
    /// a <c>returnUrl</c> must never send a freshly signed-in person to another site.
    /// </summary>
    public static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && Uri.IsWellFormedUriString(url, UriKind.Relative) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/";

    public static string WithReturnUrl(string path, string? returnUrl) =>
        LocalOrHome(returnUrl) is var local && local == "/" ? path : $"{path}?returnUrl={Uri.EscapeDataString(local)}";
}
