using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Hsm.Tests.Support;
using Appliance.TestSupport.Hsm;

namespace Appliance.Hsm.Tests.Keys;

/// <summary>
/// Several vaults in one process (several test web apps, say) share one loaded module and one login per token.
/// </summary>
public sealed class MultipleVaultTests : IClassFixture<VaultFixture>
{
    private readonly Pkcs11TenantKeyVault _vault;

    public MultipleVaultTests(VaultFixture fixture) => _vault = fixture.Vault;

    [Fact]
    public void KeyCreatedByOneVault_IsUsableByAnother()
    {
        // Arrange
        using var key = TestKey.Create(_vault, "apac");
        using var other = new Pkcs11TenantKeyVault(SoftHsmTestEnvironment.Instance.OptionsFor("apac"));
        var contentKey = RandomNumberGenerator.GetBytes(32);

        // Act
        var unwrapped = other.Unwrap("apac", key.KeyId,
            SoftwareCrypto.Wrap(key.Material.EncryptionPublicKey, contentKey, KeyWrapAlgorithm.RsaOaepSha1), KeyWrapAlgorithm.RsaOaepSha1);
        var signature = other.Sign("apac", key.KeyId, [7], SignatureAlgorithm.Es256);

        // Assert
        Assert.Equal(contentKey, unwrapped);
        Assert.True(SoftwareCrypto.Verify(SignatureAlgorithm.Es256, key.Material.SigningPublicKey, [7], signature));
    }

    [Fact]
    public void DisposingOneVault_LeavesTheOthersLoggedIn()
    {
        // Arrange - the module and logins are shared and reference-counted; one vault going away must not log out the rest.
        using var key = TestKey.Create(_vault, "na");
        var second = new Pkcs11TenantKeyVault(SoftHsmTestEnvironment.Instance.OptionsFor("na", "emea"));
        second.Sign("na", key.KeyId, [1], SignatureAlgorithm.Es256);

        // Act
        second.Dispose();

        // Assert
        Assert.True(SoftwareCrypto.Verify(SignatureAlgorithm.Es256, key.Material.SigningPublicKey, [2],
            _vault.Sign("na", key.KeyId, [2], SignatureAlgorithm.Es256)));
        Assert.Throws<ObjectDisposedException>(() => second.Sign("na", key.KeyId, [1], SignatureAlgorithm.Es256));
    }

    [Fact]
    public void KeyDestroyedByAnotherVault_CachedHandle_ReportsKeyNotFound()
    {
        // Arrange - this vault has the handle cached; the other vault destroys the key behind its back.
        var key = TestKey.Create(_vault, "na");
        _vault.Sign("na", key.KeyId, [1], SignatureAlgorithm.Es256);
        using (var other = new Pkcs11TenantKeyVault(SoftHsmTestEnvironment.Instance.OptionsFor("na")))
        {
            other.DestroyKey("na", key.KeyId);
        }

        // Act
        var error = Assert.Throws<HsmException>(() => _vault.Sign("na", key.KeyId, [1], SignatureAlgorithm.Es256));

        // Assert
        Assert.Equal(HsmErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public void KeyRecreatedByAnotherVault_CachedHandle_UsesTheNewKey()
    {
        // Arrange
        var keyId = TestKey.NewId();
        _vault.GenerateTenantKey("na", keyId, TenantKeyAlgorithm.Rsa2048, SignatureAlgorithm.Es256);
        _vault.Sign("na", keyId, [1], SignatureAlgorithm.Es256);
        TenantKeyMaterial recreated;
        using (var other = new Pkcs11TenantKeyVault(SoftHsmTestEnvironment.Instance.OptionsFor("na")))
        {
            other.DestroyKey("na", keyId);
            recreated = other.GenerateTenantKey("na", keyId, TenantKeyAlgorithm.Rsa2048, SignatureAlgorithm.Es256);
        }

        try
        {
            // Act
            var signature = _vault.Sign("na", keyId, [3], SignatureAlgorithm.Es256);

            // Assert
            Assert.True(SoftwareCrypto.Verify(SignatureAlgorithm.Es256, recreated.SigningPublicKey, [3], signature));
        }
        finally
        {
            _vault.DestroyKey("na", keyId);
        }
    }
}
