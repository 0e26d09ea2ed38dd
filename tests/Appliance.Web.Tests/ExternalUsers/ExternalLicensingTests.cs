using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.ExternalUsers;

public sealed class ExternalLicensingTests(ExternalNode fixture) : IClassFixture<ExternalNode>
{
    private static Task<HttpResponseMessage> AcquireAsync(HttpClient client, string license, byte[]? publicKey) =>
        client.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(license, publicKey));

    [Fact]
    public async Task Acquire_GrantedToTheirAddress_LicenceSignedByDocumentTenantAndWrappedToTheirKey()
    {
        // Arrange
        var (client, _, _) = await ExternalSignInFlow.SignInAsync(fixture.Node, fixture.Sink, "reader@partner.example");
        using var _client = client;
        using var key = RSA.Create(2048);
        var (license, contentKey, contentId) = await fixture.Alice.PublishAsync(new RightsGrant("reader@partner.example", ["VIEW", "PRINT"]));

        // Act
        using var response = await AcquireAsync(client, license, key.ExportSubjectPublicKeyInfo());
        using var certificates = await client.GetAsync($"/api/external/v1/tenants/{fixture.Contoso.Id}/certificates");

        // Assert
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var certs = (await certificates.Content.ReadFromJsonAsync<TenantCertificatesResponse>())!;
        var tenant = certs.TenantCertificates.Select(TenantCertificate.Verify).Single();
        var useLicense = UseLicense.Verify((await response.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense, tenant.SigningPublicKey);
        Assert.Equal(["VIEW", "PRINT"], useLicense.Rights);
        Assert.Equal("reader@partner.example", useLicense.IssuedTo);
        Assert.Equal(fixture.Contoso.Id, useLicense.TenantId);
        Assert.Equal(contentKey, UseLicense.UnwrapContentKey(useLicense, key));
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .SingleAsync(e => e.ContentId == contentId && e.RequestType == "AcquireLicense"));
        Assert.Equal(UsageResult.Granted, entry.Result);
        Assert.Equal(fixture.Contoso.Id, entry.TenantId);
        Assert.Equal("reader@partner.example", entry.UserEmail);
    }

    [Fact]
    public async Task Acquire_GrantedToSomeoneElseOrToAGroup_AccessDenied()
    {
        // Arrange - a group grant must never reach an external recipient, whatever its name.
        var (client, _, _) = await ExternalSignInFlow.SignInAsync(fixture.Node, fixture.Sink, "outsider@partner.example");
        using var _client = client;
        using var key = RSA.Create(2048);
        var (toOther, _, _) = await fixture.Alice.PublishAsync(new RightsGrant("someone@partner.example", ["VIEW"]));
        var (toGroup, _, _) = await fixture.Alice.PublishAsync(new RightsGrant("sales@contoso.test", ["VIEW"]));

        // Act
        using var other = await AcquireAsync(client, toOther, key.ExportSubjectPublicKeyInfo());
        using var group = await AcquireAsync(client, toGroup, key.ExportSubjectPublicKeyInfo());

        // Assert
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden, ProblemCodes.AccessDenied);
        await ProblemAssert.IsProblemAsync(group, HttpStatusCode.Forbidden, ProblemCodes.AccessDenied);
    }

    [Fact]
    public async Task Acquire_WithoutPublicKey_ValidationFailed()
    {
        var (client, _, _) = await ExternalSignInFlow.SignInAsync(fixture.Node, fixture.Sink, "nokey@partner.example");
        using var _client = client;
        var (license, _, _) = await fixture.Alice.PublishAsync(new RightsGrant("nokey@partner.example", ["VIEW"]));

        using var response = await AcquireAsync(client, license, null);

        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Contains("public key", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BootstrapAndPublishEitherWay_ExternalUser_RefusedAsExternal()
    {
        var (client, _, _) = await ExternalSignInFlow.SignInAsync(fixture.Node, fixture.Sink, "protector@partner.example");
        using var _client = client;
        var (license, _, _) = await fixture.Alice.CreateLicenseAsync(new RightsGrant("protector@partner.example", ["VIEW"]));

        using var bootstrap = await client.PostAsync("/api/v1/bootstrap", null);
        using var publish = await client.PostAsJsonAsync("/api/v1/publish", new RegisterContentRequest(license, "x.docx"));
        using var key = System.Security.Cryptography.RSA.Create(2048);
        using var serverSide = await client.PostAsJsonAsync("/api/v1/publish/server",
            new ServerPublishRequest(key.ExportSubjectPublicKeyInfo(), Grants: [new RightsGrant("someone@partner.example", ["VIEW"])]));

        var detail = await ProblemAssert.IsProblemAsync(bootstrap, HttpStatusCode.Forbidden, ProblemCodes.ExternalUser);
        Assert.Contains("cannot protect", detail, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(publish, HttpStatusCode.Forbidden, ProblemCodes.ExternalUser);
        await ProblemAssert.IsProblemAsync(serverSide, HttpStatusCode.Forbidden, ProblemCodes.ExternalUser);
    }

    [Fact]
    public async Task Codes_NeverInUsageLogOrAppLog()
    {
        // Arrange - a sign-in, a wrong try and an acquire: every path that handles a code or its owner.
        var (client, _, code) = await ExternalSignInFlow.SignInAsync(fixture.Node, fixture.Sink, "secret@partner.example");
        using var _client = client;
        using var sent = await ExternalSignInFlow.RequestCodeAsync(fixture.Node, "secret2@partner.example");
        var second = await ExternalSignInFlow.CodeFromMailAsync(fixture.Sink, "secret2@partner.example");
        using var wrong = await ExternalSignInFlow.ExchangeAsync(fixture.Node, "secret2@partner.example", second == "11111111" ? "22222222" : "11111111");
        using var right = await ExternalSignInFlow.ExchangeAsync(fixture.Node, "secret2@partner.example", second);
        var (license, _, _) = await fixture.Alice.PublishAsync(new RightsGrant("secret@partner.example", ["VIEW"]));
        using var key = RSA.Create(2048);
        using var acquired = await AcquireAsync(client, license, key.ExportSubjectPublicKeyInfo());
        Assert.Equal(HttpStatusCode.OK, acquired.StatusCode);

        // Act
        var usage = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking().ToListAsync());
        var usageText = string.Join("\n", usage.Select(e => string.Join("|", e.RequestType, e.UserEmail, e.ErrorCode, e.FileName, e.Rights, e.ClientInfo, e.AdminAction)));
        var log = string.Join("\n", fixture.Log.Lines);

        // Assert
        Assert.Contains("Sent a sign-in code", log, StringComparison.Ordinal);
        // OpenIddict at Debug logs the token request itself, with the code parameter redacted.
        Assert.Contains("secret2@partner.example", log, StringComparison.Ordinal);
        foreach (var secret in new[] { code, second })
        {
            Assert.DoesNotContain(secret, usageText, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }
}
