using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Hsm.Tests.Support;
using Appliance.TestSupport.Hsm;

namespace Appliance.Hsm.Tests.Keys;

public sealed class RegionRoutingTests : IClassFixture<VaultFixture>
{
    private readonly Pkcs11TenantKeyVault _vault;

    public RegionRoutingTests(VaultFixture fixture) => _vault = fixture.Vault;

    [Fact]
    public void Regions_ListsTheConfiguredRegionsInOrder()
    {
        Assert.Equal(["na", "emea", "apac"], _vault.Regions);
    }

    [Fact]
    public void KeyMadeInEmea_UsedThroughNa_IsNotFound()
    {
        // Arrange - each region is its own token: nothing routes a key across security worlds.
        using var key = TestKey.Create(_vault, "emea");

        // Act
        var sign = Assert.Throws<HsmException>(() => _vault.Sign("na", key.KeyId, [1], SignatureAlgorithm.Es256));
        var unwrap = Assert.Throws<HsmException>(() => _vault.Unwrap("na", key.KeyId, new byte[256], KeyWrapAlgorithm.RsaOaepSha1));

        // Assert
        Assert.Equal(HsmErrorCode.KeyNotFound, sign.Code);
        Assert.Equal(HsmErrorCode.KeyNotFound, unwrap.Code);
        Assert.False(_vault.KeyExists("na", key.KeyId));
        Assert.False(_vault.KeyExists("apac", key.KeyId));
        Assert.True(_vault.KeyExists("emea", key.KeyId));
    }

    [Fact]
    public void UnknownRegion_AnyOperation_ThrowsRegionNotServedNamingIt()
    {
        // Act
        var error = Assert.Throws<HsmException>(() => _vault.EnsureRegionServed("latam"));

        // Assert
        Assert.Equal(HsmErrorCode.RegionNotServed, error.Code);
        Assert.Equal("latam", error.Region);
        Assert.Equal("region 'latam' is not served by this appliance node; it serves: na, emea, apac", error.Message);
        Assert.Equal(HsmErrorCode.RegionNotServed, Assert.Throws<HsmException>(() => _vault.WrapAlgorithmFor("latam")).Code);
        Assert.Equal(HsmErrorCode.RegionNotServed,
            Assert.Throws<HsmException>(() => _vault.GenerateTenantKey("latam", TestKey.NewId(), TenantKeyAlgorithm.Rsa2048, SignatureAlgorithm.Es256)).Code);
        Assert.Equal(HsmErrorCode.RegionNotServed, Assert.Throws<HsmException>(() => _vault.KeyExists("latam", "k")).Code);
    }

    [Fact]
    public void NodeServingSomeRegions_RefusesTheOthers()
    {
        // Arrange - a node configured for na only must refuse emea although the token exists on the machine.
        using var naOnly = new Pkcs11TenantKeyVault(SoftHsmTestEnvironment.Instance.OptionsFor("na"));

        // Act
        var error = Assert.Throws<HsmException>(() => naOnly.EnsureRegionServed("emea"));

        // Assert
        Assert.Equal(HsmErrorCode.RegionNotServed, error.Code);
        Assert.EndsWith("it serves: na", error.Message, StringComparison.Ordinal);
    }
}
