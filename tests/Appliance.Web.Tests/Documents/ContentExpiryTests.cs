using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Documents;

public sealed class ContentExpiryTests(DocumentsNode fixture) : IClassFixture<DocumentsNode>
{
    private static DateTimeOffset Yesterday => DateTimeOffset.UtcNow.AddDays(-1);

    [Fact]
    public async Task Acquire_RecipientAfterExpiry_RefusedNamingTheExpiryAndLogged()
    {
        // Arrange - bob holds VIEW, but the policy's expiry has passed.
        var expires = new DateTimeOffset(Yesterday.Year, Yesterday.Month, Yesterday.Day, 10, 0, 0, TimeSpan.Zero);
        var (license, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, expires, new RightsGrant("bob@contoso.test", ["VIEW"]));

        // Act
        using var response = await fixture.Bob.AcquireAsync(license);

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemCodes.ContentExpired);
        Assert.Equal($"The document expired on {DocumentsNode.Instant(expires)}; only its owner can still open it.", detail);
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .SingleAsync(e => e.ContentId == contentId && e.RequestType == "AcquireLicense"));
        Assert.Equal(UsageResult.Denied, entry.Result);
        Assert.Equal(ProblemCodes.ContentExpired, entry.ErrorCode);
        Assert.Equal("bob@contoso.test", entry.UserEmail);
        Assert.Null(entry.Rights);
    }

    [Fact]
    public async Task Acquire_OwnerAfterExpiry_EveryRightAndALicenceUsableOffline()
    {
        // Arrange - expiry binds everyone but the owner; a licence cut to the past expiry would be useless offline.
        var (license, _) = await DocumentsNode.PublishAsync(fixture.Alice, Yesterday, new RightsGrant("bob@contoso.test", ["VIEW"]));

        // Act
        using var response = await fixture.Alice.AcquireAsync(license);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var useLicense = fixture.Alice.Verify((await response.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
        Assert.Equal(UsageRights.All, useLicense.Rights);
        Assert.NotNull(useLicense.ValidUntil);
        Assert.True(useLicense.ValidUntil > DateTimeOffset.UtcNow.AddDays(6), $"valid until {useLicense.ValidUntil}");
    }

    [Fact]
    public async Task Acquire_BeforeExpiry_RecipientsLicenceEndsAtExpiryOwnersDoesNot()
    {
        // Arrange - an hour left: the recipient may not use the content offline past it; the owner is not bound by it.
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var (license, _) = await DocumentsNode.PublishAsync(fixture.Alice, expires, new RightsGrant("bob@contoso.test", ["VIEW"]));

        // Act
        using var bobs = await fixture.Bob.AcquireAsync(license);
        using var alices = await fixture.Alice.AcquireAsync(license);

        // Assert
        var bobLicense = fixture.Bob.Verify((await bobs.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
        var aliceLicense = fixture.Alice.Verify((await alices.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
        Assert.Equal(["VIEW"], bobLicense.Rights);
        Assert.Equal(expires, bobLicense.ValidUntil!.Value, TimeSpan.FromSeconds(1));
        Assert.True(aliceLicense.ValidUntil > expires.AddDays(1), $"valid until {aliceLicense.ValidUntil}");
    }

    [Fact]
    public async Task Acquire_ExpiredAndNoGrant_AccessDeniedNotExpiry()
    {
        // Arrange - someone the policy grants nothing learns nothing about the document's terms.
        var (license, _) = await DocumentsNode.PublishAsync(fixture.Alice, Yesterday, new RightsGrant("bob@contoso.test", ["VIEW"]));

        // Act
        using var response = await fixture.Eve.AcquireAsync(license);

        // Assert
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemCodes.AccessDenied);
    }
}
