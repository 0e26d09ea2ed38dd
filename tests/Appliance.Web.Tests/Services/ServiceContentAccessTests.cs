using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Documents;
using Appliance.Web.Tests.Support;
using Appliance.Web.Tests.Templates;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Services;

/// <summary>
/// Services that reason over data: a service principal reads the tenant's content only as far as an administrator
/// authorised it (all of it, or given templates), with VIEW and EXTRACT unless granted more, every use logged.
/// </summary>
public sealed class ServiceContentAccessTests(DocumentsNode fixture) : IClassFixture<DocumentsNode>, IDisposable
{
    private readonly RSA _serviceKey = RSA.Create(2048);

    public void Dispose() => _serviceKey.Dispose();

    private Guid TenantId => fixture.Alice.Tenant.TenantId;

    private async Task<ServiceContentAccess> AuthoriseAsync(string clientId, ServiceContentAccessRequest request)
    {
        using var response = await fixture.Admin.PutAsJsonAsync($"/api/admin/v1/services/{clientId}/content-access/{TenantId}", request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ServiceContentAccess>())!;
    }

    private async Task<HttpResponseMessage> AcquireAsync(HttpClient service, string license) =>
        await service.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(license, _serviceKey.ExportSubjectPublicKeyInfo()));

    [Fact]
    public async Task AllContent_ViewAndExtractOnly_KeyForTheServiceAndEveryUseLogged()
    {
        // Arrange - a document that grants the service nothing, and grants bob every right.
        var (service, clientId) = await fixture.ServiceAsync("indexer", isAdmin: false);
        using var _ = service;
        var (license, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, new RightsGrant("bob@contoso.test", ["OWNER"]));

        // Act
        using var before = await AcquireAsync(service, license);
        var granted = await AuthoriseAsync(clientId, new ServiceContentAccessRequest());
        using var during = await AcquireAsync(service, license);
        using (var removed = await fixture.Admin.DeleteAsync($"/api/admin/v1/services/{clientId}/content-access/{TenantId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using var after = await AcquireAsync(service, license);

        // Assert
        await ProblemAssert.IsProblemAsync(before, HttpStatusCode.Forbidden, ProblemCodes.AccessDenied);
        Assert.Null(granted.TemplateIds);
        Assert.Equal(["VIEW", "EXTRACT"], granted.Rights);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        var content = fixture.Alice.Verify((await during.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
        Assert.Equal(["VIEW", "EXTRACT"], content.Rights);
        Assert.Equal(clientId, content.IssuedTo);
        Assert.Equal(32, UseLicense.UnwrapContentKey(content, _serviceKey).Length);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Forbidden, ProblemCodes.AccessDenied);
        var uses = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.ContentId == contentId && e.RequestType == "AcquireLicense").OrderBy(e => e.Id).Select(e => new { e.UserEmail, e.Result, e.Rights }).ToListAsync());
        Assert.Equal([UsageResult.Denied, UsageResult.Granted, UsageResult.Denied], uses.Select(u => u.Result));
        Assert.All(uses, u => Assert.Equal(clientId, u.UserEmail));
        Assert.Equal("VIEW,EXTRACT", uses[1].Rights);
        var audit = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.AdminAction!.Contains(clientId) && e.Result == UsageResult.Granted).OrderBy(e => e.Id).Select(e => e.AdminAction!).ToListAsync());
        Assert.Equal([$"SetServiceContentAccess {clientId}: all content [VIEW,EXTRACT]", $"RemoveServiceContentAccess {clientId}"], audit.Where(a => !a.StartsWith("CreateService", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GivenTemplates_OnlyTheirContent_WithTheRightsGranted_AndNotOnceRevoked()
    {
        // Arrange
        var (service, clientId) = await fixture.ServiceAsync("search", isAdmin: false);
        using var _ = service;
        var confidential = (await TemplatesNode.AvailableAsync(fixture.Alice)).Single(t => t.Name == "Contoso, Ltd - Confidential");
        var (published, templated) = await TemplatesNode.PublishWithAsync(fixture.Alice, confidential);
        published.Dispose();
        var (adHoc, _) = await DocumentsNode.PublishAsync(fixture.Alice, null, new RightsGrant("bob@contoso.test", ["VIEW"]));
        var granted = await AuthoriseAsync(clientId, new ServiceContentAccessRequest([confidential.Id], ["view", "print"]));

        // Act
        using var ofTemplate = await AcquireAsync(service, templated);
        using var notOfTemplate = await AcquireAsync(service, adHoc);
        var templatedId = PublishingLicense.Parse(templated).Content.ContentId;
        using (var revoke = await fixture.Alice.Http.PostAsync($"/api/v1/documents/{templatedId}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        using var revoked = await AcquireAsync(service, templated);

        // Assert
        Assert.Equal([confidential.Id], granted.TemplateIds);
        Assert.Equal(["VIEW", "PRINT"], fixture.Alice.Verify((await ofTemplate.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense).Rights);
        await ProblemAssert.IsProblemAsync(notOfTemplate, HttpStatusCode.Forbidden, ProblemCodes.AccessDenied);
        await ProblemAssert.IsProblemAsync(revoked, HttpStatusCode.Forbidden, ProblemCodes.ContentRevoked);
    }

    [Theory]
    [InlineData("svc-nosuch", null, null, HttpStatusCode.NotFound, ProblemCodes.NotFound)]
    [InlineData("SERVICE", "unknown template", null, HttpStatusCode.NotFound, ProblemCodes.NotFound)]
    [InlineData("SERVICE", "empty templates", null, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed)]
    [InlineData("SERVICE", null, "FLY", HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed)]
    public async Task Authorise_BadInput_Refused(string clientId, string? templates, string? right, HttpStatusCode status, string code)
    {
        // Arrange
        if (clientId == "SERVICE")
        {
            var (service, id) = await fixture.ServiceAsync("bad-" + Guid.NewGuid().ToString("N")[..8], isAdmin: false);
            service.Dispose();
            clientId = id;
        }

        var request = new ServiceContentAccessRequest(
            templates switch { "unknown template" => [Guid.NewGuid()], "empty templates" => [], _ => null },
            right is null ? null : [right]);

        // Act
        using var response = await fixture.Admin.PutAsJsonAsync($"/api/admin/v1/services/{clientId}/content-access/{TenantId}", request);

        // Assert
        await ProblemAssert.IsProblemAsync(response, status, code);
        Assert.Equal(0, await fixture.Node.QueryAsync(db => db.ServiceContentGrants.CountAsync(g => g.ClientId == clientId)));
    }

    [Fact]
    public async Task Acquire_WithoutPublicKey_ValidationProblem()
    {
        var (service, _) = await fixture.ServiceAsync("nokey", isAdmin: false);
        using var _service = service;
        var (license, _) = await DocumentsNode.PublishAsync(fixture.Alice, null, new RightsGrant("bob@contoso.test", ["VIEW"]));

        using var response = await service.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(license, null));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
    }
}
