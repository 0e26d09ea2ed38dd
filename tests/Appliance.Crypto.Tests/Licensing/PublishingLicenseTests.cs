using System.Text.Json;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Rights;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.Licensing;

public class PublishingLicenseTests
{
    [Theory]
    [InlineData(KeyWrapAlgorithm.RsaOaepSha1)]
    [InlineData(KeyWrapAlgorithm.RsaOaepSha256)]
    public async Task OpenAsync_CreatedByTenantKey_ReturnsContentKeyAndPolicy(KeyWrapAlgorithm alg)
    {
        var contentId = Guid.NewGuid();
        var contentKey = Licences.NewContentKey();
        using var signer = TestKeys.TenantSigner();
        var jws = await PublishingLicense.CreateAsync(Licences.Request(contentId, contentKey, alg), signer, null, CancellationToken.None);

        var parsed = PublishingLicense.Parse(jws);
        var opened = await PublishingLicense.OpenAsync(parsed, TestKeys.TenantUnwrapper(), CancellationToken.None);

        Assert.True(parsed.VerifySignature(TestKeys.TenantSigningSpki()));
        Assert.Equal(new JwsHeader("ES256", TestKeys.TenantSigningKeyId, "rms-pl+jws"), parsed.Header);
        Assert.Equal(1, parsed.Content.Version);
        Assert.Equal(contentId, parsed.Content.ContentId);
        Assert.Equal(Licences.TenantId, parsed.Content.TenantId);
        Assert.Equal(alg, parsed.Content.WrapAlgorithm);
        Assert.Null(parsed.Content.SignerCertificate);
        Assert.Equal(contentKey, opened.ContentKey);
        AssertSamePolicy(Licences.Policy(), opened.Policy);
    }

    [Fact]
    public async Task VerifySignature_SignedOfflineByUser_VerifiesWithKeyFromCertificate()
    {
        // Arrange - the offline flow: the user signs, the server checks the user certificate, then the licence.
        var contentKey = Licences.NewContentKey();
        using var tenantSigner = TestKeys.TenantSigner();
        using var userSigner = TestKeys.UserSigner();
        var certificate = await UserCertificate.IssueAsync(Licences.UserCertificateContent(), tenantSigner, CancellationToken.None);
        var jws = await PublishingLicense.CreateAsync(Licences.Request(Guid.NewGuid(), contentKey), userSigner, certificate, CancellationToken.None);

        var parsed = PublishingLicense.Parse(jws);
        var signerKey = UserCertificate.Verify(parsed.Content.SignerCertificate!, TestKeys.TenantSigningSpki()).PublicKey;

        Assert.Equal("RS256", parsed.Header.Alg);
        Assert.True(parsed.VerifySignature(signerKey));
        Assert.False(parsed.VerifySignature(TestKeys.TenantSigningSpki()));
    }

    [Fact]
    public async Task CreateAsync_MixedCasePolicy_StoresLowerCasePrincipalsAndCanonicalRights()
    {
        var contentKey = Licences.NewContentKey();
        var request = Licences.Request(Guid.NewGuid(), contentKey) with
        {
            Policy = new ProtectionPolicy("Owner@Example.COM", [new RightsGrant(" Reader@Example.com ", ["print", "View", "VIEW"])], null, null, null, null),
        };
        using var signer = TestKeys.TenantSigner();

        var jws = await PublishingLicense.CreateAsync(request, signer, null, CancellationToken.None);
        var opened = await PublishingLicense.OpenAsync(PublishingLicense.Parse(jws), TestKeys.TenantUnwrapper(), CancellationToken.None);

        Assert.Equal("owner@example.com", opened.Policy.Owner);
        Assert.Equal("reader@example.com", opened.Policy.Grants[0].Principal);
        Assert.Equal([UsageRights.View, UsageRights.Print], opened.Policy.Grants[0].Rights);
    }

    [Fact]
    public async Task CreateAsync_PayloadJson_UsesWireNamesAndBase64Url()
    {
        var jws = await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey());

        using var payload = JsonDocument.Parse(JsonText(jws));
        string[] names = [.. payload.RootElement.EnumerateObject().Select(p => p.Name)];

