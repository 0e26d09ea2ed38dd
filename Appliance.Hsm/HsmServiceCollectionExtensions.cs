using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appliance.Hsm;

public static class HsmServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="HsmOptions"/> from the "Hsm" section (validated at start-up) and registers one
    /// <see cref="ITenantKeyVault"/> per container, created on first use and disposed with the container.
    /// </summary>
    public static IServiceCollection AddApplianceHsm(this IServiceCollection services)
    {
        services.AddOptions<HsmOptions>()
            .BindConfiguration(HsmOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HsmOptions>, HsmOptionsValidator>());
        services.TryAddSingleton<ITenantKeyVault>(provider => new Pkcs11TenantKeyVault(
            provider.GetRequiredService<IOptions<HsmOptions>>().Value,
            provider.GetService<ILogger<Pkcs11TenantKeyVault>>()));
        return services;
    }
}
