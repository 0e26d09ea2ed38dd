using System.Security.Cryptography;
using Appliance.Crypto.Signing;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.Signing;

public class SignatureTests
{
    private static readonly byte[] Data = "the quick brown fox"u8.ToArray();

    [Fact]
    public async Task SignAsync_Es256_RawSixtyFourByteSignatureThatVerifies()
    {
        // Arrange - ES256 signatures must be raw r||s, the form PKCS#11 CKM_ECDSA returns and JWS requires.
        using var key = TestKeys.TenantSigner();

        var signature = await key.SignAsync(Data, CancellationToken.None);

        Assert.Equal(64, signature.Length);
        Assert.Equal(SignatureAlgorithm.Es256, key.Algorithm);
        Assert.True(SignatureVerifier.Verify(SignatureAlgorithm.Es256, TestKeys.TenantSigningSpki(), Data, signature));
    }

    [Fact]
    public async Task SignAsync_Rs256_Verifies()
    {
        using var key = TestKeys.UserSigner();

        var signature = await key.SignAsync(Data, CancellationToken.None);

        Assert.Equal(SignatureAlgorithm.Rs256, key.Algorithm);
        Assert.True(SignatureVerifier.Verify(SignatureAlgorithm.Rs256, TestKeys.UserSpki(), Data, signature));
    }

    [Fact]
    public async Task Verify_AlteredData_False()
    {
        using var key = TestKeys.TenantSigner();
        var signature = await key.SignAsync(Data, CancellationToken.None);

        Assert.False(SignatureVerifier.Verify(SignatureAlgorithm.Es256, TestKeys.TenantSigningSpki(), "the quick brown fix"u8, signature));
    }

    [Fact]
    public async Task Verify_OtherKey_False()
    {
        using var key = TestKeys.UserSigner();
        var signature = await key.SignAsync(Data, CancellationToken.None);

        Assert.False(SignatureVerifier.Verify(SignatureAlgorithm.Rs256, TestKeys.OtherRsaSpki(), Data, signature));
    }

    [Fact]
    public async Task Verify_KeyOfTheOtherAlgorithm_FalseNotException()
    {
        // Arrange - "alg" comes from an untrusted header; a mismatched key must be a plain "no".
        using var key = TestKeys.UserSigner();
        var signature = await key.SignAsync(Data, CancellationToken.None);

        Assert.False(SignatureVerifier.Verify(SignatureAlgorithm.Es256, TestKeys.UserSpki(), Data, signature));
        Assert.False(SignatureVerifier.Verify(SignatureAlgorithm.Rs256, TestKeys.TenantSigningSpki(), Data, signature));
    }

    [Fact]
    public void Verify_GarbageKey_FalseNotException()
    {
        Assert.False(SignatureVerifier.Verify(SignatureAlgorithm.Rs256, [1, 2, 3], Data, new byte[256]));
        Assert.False(SignatureVerifier.Verify(SignatureAlgorithm.Es256, [], Data, new byte[64]));
    }

    [Fact]
    public void Verify_DerEncodedEcdsaSignature_False()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = ec.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        Assert.False(SignatureVerifier.Verify(SignatureAlgorithm.Es256, ec.ExportSubjectPublicKeyInfo(), Data, der));
    }

    [Fact]
    public void Verify_P384Key_False()
    {
        // Arrange - ES256 is P-256 only; a P-384 key must not be accepted under that name.
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var signature = ec.SignData(Data, HashAlgorithmName.SHA256);

        Assert.False(SignatureVerifier.Verify(SignatureAlgorithm.Es256, ec.ExportSubjectPublicKeyInfo(), Data, signature));
    }

    [Fact]
    public void Constructor_P384Key_ThrowsArgumentException()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => new SoftwareSignatureKey("k", ec));
    }

    [Fact]
    public void Constructor_Rsa1024_ThrowsArgumentException()
    {
        using var rsa = RSA.Create(1024);

        Assert.Throws<ArgumentException>(() => new SoftwareSignatureKey("k", rsa));
    }

    [Fact]
    public async Task SignAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        var key = TestKeys.TenantSigner();
        key.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await key.SignAsync(Data, CancellationToken.None));
    }
}
