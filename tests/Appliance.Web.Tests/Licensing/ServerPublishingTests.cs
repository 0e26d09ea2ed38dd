using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Appliance.Web.Tests.Templates;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Licensing;

/// <summary>
/// POST /api/v1/publish/server: protection for clients that cannot bootstrap. The appliance signs the publishing
/// licence with the tenant key, registers the document, and wraps the content key for the caller's public key only.
/// </summary>
public sealed class ServerPublishingTests(TemplatesNode fixture) : IClassFixture<TemplatesNode>, IDisposable
{
    private readonly RSA _deviceKey = RSA.Create(2048);

    public void Dispose() => _deviceKey.Dispose();

    private ServerPublishRequest Request(params RightsGrant[] grants) =>
        new(_deviceKey.ExportSubjectPublicKeyInfo(), Grants: grants, FileName: "/home/alice/board minutes.docx");

    private static async Task<ServerPublishResponse> PublishAsync(HttpClient client, ServerPublishRequest request)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/publish/server", request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ServerPublishResponse>())!;
    }

    [Fact]
    public async Task AdHoc_KeyWrappedForTheCallerOnly_TenantSignedRegisteredAndOpenableByTheRecipient()
    {
        // Act
        var published = await PublishAsync(fixture.Alice.Http, Request(new RightsGrant("Bob@Contoso.test", ["view", "print"])));

        // Assert - only the device key opens the wrapped content key, and the licence is the tenant's own.
        var contentKey = RsaKeyWrap.Unwrap(_deviceKey, published.WrappedContentKey, KeyWrapAlgorithm.RsaOaepSha256);
        Assert.Equal("RSA-OAEP-256", published.WrapAlgorithm);
        var parsed = PublishingLicense.Parse(published.PublishingLicense);
        Assert.True(parsed.VerifySignature(fixture.Alice.Tenant.SigningPublicKey));
        Assert.Null(parsed.Content.SignerCertificate);
        Assert.Equal(published.ContentId, parsed.Content.ContentId);
        using var acquired = await fixture.Bob.AcquireAsync(published.PublishingLicense);
        Assert.Equal(HttpStatusCode.OK, acquired.StatusCode);
        var bobs = fixture.Bob.Verify((await acquired.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
        Assert.Equal(contentKey, UseLicense.UnwrapContentKey(bobs, fixture.Bob.UserKey));
        Assert.Equal(["VIEW", "PRINT"], bobs.Rights);
        Assert.Equal("alice@contoso.test", bobs.Policy.Owner);
        var document = await fixture.Node.QueryAsync(db => db.ProtectedDocuments.AsNoTracking().SingleAsync(d => d.ContentId == published.ContentId));
        Assert.Equal(("alice@contoso.test", "board minutes.docx", fixture.Contoso.Id), (document.OwnerEmail, document.FileName, document.TenantId));
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking().SingleAsync(e => e.ContentId == published.ContentId && e.RequestType == "ServerSidePublish"));
        Assert.Equal((UsageResult.Granted, "alice@contoso.test"), (entry.Result, entry.UserEmail));
    }

    [Fact]
    public async Task Template_PolicyIsTheTemplatesAndTheTemplateIsMarkedUsed()
    {
        // Arrange
        var department = await fixture.CreateAsync(TemplatesNode.Request("Server-side sales", ["sales@contoso.test"]));

        // Act - alice is in sales (through emea-sales); bob is not, so the template does not exist for him.
        var published = await PublishAsync(fixture.Alice.Http,
            new ServerPublishRequest(_deviceKey.ExportSubjectPublicKeyInfo(), TemplateId: department.Id, FileName: "forecast.xlsx"));
        using var outOfScope = await fixture.Bob.Http.PostAsJsonAsync("/api/v1/publish/server",
            new ServerPublishRequest(_deviceKey.ExportSubjectPublicKeyInfo(), TemplateId: department.Id));

        // Assert
        var document = await fixture.Node.QueryAsync(db => db.ProtectedDocuments.AsNoTracking().SingleAsync(d => d.ContentId == published.ContentId));
        Assert.Equal(department.Id, document.TemplateId);
        Assert.NotNull(await fixture.Node.QueryAsync(db => db.Templates.Where(t => t.Id == department.Id).Select(t => t.FirstUsedAt).SingleAsync()));
        await ProblemAssert.IsProblemAsync(outOfScope, HttpStatusCode.NotFound, ProblemCodes.TemplateNotFound);
        using var acquired = await fixture.Alice.AcquireAsync(published.PublishingLicense);
        var policy = fixture.Alice.Verify((await acquired.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense).Policy;
        Assert.Equal((department.Id, "Server-side sales", 3), (policy.TemplateId, policy.TemplateName, policy.OfflineDays));
        Assert.Equal("sales@contoso.test", Assert.Single(policy.Grants).Principal);
    }

    [Theory]
    [InlineData("no key")]
    [InlineData("not a key")]
    [InlineData("1024-bit key")]
    [InlineData("template and grants")]
    [InlineData("bad principal")]
    [InlineData("unknown right")]
    [InlineData("no right")]
    [InlineData("past expiry")]
    [InlineData("negative offline days")]
    public async Task BadRequest_ValidationProblemAndNothingRegistered(string what)
    {
        // Arrange
        using var small = RSA.Create(1024);
        var grant = new RightsGrant("bob@contoso.test", ["VIEW"]);
        var request = what switch
        {
            "no key" => Request(grant) with { PublicKey = [] },
            "not a key" => Request(grant) with { PublicKey = [1, 2, 3] },
            "1024-bit key" => Request(grant) with { PublicKey = small.ExportSubjectPublicKeyInfo() },
            "template and grants" => Request(grant) with { TemplateId = Guid.NewGuid() },
            "bad principal" => Request(new RightsGrant("bob", ["VIEW"])),
            "unknown right" => Request(new RightsGrant("bob@contoso.test", ["VIEW", "FLY"])),
            "no right" => Request(new RightsGrant("bob@contoso.test", [])),
            "past expiry" => Request(grant) with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) },
            _ => Request(grant) with { OfflineDays = -1 },
        };
        var before = await fixture.Node.QueryAsync(db => db.ProtectedDocuments.CountAsync());

        // Act
        using var response = await fixture.Alice.Http.PostAsJsonAsync("/api/v1/publish/server", request);

        // Assert
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(before, await fixture.Node.QueryAsync(db => db.ProtectedDocuments.CountAsync()));
    }
}
