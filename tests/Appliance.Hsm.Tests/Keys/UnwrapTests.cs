using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Hsm.Tests.Support;

namespace Appliance.Hsm.Tests.Keys;

public sealed class UnwrapTests : IClassFixture<VaultFixture>
{
    private readonly Pkcs11TenantKeyVault _vault;

    public UnwrapTests(VaultFixture fixture) => _vault = fixture.Vault;

    [Theory]
    [InlineData(TenantKeyAlgorithm.Rsa2048)]
    [InlineData(TenantKeyAlgorithm.Rsa3072)]
    public void Unwrap_KeyWrappedInDotNetWithExportedPublicKey_ReturnsTheKey(TenantKeyAlgorithm encryption)
    {
        // Arrange - clients wrap content keys offline with the exported public key; the HSM must open exactly that.
        using var key = TestKey.Create(_vault, "apac", encryption);
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var algorithm = _vault.WrapAlgorithmFor("apac");
        var wrapped = SoftwareCrypto.Wrap(key.Material.EncryptionPublicKey, contentKey, algorithm);

        // Act
        var unwrapped = _vault.Unwrap("apac", key.KeyId, wrapped, algorithm);

        // Assert
        Assert.Equal(contentKey, unwrapped);
    }

    [Fact]
    public async Task Unwrapper_AsIKeyUnwrapper_ReturnsTheKey()
    {
        // Arrange - Appliance.Crypto opens licences through this adapter.
        using var key = TestKey.Create(_vault);
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = SoftwareCrypto.Wrap(key.Material.EncryptionPublicKey, contentKey, KeyWrapAlgorithm.RsaOaepSha1);
        var unwrapper = _vault.Unwrapper("na", key.KeyId);

        // Act
        var unwrapped = await unwrapper.UnwrapAsync(wrapped, KeyWrapAlgorithm.RsaOaepSha1, CancellationToken.None);

        // Assert
        Assert.Equal(key.KeyId, unwrapper.KeyId);
        Assert.Equal(contentKey, unwrapped);
    }

    [Fact]
    public void Unwrap_TamperedCiphertext_ThrowsGenericUnwrapFailed()
    {
        // Arrange - a forged licence must get one generic answer (no padding oracle), not a device error.
        using var key = TestKey.Create(_vault);
        var wrapped = SoftwareCrypto.Wrap(key.Material.EncryptionPublicKey, RandomNumberGenerator.GetBytes(32), KeyWrapAlgorithm.RsaOaepSha1);
        wrapped[^1] ^= 0x01;

        // Act
        var error = Assert.Throws<HsmException>(() => _vault.Unwrap("na", key.KeyId, wrapped, KeyWrapAlgorithm.RsaOaepSha1));

        // Assert
        Assert.Equal(HsmErrorCode.UnwrapFailed, error.Code);
        Assert.Equal("the wrapped key could not be unwrapped", error.Message);
    }

    [Fact]
    public void Unwrap_WrongLength_ThrowsUnwrapFailed()
    {
        // Arrange
        using var key = TestKey.Create(_vault);

        // Act
        var error = Assert.Throws<HsmException>(() => _vault.Unwrap("na", key.KeyId, new byte[17], KeyWrapAlgorithm.RsaOaepSha1));

        // Assert
        Assert.Equal(HsmErrorCode.UnwrapFailed, error.Code);
    }

    [Fact]
    public void Unwrap_WrappedForAnotherKey_ThrowsUnwrapFailed()
    {
        // Arrange - a licence made for key version A presented with version B.
        using var a = TestKey.Create(_vault);
        using var b = TestKey.Create(_vault);
        var wrapped = SoftwareCrypto.Wrap(a.Material.EncryptionPublicKey, RandomNumberGenerator.GetBytes(32), KeyWrapAlgorithm.RsaOaepSha1);

        // Act
        var error = Assert.Throws<HsmException>(() => _vault.Unwrap("na", b.KeyId, wrapped, KeyWrapAlgorithm.RsaOaepSha1));

        // Assert
        Assert.Equal(HsmErrorCode.UnwrapFailed, error.Code);
    }

    [Fact]
    public void Unwrap_OaepSha256OnSoftHsm_ThrowsMechanismNotSupported()
    {
        // Arrange
        using var key = TestKey.Create(_vault);
        var wrapped = SoftwareCrypto.Wrap(key.Material.EncryptionPublicKey, RandomNumberGenerator.GetBytes(32), KeyWrapAlgorithm.RsaOaepSha256);

        // Act
        var error = Assert.Throws<HsmException>(() => _vault.Unwrap("na", key.KeyId, wrapped, KeyWrapAlgorithm.RsaOaepSha256));

        // Assert
        Assert.Equal(HsmErrorCode.MechanismNotSupported, error.Code);
    }

    [Fact]
    public void Unwrap_MissingKey_ThrowsKeyNotFound()
    {
        // Act
        var keyId = TestKey.NewId();
        var error = Assert.Throws<HsmException>(() => _vault.Unwrap("na", keyId, new byte[256], KeyWrapAlgorithm.RsaOaepSha1));

        // Assert
        Assert.Equal(HsmErrorCode.KeyNotFound, error.Code);
        Assert.Contains(keyId, error.Message, StringComparison.Ordinal);
        Assert.Equal(HsmErrorCode.KeyNotFound, Assert.Throws<HsmException>(() => _vault.Unwrapper("na", keyId)).Code);
    }

    [Fact]
    public void Unwrap_SigningKeyIsNotUsedForDecryption()
    {
        // Arrange - an RS256 signing key shares type and id with the encryption key; unwrap must pick /enc only.
        using var key = TestKey.Create(_vault, signing: SignatureAlgorithm.Rs256);
        var wrappedForSigningKey = SoftwareCrypto.Wrap(key.Material.SigningPublicKey, new byte[32], KeyWrapAlgorithm.RsaOaepSha1);

        // Act
        var error = Assert.Throws<HsmException>(() => _vault.Unwrap("na", key.KeyId, wrappedForSigningKey, KeyWrapAlgorithm.RsaOaepSha1));

        // Assert
        Assert.Equal(HsmErrorCode.UnwrapFailed, error.Code);
    }
}
