using Appliance.Crypto.Signing;
using Appliance.Hsm.Pkcs11;
using Appliance.Hsm.Tests.Support;
using Appliance.TestSupport.Hsm;

namespace Appliance.Hsm.Tests.Lifecycle;

/// <summary>Runs alone, after the parallel tests, so that no other vault exists in the process.</summary>
[CollectionDefinition(nameof(ModuleLifecycleTests), DisableParallelization = true)]
public sealed class RunsAloneAfterParallelTests;

[Collection(nameof(ModuleLifecycleTests))]
public sealed class ModuleLifecycleTests
{
    [Fact]
    public void LastVaultDisposed_FinalizesTheModule_AndANewVaultLoadsItAgain()
    {
        // Arrange - every vault of the earlier tests has been disposed, so nothing may still be loaded or logged in.
        Assert.Equal((0, 0), Pkcs11Module.LoadedCount);
        var first = new Pkcs11TenantKeyVault(SoftHsmTestEnvironment.Instance.Options);
        var key = first.GenerateTenantKey("na", TestKey.NewId(), TenantKeyAlgorithm.Rsa2048, SignatureAlgorithm.Es256);
        Assert.Equal((1, 3), Pkcs11Module.LoadedCount);

        // Act
        first.Dispose();
        var afterDispose = Pkcs11Module.LoadedCount;
        using var second = new Pkcs11TenantKeyVault(SoftHsmTestEnvironment.Instance.Options);
        try
        {
            // Assert - C_Finalize and a fresh C_Initialize; the token objects are still there.
            Assert.Equal((0, 0), afterDispose);
            Assert.True(SoftwareCrypto.Verify(SignatureAlgorithm.Es256, key.SigningPublicKey, [9],
                second.Sign("na", key.KeyId, [9], SignatureAlgorithm.Es256)));
        }
        finally
        {
            second.DestroyKey("na", key.KeyId);
        }
    }
}
