using Appliance.Crypto.Licensing;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.Licensing;

public class JwsTests
{
    [Fact]
    public async Task SignAsync_Header_IsExactlyAlgKidTyp()
    {
        // Arrange - third parties rely on this exact header; no other member may appear.
        using var key = TestKeys.TenantSigner();

        var jws = await UseLicense.IssueAsync(Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()), key, CancellationToken.None);

        Assert.Equal("""{"alg":"ES256","kid":"tenant-sig-1","typ":"rms-ul+jws"}""", JwsText.HeaderJson(jws));
        Assert.DoesNotContain('=', jws);
    }

    [Fact]
    public async Task ReadHeader_PaddedPart_ThrowsMalformed()
    {
        using var key = TestKeys.TenantSigner();
        var jws = await JwsText.SignAsync("""{"alg":"ES256","kid":"k","typ":"rms-ul+jws"}""", "{\"version\":1}", key);
        var parts = JwsText.Split(jws);

        var e = Assert.Throws<LicenseException>(() => UseLicense.ReadHeader(parts[0] + "=." + parts[1] + "." + parts[2]));

        Assert.Equal(LicenseError.Malformed, e.Error);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("eyJ.e30.")]
    [InlineData("e yJ.e30.AA")]
    public void ReadHeader_NotThreeBase64UrlParts_ThrowsMalformed(string jws)
    {
        var e = Assert.Throws<LicenseException>(() => UseLicense.ReadHeader(jws));

        Assert.Equal(LicenseError.Malformed, e.Error);
    }

    [Fact]
    public void ReadHeader_NonCanonicalTrailingBits_ThrowsMalformed()
    {
        // Arrange - "e30" is "{}"; "e31" decodes to the same bytes with a non-zero unused bit: a second spelling.
        var header = JwsText.Encode("""{"alg":"ES256","kid":"k","typ":"rms-ul+jws"}""");
        var e = Assert.Throws<LicenseException>(() => UseLicense.ReadHeader(header + ".e31.AAAA"));

        Assert.Equal(LicenseError.Malformed, e.Error);
        Assert.Equal("k", UseLicense.ReadHeader(header + ".e30.AAAA").Kid);
    }

    [Theory]
    [InlineData("""{"alg":"ES256","kid":"k","typ":"rms-ul+jws","crit":["x"]}""")]
    [InlineData("""{"alg":"ES256","kid":"k","typ":"rms-ul+jws","jku":"https://x"}""")]
    [InlineData("""{"alg":"ES256","kid":"k","kid":"j","typ":"rms-ul+jws"}""")]
    [InlineData("""{"alg":"ES256","typ":"rms-ul+jws"}""")]
    [InlineData("""{"alg":"ES256","kid":"","typ":"rms-ul+jws"}""")]
    [InlineData("""{"alg":"ES256","kid":null,"typ":"rms-ul+jws"}""")]
    [InlineData("""{"alg":"ES256","kid":1,"typ":"rms-ul+jws"}""")]
    [InlineData("""["ES256"]""")]
    public void ReadHeader_HeaderNotExactlyAlgKidTyp_ThrowsMalformed(string headerJson)
    {
        var e = Assert.Throws<LicenseException>(() => UseLicense.ReadHeader(JwsText.Encode(headerJson) + ".e30.AAAA"));

        Assert.Equal(LicenseError.Malformed, e.Error);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("es256")]
    [InlineData("PS256")]
    public void ReadHeader_OtherAlgorithm_ThrowsUnsupportedAlgorithm(string alg)
    {
        var header = JwsText.Encode($$"""{"alg":"{{alg}}","kid":"k","typ":"rms-ul+jws"}""");

        var e = Assert.Throws<LicenseException>(() => UseLicense.ReadHeader(header + ".e30.AAAA"));

        Assert.Equal(LicenseError.UnsupportedAlgorithm, e.Error);
    }

    [Fact]
    public async Task Verify_UserCertificateGivenAsUseLicense_ThrowsWrongType()
    {
        // Arrange - both are signed by the tenant key; only "typ" keeps one from passing for the other.
        using var key = TestKeys.TenantSigner();
        var certificate = await UserCertificate.IssueAsync(Licences.UserCertificateContent(), key, CancellationToken.None);

        var e = Assert.Throws<LicenseException>(() => UseLicense.Verify(certificate, TestKeys.TenantSigningSpki()));

        Assert.Equal(LicenseError.WrongType, e.Error);
    }
}
