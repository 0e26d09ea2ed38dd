using Appliance.Crypto.Signing;
using Appliance.Hsm.Tests.Support;

namespace Appliance.Hsm.Tests.Keys;

public sealed class SigningTests : IClassFixture<VaultFixture>
{
    private static readonly byte[] Data = "header.payload"u8.ToArray();
    private readonly Pkcs11TenantKeyVault _vault;

    public SigningTests(VaultFixture fixture) => _vault = fixture.Vault;

    [Theory]
    [InlineData(SignatureAlgorithm.Es256)]
    [InlineData(SignatureAlgorithm.Rs256)]
    public void Sign_EachAlgorithm_VerifiesInDotNetWithTheExportedKey(SignatureAlgorithm algorithm)
    {
        // Arrange - anyone must be able to verify licences with the published tenant certificate.
        using var key = TestKey.Create(_vault, "emea", signing: algorithm);

        // Act
        var signature = _vault.Sign("emea", key.KeyId, Data, algorithm);

        // Assert
        Assert.Equal(algorithm == SignatureAlgorithm.Es256 ? 64 : 256, signature.Length);
        Assert.True(SoftwareCrypto.Verify(algorithm, key.Material.SigningPublicKey, Data, signature));
        Assert.False(SoftwareCrypto.Verify(algorithm, key.Material.SigningPublicKey, [.. Data, 0], signature));
    }

    [Fact]
    public async Task SigningKey_AsISignatureKey_SignsVerifiably()
    {
        // Arrange - Appliance.Crypto signs licences and certificates through this adapter.
        using var key = TestKey.Create(_vault);
        var signer = _vault.SigningKey("na", key.KeyId, SignatureAlgorithm.Es256);

        // Act
        var signature = await signer.SignAsync(Data, CancellationToken.None);

        // Assert
        Assert.Equal(key.KeyId, signer.KeyId);
        Assert.Equal(SignatureAlgorithm.Es256, signer.Algorithm);
        Assert.True(SoftwareCrypto.Verify(SignatureAlgorithm.Es256, key.Material.SigningPublicKey, Data, signature));
    }

    [Fact]
    public void Sign_AlgorithmOtherThanTheKeys_ThrowsKeyNotFound()
    {
        // Arrange - an ES256 key version has no RS256 key; never sign with the encryption key instead.
        using var key = TestKey.Create(_vault, signing: SignatureAlgorithm.Es256);

        // Act
        var error = Assert.Throws<HsmException>(() => _vault.Sign("na", key.KeyId, Data, SignatureAlgorithm.Rs256));

        // Assert
        Assert.Equal(HsmErrorCode.KeyNotFound, error.Code);
        Assert.Contains("RS256", error.Message, StringComparison.Ordinal);
        Assert.Equal(HsmErrorCode.KeyNotFound,
            Assert.Throws<HsmException>(() => _vault.SigningKey("na", key.KeyId, SignatureAlgorithm.Rs256)).Code);
    }

    [Fact]
    public void Sign_MissingKey_ThrowsKeyNotFound()
    {
        // Act
        var error = Assert.Throws<HsmException>(() => _vault.Sign("na", TestKey.NewId(), Data, SignatureAlgorithm.Es256));

        // Assert
        Assert.Equal(HsmErrorCode.KeyNotFound, error.Code);
    }
}
