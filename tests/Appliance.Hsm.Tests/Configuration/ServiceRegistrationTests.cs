using Appliance.TestSupport.Hsm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appliance.Hsm.Tests.Configuration;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void AddApplianceHsm_HsmSimConfiguration_ResolvesOneVaultServingItsRegions()
    {
        // Arrange - the same keys hsm-sim prints as Hsm__Regions__0__Name etc.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(SoftHsmTestEnvironment.Instance.ConfigurationFor("emea", "apac"))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();

        // Act
        services.AddApplianceHsm();
        using var provider = services.BuildServiceProvider();
        var vault = provider.GetRequiredService<ITenantKeyVault>();

        // Assert
        Assert.Same(vault, provider.GetRequiredService<ITenantKeyVault>());
        Assert.Equal(["emea", "apac"], vault.Regions);
        Assert.Equal(8, provider.GetRequiredService<IOptions<HsmOptions>>().Value.MaxSessionsPerRegion);
    }

    [Fact]
    public void AddApplianceHsm_IncompleteConfiguration_FailsValidationListingEveryProblem()
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Hsm:Regions:0:Name"] = "na",
                ["Hsm:MaxSessionsPerRegion"] = "0",
            })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddApplianceHsm();
        using var provider = services.BuildServiceProvider();

        // Act
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HsmOptions>>().Value);

        // Assert
        Assert.Contains(error.Failures, failure => failure.Contains("ModulePath", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("TokenLabel", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("PinFile", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("MaxSessionsPerRegion", StringComparison.Ordinal));
    }
}
