using Appliance.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Federation;

public sealed class FederationOptionsTests
{
    [Fact]
    public async Task Start_ProviderWithoutDomainsAndBadName_RefusedWithOneSentenceEach()
    {
        // Arrange - without Domains the provider could vouch for any address, administrators' included.
        await using var node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>
        {
            ["Appliance:Federation:Providers:0:Name"] = "AD FS",
            ["Appliance:Federation:Providers:0:Authority"] = "https://adfs.contoso.test/adfs",
            ["Appliance:Federation:Providers:0:ClientId"] = "rms",
        });

        var error = Assert.Throws<OptionsValidationException>(() => node.BaseAddress);

        Assert.Contains(error.Failures, f => f.Contains("Providers:0:Domains", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Providers:0:Name 'AD FS'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_HttpAuthorityWhileHttpsRequired_Refused()
    {
        await using var node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>
        {
            ["Appliance:RequireHttps"] = "true",
            ["Appliance:Federation:Providers:0:Name"] = "adfs",
            ["Appliance:Federation:Providers:0:Authority"] = "http://adfs.contoso.test/adfs",
            ["Appliance:Federation:Providers:0:ClientId"] = "rms",
            ["Appliance:Federation:Providers:0:Domains:0"] = "contoso.test",
        });

        var error = Assert.Throws<OptionsValidationException>(() => node.BaseAddress);

        Assert.Contains(error.Failures, f => f.Contains("must use https", StringComparison.Ordinal));
    }
}
