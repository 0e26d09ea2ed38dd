using System.Net;
using Appliance.Crypto.Protocol;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Tenants;

public sealed class RegionRoutingTests
{
    [Fact]
    public async Task Bootstrap_TenantInRegionTheNodeDoesNotServe_RefusedNamingTheRegion()
    {
        // Arrange - two nodes share one database; only the first serves emea, where the tenant lives.
        await using var emeaNode = new ApplianceFactory(regions: ["emea"]);
        await emeaNode.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await emeaNode.AddUserAsync("alice@contoso.test", "password of alice 1");
        await using var naNode = new ApplianceFactory(regions: ["na"], dataPath: emeaNode.DataPath);

        // Act
        using var alice = await naNode.SignInAsync("alice@contoso.test", "password of alice 1");
        using var response = await alice.PostAsync("/api/v1/bootstrap", null);

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MisdirectedRequest, ProblemCodes.RegionNotServed);
        Assert.Contains("'emea'", detail, StringComparison.Ordinal);
    }
}
