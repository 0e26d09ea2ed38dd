using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Federation;

public static class FederationServices
{
    public static IServiceCollection AddApplianceFederation(this IServiceCollection services)
    {
        services.AddOptions<FederationOptions>().BindConfiguration(FederationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FederationOptions>, FederationOptionsValidator>();
        services.AddSingleton<FederationProviders>();
        services.AddSingleton<FederationMetadata>();
        services.AddScoped<FederatedUserResolver>();
        services.AddScoped<FederatedTokenExchange>();

        services.AddSingleton<FederatedSignInSchemes>();
        services.AddSingleton<IConfigureOptions<AuthenticationOptions>>(sp => sp.GetRequiredService<FederatedSignInSchemes>());
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>>(sp => sp.GetRequiredService<FederatedSignInSchemes>());
        // What AddOpenIdConnect would register: metadata retrieval, state protection, nonce validation.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());

        services.AddOpenIddict().AddServer(o =>
        {
            o.AllowTokenExchangeFlow();
            o.AddEventHandler(ForeignSubjectTokens.Descriptor);
        });
        return services;
    }
}
