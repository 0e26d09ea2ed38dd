using Appliance.Crypto.Licensing;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.Licensing;

public class UseLicenseTests
{
    [Fact]
    public async Task Verify_IssuedByTenantKey_ReturnsContent()
    {
        var contentKey = Licences.NewContentKey();
        var content = Licences.UseLicenseContent(Guid.NewGuid(), contentKey) with { ActingAs = "owner@example.com" };
        using var signer = TestKeys.TenantSigner();

        var jws = await UseLicense.IssueAsync(content, signer, CancellationToken.None);
        var verified = UseLicense.Verify(jws, TestKeys.TenantSigningSpki());

        Assert.Equal(content.ContentId, verified.ContentId);
        Assert.Equal(content.TenantId, verified.TenantId);
        Assert.Equal(content.IssuedTo, verified.IssuedTo);
        Assert.Equal(content.Rights, verified.Rights);
        Assert.Equal(content.IssuedAt, verified.IssuedAt);
        Assert.Equal(content.ValidUntil, verified.ValidUntil);
        Assert.Equal(content.WrapAlgorithm, verified.WrapAlgorithm);
        Assert.Equal(content.WrappedContentKey, verified.WrappedContentKey);
        Assert.Equal("owner@example.com", verified.ActingAs);
        PublishingLicenseTests.AssertSamePolicy(content.Policy, verified.Policy);
        using var user = TestKeys.User();
        Assert.Equal(contentKey, UseLicense.UnwrapContentKey(verified, user));
    }

    [Fact]
    public async Task Verify_Rs256TenantKey_ReturnsContent()
    {
        using var signer = TestKeys.TenantRsaSigner();
        var jws = await UseLicense.IssueAsync(Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()) with { ValidUntil = null }, signer, CancellationToken.None);

        var verified = UseLicense.Verify(jws, TestKeys.OtherRsaSpki());

        Assert.Equal("RS256", UseLicense.ReadHeader(jws).Alg);
        Assert.Null(verified.ValidUntil);
    }

    [Fact]
    public async Task ReadHeader_Issued_ReturnsSigningKeyId()
    {
        using var signer = TestKeys.TenantSigner();
        var jws = await UseLicense.IssueAsync(Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()), signer, CancellationToken.None);

        Assert.Equal(new JwsHeader("ES256", TestKeys.TenantSigningKeyId, "rms-ul+jws"), UseLicense.ReadHeader(jws));
    }

    [Fact]
    public async Task Verify_OtherTenantsKey_ThrowsSignatureInvalid()
    {
        using var signer = TestKeys.OtherEs256Signer();
        var jws = await UseLicense.IssueAsync(Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()), signer, CancellationToken.None);

        var e = Assert.Throws<LicenseException>(() => UseLicense.Verify(jws, TestKeys.TenantSigningSpki()));

        Assert.Equal(LicenseError.SignatureInvalid, e.Error);
    }

    [Fact]
    public async Task Verify_RightsEditedAfterSigning_ThrowsSignatureInvalid()
    {
        // Arrange - the attack a use licence must stop: a consumer granting itself more rights.
        using var signer = TestKeys.TenantSigner();
        var jws = await UseLicense.IssueAsync(Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()), signer, CancellationToken.None);
        var payload = JwsText.PayloadJson(jws).Replace("\"rights\":[\"VIEW\",\"PRINT\"]", "\"rights\":[\"OWNER\"]", StringComparison.Ordinal);
        var parts = JwsText.Split(jws);

        var e = Assert.Throws<LicenseException>(() => UseLicense.Verify(parts[0] + "." + JwsText.Encode(payload) + "." + parts[2], TestKeys.TenantSigningSpki()));

        Assert.Equal(LicenseError.SignatureInvalid, e.Error);
    }

    [Fact]
    public async Task Verify_EveryCharacterChanged_ThrowsLicenseException()
    {
        using var signer = TestKeys.TenantSigner();
        var jws = await UseLicense.IssueAsync(Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()), signer, CancellationToken.None);
        var spki = TestKeys.TenantSigningSpki();

        for (var i = 0; i < jws.Length; i++)
        {
            var chars = jws.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            Assert.Throws<LicenseException>(() => UseLicense.Verify(new string(chars), spki));
        }
    }

    [Fact]
    public async Task Verify_UnknownRightSignedByTenant_ThrowsMalformed()
    {
        using var signer = TestKeys.TenantSigner();
        var jws = await JwsText.ResignWithPayloadAsync(
            await UseLicense.IssueAsync(Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()), signer, CancellationToken.None),
            json => json.Replace("\"PRINT\"", "\"print\"", StringComparison.Ordinal),
            signer);

        var e = Assert.Throws<LicenseException>(() => UseLicense.Verify(jws, TestKeys.TenantSigningSpki()));

        Assert.Equal(LicenseError.Malformed, e.Error);
    }

    [Fact]
    public async Task UnwrapContentKey_OtherUsersKey_ThrowsKeyUnwrapFailed()
    {
        using var signer = TestKeys.TenantSigner();
        var verified = UseLicense.Verify(
            await UseLicense.IssueAsync(Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()), signer, CancellationToken.None),
            TestKeys.TenantSigningSpki());
        using var other = TestKeys.OtherRsa();

        var e = Assert.Throws<LicenseException>(() => UseLicense.UnwrapContentKey(verified, other));

        Assert.Equal(LicenseError.KeyUnwrapFailed, e.Error);
    }

    [Fact]
    public async Task IssueAsync_UnknownRight_ThrowsArgumentException()
    {
        using var signer = TestKeys.TenantSigner();
        var content = Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()) with { Rights = ["VIEW", "FLY"] };

        await Assert.ThrowsAsync<ArgumentException>(() => UseLicense.IssueAsync(content, signer, CancellationToken.None));
    }
}
