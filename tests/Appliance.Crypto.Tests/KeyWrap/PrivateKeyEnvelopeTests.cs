using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.KeyWrap;

public class PrivateKeyEnvelopeTests
{
    [Theory]
    [InlineData(KeyWrapAlgorithm.RsaOaepSha1)]
    [InlineData(KeyWrapAlgorithm.RsaOaepSha256)]
    public async Task OpenAsync_SealedForTenantKey_ReturnsPkcs8(KeyWrapAlgorithm alg)
    {
        var pkcs8 = TestKeys.UserPkcs8Bytes();

        var sealedKey = PrivateKeyEnvelope.Seal(TestKeys.TenantEncryptionKeyId, TestKeys.TenantEncryptionSpki(), alg, pkcs8);
        var opened = await PrivateKeyEnvelope.OpenAsync(sealedKey, TestKeys.TenantUnwrapper(), CancellationToken.None);

        Assert.Equal(pkcs8, opened);
        Assert.Equal(alg, sealedKey.Algorithm);
        Assert.Equal(TestKeys.TenantEncryptionKeyId, sealedKey.TenantKeyId);
        Assert.True(sealedKey.WrappedKey.AsSpan().IndexOf(pkcs8.AsSpan(0, 32)) < 0, "the PKCS#8 must not appear in clear");
    }

    [Fact]
    public async Task OpenAsync_TamperedWrappedKey_ThrowsCryptographicException()
    {
        var sealedKey = PrivateKeyEnvelope.Seal(TestKeys.TenantEncryptionKeyId, TestKeys.TenantEncryptionSpki(), KeyWrapAlgorithm.RsaOaepSha1, TestKeys.UserPkcs8Bytes());
        sealedKey.WrappedKey[10] ^= 1;

        await Assert.ThrowsAnyAsync<CryptographicException>(async () =>
            await PrivateKeyEnvelope.OpenAsync(sealedKey, TestKeys.TenantUnwrapper(), CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_OtherTenantKeyId_ThrowsArgumentException()
    {
        // Arrange - an envelope opened with the wrong key version must be a clear caller error, not an unwrap failure.
        var sealedKey = PrivateKeyEnvelope.Seal("tenant-enc-2", TestKeys.TenantEncryptionSpki(), KeyWrapAlgorithm.RsaOaepSha1, TestKeys.UserPkcs8Bytes());

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await PrivateKeyEnvelope.OpenAsync(sealedKey, TestKeys.TenantUnwrapper(), CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_KekWrappedForOtherKey_ThrowsCryptographicException()
    {
        var sealedKey = PrivateKeyEnvelope.Seal(TestKeys.TenantEncryptionKeyId, TestKeys.OtherRsaSpki(), KeyWrapAlgorithm.RsaOaepSha256, TestKeys.UserPkcs8Bytes());

        await Assert.ThrowsAnyAsync<CryptographicException>(async () =>
            await PrivateKeyEnvelope.OpenAsync(sealedKey, TestKeys.TenantUnwrapper(), CancellationToken.None));
    }
}
