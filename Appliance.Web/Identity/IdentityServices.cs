using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Identity;

public static class IdentityServices
{
    public static IServiceCollection AddApplianceIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<ApplianceUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.ClaimsIdentity.UserNameClaimType = Claims.Name;
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                o.ClaimsIdentity.RoleClaimType = Claims.Role;
                o.ClaimsIdentity.EmailClaimType = Claims.Email;
            })
            .AddEntityFrameworkStores<ApplianceDbContext>()
            .AddDefaultTokenProviders();
        services.AddSingleton<DummyPasswordHash>();

        var requireHttps = configuration.GetValue<bool>("Appliance:RequireHttps");
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ApplianceDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("connect/token");
                // The device flow (RFC 8628) lets `rms login` sign a person in through the portal in a
                // browser, where federation and a second factor apply, without the CLI seeing a password.
                o.SetDeviceAuthorizationEndpointUris("connect/device").SetEndUserVerificationEndpointUris("connect/verify");
                o.AllowPasswordFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow().AllowDeviceAuthorizationFlow()
                    .AllowCustomFlow(EmailCodeGrant.GrantType);
                o.SetDeviceCodeLifetime(TimeSpan.FromMinutes(10));
                o.RegisterScopes(Scopes.OpenId, Scopes.OfflineAccess, Scopes.Email, Scopes.Roles, OAuthClients.ApiScope);
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(30));
                o.SetRefreshTokenLifetime(TimeSpan.FromDays(14));
                // Access and refresh tokens are Data Protection payloads: only this appliance reads them, and
                // the key ring (shared by every node) is what they depend on, not an extra JWT key pair.
                o.UseDataProtection();
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                var aspNet = o.UseAspNetCore().EnableTokenEndpointPassthrough().EnableEndUserVerificationEndpointPassthrough();
                if (!requireHttps)
                {
                    aspNet.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseDataProtection();
                o.UseAspNetCore();
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AppliancePolicies.LicensingApi, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(AppliancePolicies.SignedIn, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(AppliancePolicies.AdminApi, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new CurrentRoleRequirement(ApplianceRoles.Administrator)))
            .AddPolicy(AppliancePolicies.UsageRead, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new CurrentRoleRequirement(ApplianceRoles.Administrator, ApplianceRoles.Auditor)));
        // Scoped: it reads the database of the request being authorised.
        services.AddScoped<IAuthorizationHandler, CurrentRoleHandler>();
        services.AddScoped<OrganisationScope>();
        return services;
    }
}
