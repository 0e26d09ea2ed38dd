using Appliance.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Appliance.Web.Federation;

/// <summary>
/// One OpenID Connect scheme per configured provider, named after it. Built from options when they are
/// first read (not while services are registered), so configuration added later by the host applies.
/// </summary>
internal sealed class FederatedSignInSchemes(IOptions<FederationOptions> federation, IOptions<ApplianceOptions> appliance)
    : IConfigureOptions<AuthenticationOptions>, IConfigureNamedOptions<OpenIdConnectOptions>
{
    public static string CallbackPath(string provider) => $"/account/external/{provider}/callback";

    public void Configure(AuthenticationOptions options)
    {
        foreach (var provider in federation.Value.Providers)
        {
            options.AddScheme<OpenIdConnectHandler>(provider.Name, provider.Label);
        }
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        var provider = federation.Value.Providers.FirstOrDefault(p => p.Name == name);
        if (provider is null)
        {
            return;
        }

        var requireHttps = appliance.Value.RequireHttps;
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.Authority = provider.Authority;
        options.ClientId = provider.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(provider.ClientSecret) ? null : provider.ClientSecret;
        options.CallbackPath = CallbackPath(provider.Name);
        options.ResponseType = OpenIdConnectResponseType.Code;
        // Query, not form_post: the answer is then a top-level GET, which carries the SameSite=Lax
        // correlation cookie without needing SameSite=None (refused by browsers on plain HTTP).
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.RequireHttpsMetadata = requireHttps;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.Scope.Clear();
        options.Scope.Add(OpenIdConnectScope.OpenId);
        foreach (var scope in provider.Scopes.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            options.Scope.Add(scope);
        }

        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        }

        options.Events.OnRemoteFailure = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILogger<FederatedSignInSchemes>>()
                .LogWarning("Sign-in through provider {Provider} failed: {Reason}", provider.Name, context.Failure?.Message);
            context.Response.Redirect(FederationErrors.LoginPath(FederationErrors.Failed));
            context.HandleResponse();
            return Task.CompletedTask;
        };
        options.Events.OnAccessDenied = context =>
        {
            context.Response.Redirect(FederationErrors.LoginPath(FederationErrors.Failed));
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
