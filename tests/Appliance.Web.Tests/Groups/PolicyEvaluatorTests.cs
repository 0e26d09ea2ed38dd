using Appliance.Crypto.Licensing;
using Appliance.Crypto.Rights;
using Appliance.Web.Licensing;

namespace Appliance.Web.Tests.Groups;

public sealed class PolicyEvaluatorTests
{
    private static readonly HashSet<string> NoGroups = [];

    [Fact]
    public void RightsOf_Owner_EveryRightEvenWithoutGrants()
    {
        var policy = new ProtectionPolicy("alice@contoso.test", [], null, null, null, null);
        Assert.Equal(UsageRights.All, PolicyEvaluator.RightsOf(policy, "ALICE@contoso.test", NoGroups));
    }

    [Fact]
    public void RightsOf_SeveralMatchingGrants_UnionInCatalogueOrder()
    {
        var policy = new ProtectionPolicy("alice@contoso.test",
            [new RightsGrant("bob@contoso.test", ["PRINT"]), new RightsGrant("sales@contoso.test", ["VIEW", "EXTRACT"])], null, null, null, null);
        Assert.Equal(["VIEW", "PRINT", "EXTRACT"], PolicyEvaluator.RightsOf(policy, "bob@contoso.test", new HashSet<string> { "sales@contoso.test" }));
    }

    [Fact]
    public void RightsOf_GrantOfOwnerRight_EveryRight()
    {
        var policy = new ProtectionPolicy("alice@contoso.test", [new RightsGrant("bob@contoso.test", ["OWNER"])], null, null, null, null);
        Assert.Equal(UsageRights.All, PolicyEvaluator.RightsOf(policy, "bob@contoso.test", NoGroups));
    }

    [Fact]
    public void RightsOf_NoMatchingGrant_Nothing()
    {
        var policy = new ProtectionPolicy("alice@contoso.test", [new RightsGrant("bob@contoso.test", ["VIEW"])], null, null, null, null);
        Assert.Empty(PolicyEvaluator.RightsOf(policy, "eve@contoso.test", NoGroups));
    }

    [Fact]
    public void RightsOf_GrantToTheOrganisation_ReachesItsUsersOnlyAndNeedsNoGroupWalk()
    {
        var policy = new ProtectionPolicy("alice@contoso.test", [new RightsGrant("organization", ["VIEW"])], null, null, null, null);

        Assert.False(PolicyEvaluator.NeedsGroups(policy, "bob@contoso.test"));
        Assert.Equal(["VIEW"], PolicyEvaluator.RightsOf(policy, "bob@contoso.test", NoGroups, organisationMember: true));
        Assert.Empty(PolicyEvaluator.RightsOf(policy, "guest@fabrikam.test", NoGroups, organisationMember: false));
    }
}
