using System.Net;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Documents;

public sealed class TwoNodeRevocationTests
{
    [Fact]
    public async Task Revoke_OnOneNode_TakesEffectAtOnceOnAnother()
    {
        // Arrange - two nodes share one database (and the Data Protection keys and HSM tokens), as nodes behind a
        // load balancer do. Node B is disposed first and does not own the folder, so it leaves it to node A.
        await using var nodeA = new ApplianceFactory(regions: ["emea"]);
        await nodeA.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await nodeA.AddUserAsync("alice@contoso.test", "password of alice 1");
        await nodeA.AddUserAsync("bob@contoso.test", "password of bob 123");
        await using var nodeB = new ApplianceFactory(regions: ["emea"], dataPath: nodeA.DataPath);
        using var alice = await Publisher.BootstrapAsync(await nodeA.SignInAsync("alice@contoso.test", "password of alice 1"));
        using var bobOnA = await Publisher.BootstrapAsync(await nodeA.SignInAsync("bob@contoso.test", "password of bob 123"));
        using var bobOnB = await Publisher.BootstrapAsync(await nodeB.SignInAsync("bob@contoso.test", "password of bob 123"));
        using var aliceOnB = await nodeB.SignInAsync("alice@contoso.test", "password of alice 1");
        var (license, _, contentId) = await alice.PublishAsync(new RightsGrant("bob@contoso.test", ["VIEW"]));
        using (var before = await bobOnB.AcquireAsync(license))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Act - revoke through A, ask through B with no pause; then the other way round.
        using var revoke = await alice.Http.PostAsync($"/api/v1/documents/{contentId}/revoke", null);
        using var refusedOnB = await bobOnB.AcquireAsync(license);
        using var unrevoke = await aliceOnB.PostAsync($"/api/v1/documents/{contentId}/unrevoke", null);
        using var grantedOnA = await bobOnA.AcquireAsync(license);

        // Assert
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await ProblemAssert.IsProblemAsync(refusedOnB, HttpStatusCode.Forbidden, ProblemCodes.ContentRevoked);
        Assert.Equal(HttpStatusCode.OK, unrevoke.StatusCode);
        Assert.Equal(HttpStatusCode.OK, grantedOnA.StatusCode);
        bobOnA.Http.Dispose();
        bobOnB.Http.Dispose();
        alice.Http.Dispose();
    }
}