        Assert.Equal(
            ["version", "contentId", "tenantId", "issuer", "tenantKeyId", "wrapAlgorithm", "wrappedContentKey", "encryptedPolicy", "issuedAt", "signerCertificate"],
            names);
        Assert.Equal("RSA-OAEP-256", payload.RootElement.GetProperty("wrapAlgorithm").GetString());
        Assert.DoesNotContain('+', payload.RootElement.GetProperty("wrappedContentKey").GetString()!);
        Assert.EndsWith("Z", payload.RootElement.GetProperty("issuedAt").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(33)]
    public async Task CreateAsync_ContentKeyNot32Bytes_ThrowsArgumentException(int length)
    {
        using var signer = TestKeys.TenantSigner();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            PublishingLicense.CreateAsync(Licences.Request(Guid.NewGuid(), new byte[length]), signer, null, CancellationToken.None));
    }

    [Fact]
    public async Task CreateAsync_UnknownRight_ThrowsArgumentException()
    {
        var request = Licences.Request(Guid.NewGuid(), Licences.NewContentKey()) with
        {
            Policy = new ProtectionPolicy("o@example.com", [new RightsGrant("r@example.com", ["TELEPORT"])], null, null, null, null),
        };
        using var signer = TestKeys.TenantSigner();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => PublishingLicense.CreateAsync(request, signer, null, CancellationToken.None));

        Assert.Contains("TELEPORT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_Version2_ThrowsUnsupportedVersion()
    {
        using var signer = TestKeys.TenantSigner();
        var jws = await JwsText.ResignWithPayloadAsync(
            await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey()),
            json => json.Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal),
            signer);

        var e = Assert.Throws<LicenseException>(() => PublishingLicense.Parse(jws));

        Assert.Equal(LicenseError.UnsupportedVersion, e.Error);
    }

    [Theory]
    [InlineData("\"issuer\":\"owner@example.com\"", "\"issuer\":\"owner@example.com\",\"extra\":1")]
    [InlineData("\"wrapAlgorithm\":\"RSA-OAEP-256\"", "\"wrapAlgorithm\":1")]
    [InlineData("\"wrapAlgorithm\":\"RSA-OAEP-256\"", "\"wrapAlgorithm\":\"rsa-oaep-256\"")]
    [InlineData("\"issuer\":\"owner@example.com\"", "\"issuer\":null")]
    [InlineData("\"signerCertificate\":null", "\"signerCertificate\":\"not a jws\"")]
    [InlineData(",\"signerCertificate\":null", "")]
    [InlineData("\"issuedAt\":\"", "\"issuedAt\":\"yesterday")]
    [InlineData("\"issuedAt\":\"2025-01-02T03:04:05Z\"", "\"issuedAt\":\"2025-01-02T03:04:05\"")]
    [InlineData("\"issuedAt\":\"2025-01-02T03:04:05Z\"", "\"issuedAt\":\"2025-01-02\"")]
    public async Task Parse_PayloadBreaksSchema_ThrowsMalformed(string find, string replace)
    {
        using var signer = TestKeys.TenantSigner();
        var jws = await JwsText.ResignWithPayloadAsync(
            await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey()),
            json => json.Contains(find, StringComparison.Ordinal) ? json.Replace(find, replace, StringComparison.Ordinal) : throw new InvalidOperationException(json),
            signer);

        var e = Assert.Throws<LicenseException>(() => PublishingLicense.Parse(jws));

        Assert.Equal(LicenseError.Malformed, e.Error);
    }

    [Fact]
    public async Task Parse_UseLicense_ThrowsWrongType()
    {
        using var signer = TestKeys.TenantSigner();
        var useLicense = await UseLicense.IssueAsync(Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()), signer, CancellationToken.None);

        var e = Assert.Throws<LicenseException>(() => PublishingLicense.Parse(useLicense));

        Assert.Equal(LicenseError.WrongType, e.Error);
    }

    [Fact]
    public async Task VerifySignature_PayloadSwappedFromAnotherLicence_False()
    {
        // Arrange - splice licence B's payload under licence A's signature.
        var a = await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey());
        var b = await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey());
        var spliced = JwsText.Split(a)[0] + "." + JwsText.Split(b)[1] + "." + JwsText.Split(a)[2];

        Assert.False(PublishingLicense.Parse(spliced).VerifySignature(TestKeys.TenantSigningSpki()));
    }

    [Fact]
    public async Task VerifySignature_ContentReplacedWithWith_False()
    {
        // Arrange - a record altered in memory must not borrow the signature of the text it came from.
        var a = PublishingLicense.Parse(await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey()));
        var b = PublishingLicense.Parse(await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey()));

        Assert.True(a.VerifySignature(TestKeys.TenantSigningSpki()));
        Assert.False((a with { Content = b.Content }).VerifySignature(TestKeys.TenantSigningSpki()));
        Assert.False(new ParsedPublishingLicense(a.Jws, a.Header, b.Content).VerifySignature(TestKeys.TenantSigningSpki()));
    }

    [Fact]
    public async Task OpenAsync_WrappedForOtherKey_ThrowsKeyUnwrapFailed()
    {
        var request = Licences.Request(Guid.NewGuid(), Licences.NewContentKey()) with { TenantEncryptionPublicKey = TestKeys.OtherRsaSpki() };
        using var signer = TestKeys.TenantSigner();
        var parsed = PublishingLicense.Parse(await PublishingLicense.CreateAsync(request, signer, null, CancellationToken.None));

        var e = await Assert.ThrowsAsync<LicenseException>(() => PublishingLicense.OpenAsync(parsed, TestKeys.TenantUnwrapper(), CancellationToken.None));

        Assert.Equal(LicenseError.KeyUnwrapFailed, e.Error);
    }

    [Fact]
    public async Task OpenAsync_UnwrapperOfOtherKeyId_ThrowsArgumentException()
    {
        var parsed = PublishingLicense.Parse(await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey()));
        var unwrapper = new SoftwareKeyUnwrapper("tenant-enc-2", TestKeys.TenantEncryption());

        await Assert.ThrowsAsync<ArgumentException>(() => PublishingLicense.OpenAsync(parsed, unwrapper, CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_EncryptedPolicyFromAnotherLicence_ThrowsPolicyDecryptionFailed()
    {
        // Arrange - the policy blob of B moved into A (and re-signed by a signer who could do that): it must not decrypt.
        var a = await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey());
        var b = await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey());
        var policyOfB = JsonDocument.Parse(JsonText(b)).RootElement.GetProperty("encryptedPolicy").GetString()!;
        var policyOfA = JsonDocument.Parse(JsonText(a)).RootElement.GetProperty("encryptedPolicy").GetString()!;
        using var signer = TestKeys.TenantSigner();
        var spliced = await JwsText.ResignWithPayloadAsync(a, json => json.Replace(policyOfA, policyOfB, StringComparison.Ordinal), signer);

        var e = await Assert.ThrowsAsync<LicenseException>(() =>
            PublishingLicense.OpenAsync(PublishingLicense.Parse(spliced), TestKeys.TenantUnwrapper(), CancellationToken.None));

        Assert.Equal(LicenseError.PolicyDecryptionFailed, e.Error);
    }

    [Fact]
    public async Task OpenAsync_ContentIdChanged_ThrowsPolicyDecryptionFailed()
    {
        // Arrange - the policy key and AAD depend on the content id, so the policy cannot be re-labelled for another document.
        var contentId = Guid.NewGuid();
        var jws = await Licences.PublishingLicenseAsync(contentId, Licences.NewContentKey());
        using var signer = TestKeys.TenantSigner();
        var relabelled = await JwsText.ResignWithPayloadAsync(jws, json => json.Replace(contentId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal), signer);

        var e = await Assert.ThrowsAsync<LicenseException>(() =>
            PublishingLicense.OpenAsync(PublishingLicense.Parse(relabelled), TestKeys.TenantUnwrapper(), CancellationToken.None));

        Assert.Equal(LicenseError.PolicyDecryptionFailed, e.Error);
    }

    [Fact]
    public async Task VerifySignature_EveryCharacterChanged_FailsToParseOrToVerify()
    {
        // Arrange - any change anywhere in the licence text must be caught by Parse or by the signature.
        var jws = await Licences.PublishingLicenseAsync(Guid.NewGuid(), Licences.NewContentKey());
        var spki = TestKeys.TenantSigningSpki();

        for (var i = 0; i < jws.Length; i++)
        {
            var chars = jws.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            var altered = new string(chars);
            bool verified;
            try
            {
                verified = PublishingLicense.Parse(altered).VerifySignature(spki);
            }
            catch (LicenseException)
            {
                verified = false;
            }

            Assert.False(verified, $"A change at character {i} went unnoticed.");
        }
    }

    internal static void AssertSamePolicy(ProtectionPolicy expected, ProtectionPolicy actual)
    {
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
        Assert.Equal(expected.OfflineDays, actual.OfflineDays);
        Assert.Equal(expected.TemplateId, actual.TemplateId);
        Assert.Equal(expected.TemplateName, actual.TemplateName);
        Assert.Equal(expected.Grants.Count, actual.Grants.Count);
        for (var i = 0; i < expected.Grants.Count; i++)
        {
            Assert.Equal(expected.Grants[i].Principal, actual.Grants[i].Principal);
            Assert.Equal(expected.Grants[i].Rights, actual.Grants[i].Rights);
        }
    }

    private static string JsonText(string jws) => JwsText.PayloadJson(jws);
}
