using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Hsm.Tests.Support;

namespace Appliance.Hsm.Tests.Keys;

public sealed class KeyGenerationTests : IClassFixture<VaultFixture>
{
    private readonly Pkcs11TenantKeyVault _vault;

    public KeyGenerationTests(VaultFixture fixture) => _vault = fixture.Vault;

    [Theory]
    [InlineData(TenantKeyAlgorithm.Rsa2048, SignatureAlgorithm.Es256, 2048)]
    [InlineData(TenantKeyAlgorithm.Rsa2048, SignatureAlgorithm.Rs256, 2048)]
    [InlineData(TenantKeyAlgorithm.Rsa3072, SignatureAlgorithm.Es256, 3072)]
    [InlineData(TenantKeyAlgorithm.Rsa3072, SignatureAlgorithm.Rs256, 3072)]
    public void GenerateTenantKey_EachAlgorithm_ReturnsSubjectPublicKeyInfos(TenantKeyAlgorithm encryption, SignatureAlgorithm signing, int bits)
    {
        // Arrange - every combination an administrator can choose must produce keys third parties can import.
        using var key = TestKey.Create(_vault, "emea", encryption, signing);
        var material = key.Material;

        // Assert
        Assert.Equal("emea", material.Region);
        Assert.Equal(encryption, material.EncryptionAlgorithm);
        Assert.Equal(signing, material.SigningAlgorithm);
        Assert.Equal(bits, SoftwareCrypto.RsaKeySize(material.EncryptionPublicKey));
        if (signing == SignatureAlgorithm.Es256)
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(material.SigningPublicKey, out var read);
            Assert.Equal(material.SigningPublicKey.Length, read);
            Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, ecdsa.ExportParameters(false).Curve.Oid.Value);
        }
        else
        {
            Assert.Equal(2048, SoftwareCrypto.RsaKeySize(material.SigningPublicKey));
        }

        Assert.True(_vault.KeyExists("emea", key.KeyId));
    }

    [Fact]
    public void GenerateTenantKey_OnSoftHsm_RecordsOaepSha1BecauseTheProbeFindsNoOaepSha256()
    {
        // Arrange - SoftHSM2 2.6 accepts OAEP only with SHA-1; the probe must notice instead of trusting the mechanism list.
        using var key = TestKey.Create(_vault);

        // Assert
        Assert.Equal(KeyWrapAlgorithm.RsaOaepSha1, _vault.WrapAlgorithmFor("na"));
        Assert.Equal(KeyWrapAlgorithm.RsaOaepSha1, key.Material.WrapAlgorithm);
    }

    [Fact]
    public void GenerateTenantKey_ExistingKeyId_ThrowsKeyAlreadyExistsAndKeepsTheKey()
    {
        // Arrange - a second ceremony with the same id must never replace (and so orphan) a key version.
        using var key = TestKey.Create(_vault);

        // Act
        var error = Assert.Throws<HsmException>(() =>
            _vault.GenerateTenantKey("na", key.KeyId, TenantKeyAlgorithm.Rsa2048, SignatureAlgorithm.Es256));

        // Assert
        Assert.Equal(HsmErrorCode.KeyAlreadyExists, error.Code);
        Assert.Contains(key.KeyId, error.Message, StringComparison.Ordinal);
        var wrapped = SoftwareCrypto.Wrap(key.Material.EncryptionPublicKey, new byte[32], KeyWrapAlgorithm.RsaOaepSha1);
        Assert.Equal(new byte[32], _vault.Unwrap("na", key.KeyId, wrapped, KeyWrapAlgorithm.RsaOaepSha1));
    }

    [Fact]
    public void GenerateTenantKey_SameIdInAnotherRegion_IsAnIndependentKey()
    {
        // Arrange - regions are separate security worlds; an id taken in one says nothing about another.
        using var na = TestKey.Create(_vault, "na");

        // Act
        var apac = _vault.GenerateTenantKey("apac", na.KeyId, TenantKeyAlgorithm.Rsa2048, SignatureAlgorithm.Es256);
        try
        {
            // Assert
            Assert.NotEqual(na.Material.EncryptionPublicKey, apac.EncryptionPublicKey);
        }
        finally
        {
            _vault.DestroyKey("apac", na.KeyId);
        }
    }

    [Fact]
    public void DestroyKey_ExistingKey_RemovesItSoItCanNoLongerBeUsed()
    {
        // Arrange
        var key = TestKey.Create(_vault);

        // Act
        _vault.DestroyKey("na", key.KeyId);

        // Assert
        Assert.False(_vault.KeyExists("na", key.KeyId));
        var error = Assert.Throws<HsmException>(() => _vault.Sign("na", key.KeyId, [1, 2, 3], SignatureAlgorithm.Es256));
        Assert.Equal(HsmErrorCode.KeyNotFound, error.Code);
        var count = _vault.WithSession("na", session =>
        {
            using var template = Pkcs11.KeyTemplates.FindAll(session.Factories.ObjectAttributeFactory, key.KeyId);
            return session.FindAllObjects(template.Attributes).Count;
        });
        Assert.Equal(0, count);
    }

    [Fact]
    public void DestroyKey_MissingKey_ThrowsKeyNotFound()
    {
        // Act
        var error = Assert.Throws<HsmException>(() => _vault.DestroyKey("na", TestKey.NewId()));

        // Assert
        Assert.Equal(HsmErrorCode.KeyNotFound, error.Code);
        Assert.Equal("na", error.Region);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("bad\nid")]
    public void GenerateTenantKey_InvalidKeyId_ThrowsArgumentException(string keyId)
    {
        Assert.Throws<ArgumentException>(() => _vault.GenerateTenantKey("na", keyId, TenantKeyAlgorithm.Rsa2048, SignatureAlgorithm.Es256));
    }
}
