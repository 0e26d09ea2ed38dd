using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Licensing;

public sealed class LicensingApiTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private Publisher _alice = null!;
    private HttpClient _bob = null!;

    public async Task InitializeAsync()
    {
        await _node.ActivateTenantAsync("Contoso, Ltd", "emea", "contoso.test");
        await _node.AddUserAsync("alice@contoso.test", "password of alice 1");
        await _node.AddUserAsync("bob@contoso.test", "password of bob 123");
        _alice = await Publisher.BootstrapAsync(await _node.SignInAsync("alice@contoso.test", "password of alice 1"));
        _bob = await _node.SignInAsync("bob@contoso.test", "password of bob 123");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        _bob.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Acquire_GrantedUserWithOwnKey_GetsRightsAndTheContentKeyWrappedToThatKey()
    {
        // Arrange - a caller may ask for the content key wrapped to a key it sends (mobile, browser).
        var (license, contentKey, contentId) = await _alice.PublishAsync(new RightsGrant("bob@contoso.test", ["VIEW", "PRINT"]));
        using var deviceKey = RSA.Create(2048);

        // Act
        using var response = await _bob.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(license, deviceKey.ExportSubjectPublicKeyInfo()));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var useLicense = _alice.Verify((await response.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
        Assert.Equal(contentId, useLicense.ContentId);
        Assert.Equal("bob@contoso.test", useLicense.IssuedTo);
        Assert.Equal(["VIEW", "PRINT"], useLicense.Rights);
        Assert.Equal(contentKey, UseLicense.UnwrapContentKey(useLicense, deviceKey));
        Assert.NotNull(useLicense.ValidUntil);
    }

    [Fact]
    public async Task Acquire_Owner_AlwaysGetsEveryRight()
    {
        var (license, contentKey, _) = await _alice.PublishAsync();
        using var response = await _alice.AcquireAsync(license);
        var useLicense = _alice.Verify((await response.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
        Assert.Equal(UsageRights.All, useLicense.Rights);
        Assert.Equal(contentKey, UseLicense.UnwrapContentKey(useLicense, _alice.UserKey));
    }

    [Fact]
    public async Task Acquire_NoGrant_RefusedAndLogged()
    {
        var (license, _, contentId) = await _alice.PublishAsync(new RightsGrant("carol@contoso.test", ["VIEW"]));
        using var response = await _bob.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(license, null));
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemCodes.AccessDenied);
        Assert.Equal("bob@contoso.test has no rights to this document.", detail);
        var entry = await _node.QueryAsync(db => db.UsageLog.AsNoTracking().SingleAsync(e => e.ContentId == contentId && e.RequestType == "AcquireLicense"));
        Assert.Equal(UsageResult.Denied, entry.Result);
        Assert.Equal("bob@contoso.test", entry.UserEmail);
        Assert.Equal("alice@contoso.test", entry.OwnerEmail);
        Assert.Equal("doc.docx", entry.FileName);
        Assert.NotNull(entry.CorrelationId);
        Assert.Equal("127.0.0.1", entry.ClientIp);
    }

    [Fact]
    public async Task Acquire_TamperedPublishingLicense_GenericRefusal()
    {
        // Arrange - flip one character in the signed payload: the signature no longer matches.
        var (license, _, _) = await _alice.PublishAsync(new RightsGrant("bob@contoso.test", ["VIEW"]));
        var parts = license.Split('.');
        var payload = parts[1].ToCharArray();
        payload[payload.Length / 2] = payload[payload.Length / 2] == 'A' ? 'B' : 'A';
        var tampered = string.Join('.', parts[0], new string(payload), parts[2]);

        // Act
        using var response = await _bob.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(tampered, null));

        // Assert - SECURITY: one generic answer, no hint which check failed.
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.InvalidPublishingLicense);
        Assert.Equal("The publishing licence is not valid for this appliance.", detail);
    }

    [Fact]
    public async Task Acquire_UnregisteredContent_Refused()
    {
        var (license, _, _) = await _alice.CreateLicenseAsync(new RightsGrant("bob@contoso.test", ["VIEW"]));
        using var response = await _bob.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(license, null));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemCodes.ContentNotRegistered);
    }

    [Fact]
    public async Task Acquire_UserNotBootstrappedAndNoKey_ToldToBootstrap()
    {
        var (license, _, _) = await _alice.PublishAsync(new RightsGrant("bob@contoso.test", ["VIEW"]));
        using var response = await _bob.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(license, null));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, ProblemCodes.NotBootstrapped);
    }

    [Fact]
    public async Task Acquire_UsageLogCannotBeWritten_NoLicenceIssued()
    {
        // Arrange - writing the entry is part of the request; make every insert into the log fail.
        var (license, _, _) = await _alice.PublishAsync(new RightsGrant("bob@contoso.test", ["VIEW"]));
        using var deviceKey = RSA.Create(2048);
        await _node.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_usage BEFORE INSERT ON UsageLog BEGIN SELECT RAISE(ABORT, 'log store unavailable'); END;"));

        // Act
        using var response = await _bob.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(license, deviceKey.ExportSubjectPublicKeyInfo()));

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ProblemCodes.UsageLogUnavailable);
        Assert.DoesNotContain("useLicense", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Publish_LicenceSignedBySomeoneElse_Refused()
    {
        var (license, _, _) = await _alice.CreateLicenseAsync();
        using var response = await _bob.PostAsJsonAsync("/api/v1/publish", new RegisterContentRequest(license, "x.txt"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemCodes.AccessDenied);
    }

    [Fact]
    public async Task Publish_SameContentTwice_Idempotent()
    {
        var (license, _, contentId) = await _alice.PublishAsync();
        using var again = await _alice.Http.PostAsJsonAsync("/api/v1/publish", new RegisterContentRequest(license, "doc.docx"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await _node.QueryAsync(db => db.ProtectedDocuments.CountAsync(d => d.ContentId == contentId)));
    }

    [Fact]
    public async Task Licensing_WithoutToken_Unauthenticated()
    {
        using var anonymous = _node.Anonymous();
        using var response = await anonymous.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest("x", null));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ProblemCodes.Unauthenticated);
    }

    [Fact]
    public async Task TenantKey_StoredRowsHoldPublicKeysOnly()
    {
        var key = await _node.QueryAsync(db => db.TenantKeys.AsNoTracking().SingleAsync());
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.EncryptionPublicKey, out _);
        Assert.Throws<CryptographicException>(() => rsa.ExportParameters(includePrivateParameters: true));
        Assert.Equal("RSA-OAEP", key.WrapAlgorithm); // SoftHSM2 offers OAEP with SHA-1 only; the choice is recorded.
        Assert.Equal("ES256", key.SigningAlgorithm);
        Assert.Equal(KeyWrapAlgorithm.RsaOaepSha1, TenantCertificate.Verify(key.Certificate).WrapAlgorithm);
    }
}
