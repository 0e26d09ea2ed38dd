using Appliance.Crypto.Licensing;
using Appliance.Crypto.Signing;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.Licensing;

public class CertificateTests
{
    [Fact]
    public async Task UserCertificateVerify_IssuedByTenantKey_ReturnsContent()
    {
        var content = Licences.UserCertificateContent();
        using var signer = TestKeys.TenantSigner();

        var jws = await UserCertificate.IssueAsync(content, signer, CancellationToken.None);
        var verified = UserCertificate.Verify(jws, TestKeys.TenantSigningSpki());

        Assert.Equal(content with { PublicKey = verified.PublicKey }, verified);
        Assert.Equal(content.PublicKey, verified.PublicKey);
        Assert.Equal(new JwsHeader("ES256", TestKeys.TenantSigningKeyId, "rms-uc+jws"), UserCertificate.ReadHeader(jws));
    }

    [Fact]
    public async Task UserCertificateVerify_OtherKey_ThrowsSignatureInvalid()
    {
        using var signer = TestKeys.OtherEs256Signer();
        var jws = await UserCertificate.IssueAsync(Licences.UserCertificateContent(), signer, CancellationToken.None);

        var e = Assert.Throws<LicenseException>(() => UserCertificate.Verify(jws, TestKeys.TenantSigningSpki()));

        Assert.Equal(LicenseError.SignatureInvalid, e.Error);
    }

    [Fact]
    public async Task UserCertificateVerify_IssuerKeyIdNotTheKid_ThrowsMalformed()
    {
        // Arrange - the issuer named inside must be the key that signed; otherwise key rollover bookkeeping lies.
        using var signer = TestKeys.TenantSigner();
        var jws = await JwsText.ResignWithPayloadAsync(
            await UserCertificate.IssueAsync(Licences.UserCertificateContent(), signer, CancellationToken.None),
            json => json.Replace("\"issuerKeyId\":\"tenant-sig-1\"", "\"issuerKeyId\":\"tenant-sig-9\"", StringComparison.Ordinal),
            signer);

        var e = Assert.Throws<LicenseException>(() => UserCertificate.Verify(jws, TestKeys.TenantSigningSpki()));

        Assert.Equal(LicenseError.Malformed, e.Error);
    }

    [Fact]
    public async Task UserCertificateIssueAsync_EcPublicKey_ThrowsArgumentException()
    {
        using var signer = TestKeys.TenantSigner();
        var content = Licences.UserCertificateContent() with { PublicKey = TestKeys.TenantSigningSpki() };

        await Assert.ThrowsAsync<ArgumentException>(() => UserCertificate.IssueAsync(content, signer, CancellationToken.None));
    }

    [Fact]
    public async Task UserCertificateIssueAsync_SignerIsNotIssuer_ThrowsArgumentException()
    {
        using var signer = TestKeys.OtherEs256Signer("tenant-sig-2");

        await Assert.ThrowsAsync<ArgumentException>(() => UserCertificate.IssueAsync(Licences.UserCertificateContent(), signer, CancellationToken.None));
    }

    [Fact]
    public async Task TenantCertificateVerify_SelfSigned_ReturnsContent()
    {
        var content = Licences.TenantCertificateContent();
        using var signer = TestKeys.TenantSigner();

        var verified = TenantCertificate.Verify(await TenantCertificate.IssueAsync(content, signer, CancellationToken.None));

        Assert.Equal(content.KeyId, verified.KeyId);
        Assert.Equal(content.EncryptionPublicKey, verified.EncryptionPublicKey);
        Assert.Equal(content.SigningPublicKey, verified.SigningPublicKey);
        Assert.Equal(content with { EncryptionPublicKey = verified.EncryptionPublicKey, SigningPublicKey = verified.SigningPublicKey }, verified);
    }

    [Fact]
    public async Task TenantCertificateVerify_SigningKeyReplaced_ThrowsSignatureInvalid()
    {
        // Arrange - swapping in another signing key (to make later forgeries verify) breaks the self-signature.
        using var signer = TestKeys.TenantSigner();
        var jws = await TenantCertificate.IssueAsync(Licences.TenantCertificateContent(), signer, CancellationToken.None);
        var original = Convert.ToBase64String(TestKeys.TenantSigningSpki()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var replacement = Convert.ToBase64String(TestKeys.OtherEs256Spki()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var payload = JwsText.PayloadJson(jws).Replace(original, replacement, StringComparison.Ordinal);
        var parts = JwsText.Split(jws);

        var e = Assert.Throws<LicenseException>(() => TenantCertificate.Verify(parts[0] + "." + JwsText.Encode(payload) + "." + parts[2]));

        Assert.Equal(LicenseError.SignatureInvalid, e.Error);
    }

    [Fact]
    public async Task TenantCertificateIssueAsync_AlgorithmNameDisagreesWithKeySize_ThrowsArgumentException()
    {
        using var signer = TestKeys.TenantSigner();
        var content = Licences.TenantCertificateContent() with { EncryptionAlgorithm = "RSA-3072" };

        await Assert.ThrowsAsync<ArgumentException>(() => TenantCertificate.IssueAsync(content, signer, CancellationToken.None));
    }

    [Fact]
    public async Task TenantCertificateVerify_Rsa3072Rs256_ReturnsContent()
    {
        using var signer = TestKeys.TenantRsaSigner();
        var content = Licences.TenantCertificateContent() with
        {
            EncryptionPublicKey = TestKeys.TenantEncryption3072Spki(),
            EncryptionAlgorithm = "RSA-3072",
            SigningPublicKey = TestKeys.OtherRsaSpki(),
            SigningAlgorithm = SignatureAlgorithm.Rs256,
        };

        var verified = TenantCertificate.Verify(await TenantCertificate.IssueAsync(content, signer, CancellationToken.None));

        Assert.Equal("RSA-3072", verified.EncryptionAlgorithm);
        Assert.Equal(SignatureAlgorithm.Rs256, verified.SigningAlgorithm);
    }

    [Fact]
    public async Task TenantCertificateVerify_HeaderAlgorithmDisagreesWithContent_ThrowsMalformed()
    {
        // Arrange - a certificate claiming RS256 but signed ES256 must not verify with either reading.
        using var signer = TestKeys.TenantSigner();
        var jws = await JwsText.ResignWithPayloadAsync(
            await TenantCertificate.IssueAsync(Licences.TenantCertificateContent(), signer, CancellationToken.None),
            json => json.Replace("\"signingAlgorithm\":\"ES256\"", "\"signingAlgorithm\":\"RS256\"", StringComparison.Ordinal),
            signer);

        var e = Assert.Throws<LicenseException>(() => TenantCertificate.Verify(jws));

        Assert.Equal(LicenseError.Malformed, e.Error);
    }
}
