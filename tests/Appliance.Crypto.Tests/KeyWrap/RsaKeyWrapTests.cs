using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.KeyWrap;

public class RsaKeyWrapTests
{
    [Theory]
    [InlineData(KeyWrapAlgorithm.RsaOaepSha1)]
    [InlineData(KeyWrapAlgorithm.RsaOaepSha256)]
    public void Unwrap_WrappedWithSameAlgorithm_ReturnsKey(KeyWrapAlgorithm alg)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var rsa = TestKeys.TenantEncryption();

        var wrapped = RsaKeyWrap.Wrap(TestKeys.TenantEncryptionSpki(), key, alg);

        Assert.Equal(256, wrapped.Length);
        Assert.Equal(key, RsaKeyWrap.Unwrap(rsa, wrapped, alg));
    }

    [Fact]
    public void Unwrap_OtherAlgorithm_ThrowsCryptographicException()
    {
        // Arrange - the algorithm is recorded in every licence; unwrapping with the other one must fail, not return garbage.
        var wrapped = RsaKeyWrap.Wrap(TestKeys.TenantEncryptionSpki(), RandomNumberGenerator.GetBytes(32), KeyWrapAlgorithm.RsaOaepSha256);
        using var rsa = TestKeys.TenantEncryption();

        Assert.ThrowsAny<CryptographicException>(() => RsaKeyWrap.Unwrap(rsa, wrapped, KeyWrapAlgorithm.RsaOaepSha1));
    }

    [Fact]
    public void Wrap_EcKey_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => RsaKeyWrap.Wrap(TestKeys.TenantSigningSpki(), new byte[32], KeyWrapAlgorithm.RsaOaepSha256));
    }

    [Fact]
    public void Wrap_Rsa1024_ThrowsArgumentException()
    {
        using var weak = RSA.Create(1024);

        Assert.Throws<ArgumentException>(() => RsaKeyWrap.Wrap(weak.ExportSubjectPublicKeyInfo(), new byte[32], KeyWrapAlgorithm.RsaOaepSha256));
    }

    [Fact]
    public void Wrap_SpkiWithTrailingBytes_ThrowsArgumentException()
    {
        byte[] spki = [.. TestKeys.TenantEncryptionSpki(), 0];

        Assert.Throws<ArgumentException>(() => RsaKeyWrap.Wrap(spki, new byte[32], KeyWrapAlgorithm.RsaOaepSha256));
    }
}
