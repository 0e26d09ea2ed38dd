using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Documents;

public sealed class RevocationTests(DocumentsNode fixture) : IClassFixture<DocumentsNode>
{
    private static readonly RightsGrant _bobViews = new("bob@contoso.test", ["VIEW"]);

    private Task<List<UsageLogEntry>> EntriesAsync(Guid contentId, string requestType) =>
        fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.ContentId == contentId && e.RequestType == requestType).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Revoke_ByOwner_RecipientRefusedAtOnceOwnerStillOpens()
    {
        // Arrange - bob opened the document before; the revocation must stop his next licence.
        var (license, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, _bobViews);
        using (var before = await fixture.Bob.AcquireAsync(license))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Act
        using var revoke = await fixture.Alice.Http.PostAsync($"/api/v1/documents/{contentId}/revoke", null);
        using var bobAfter = await fixture.Bob.AcquireAsync(license);
        using var aliceAfter = await fixture.Alice.AcquireAsync(license);

        // Assert
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var details = (await revoke.Content.ReadFromJsonAsync<DocumentDetails>())!;
        Assert.Equal(contentId, details.ContentId);
        Assert.Equal("alice@contoso.test", details.RevokedBy);
        Assert.NotNull(details.RevokedAt);
        var detail = await ProblemAssert.IsProblemAsync(bobAfter, HttpStatusCode.Forbidden, ProblemCodes.ContentRevoked);
        Assert.Equal($"The document was revoked by alice@contoso.test on {DocumentsNode.Instant(details.RevokedAt!.Value)}.", detail);
        Assert.Equal(HttpStatusCode.OK, aliceAfter.StatusCode);
        Assert.Equal(UsageRights.All, fixture.Alice.Verify((await aliceAfter.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense).Rights);

        var revoked = Assert.Single(await EntriesAsync(contentId, "RevokeAccess"));
        Assert.Equal(UsageResult.Granted, revoked.Result);
        Assert.Equal("alice@contoso.test", revoked.UserEmail);
        Assert.Equal("alice@contoso.test", revoked.OwnerEmail);
        Assert.Equal("plan.docx", revoked.FileName);
        Assert.Null(revoked.AdminAction);
        var refusal = (await EntriesAsync(contentId, "AcquireLicense")).Single(e => e.Result == UsageResult.Denied);
        Assert.Equal(("bob@contoso.test", ProblemCodes.ContentRevoked), (refusal.UserEmail, refusal.ErrorCode));
    }

    [Fact]
    public async Task Revoke_ByAdministratorOutsideTheOrganisation_RevokedAndInTheAdminLog()
    {
        // Arrange - roles are appliance-wide: the built-in administrator belongs to no organisation.
        var (license, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, _bobViews);

        // Act
        using var revoke = await fixture.Admin.PostAsync($"/api/v1/documents/{contentId}/revoke", null);
        using var bob = await fixture.Bob.AcquireAsync(license);

        // Assert
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("admin", (await revoke.Content.ReadFromJsonAsync<DocumentDetails>())!.RevokedBy);
        var detail = await ProblemAssert.IsProblemAsync(bob, HttpStatusCode.Forbidden, ProblemCodes.ContentRevoked);
        Assert.StartsWith("The document was revoked by admin on ", detail, StringComparison.Ordinal);
        var entry = Assert.Single(await EntriesAsync(contentId, "RevokeAccess"));
        Assert.Equal($"RevokeAccess {contentId} of alice@contoso.test", entry.AdminAction);
    }

    [Fact]
    public async Task Revoke_RecipientOrAuditor_ForbiddenLoggedAndNothingChanges()
    {
        // Arrange - holding rights to a document, or reading the usage log, is not owning it.
        var (license, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, _bobViews);

        // Act
        using var byBob = await fixture.Bob.Http.PostAsync($"/api/v1/documents/{contentId}/revoke", null);
        using var byAuditor = await fixture.Auditor.PostAsync($"/api/v1/documents/{contentId}/revoke", null);
        using var bob = await fixture.Bob.AcquireAsync(license);

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(byBob, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        Assert.Equal("Only the document's owner or an administrator can revoke it; bob@contoso.test is neither.", detail);
        await ProblemAssert.IsProblemAsync(byAuditor, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        Assert.Null(await fixture.Node.QueryAsync(db => db.ProtectedDocuments.Where(d => d.ContentId == contentId).Select(d => d.RevokedAt).SingleAsync()));
        var refusals = await EntriesAsync(contentId, "RevokeAccess");
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, e => Assert.Equal((UsageResult.Denied, ProblemCodes.Forbidden, "alice@contoso.test"), (e.Result, e.ErrorCode, e.OwnerEmail)));
        Assert.Equal(["bob@contoso.test", "audrey@contoso.test"], refusals.Select(e => e.UserEmail));
    }

    [Fact]
    public async Task Revoke_Services_OnlyWithTheAdministratorRole()
    {
        // Arrange - a service is named by its client id; its roles are those of its token.
        var (_, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, _bobViews);
        var (adminService, adminId) = await fixture.ServiceAsync("revoker", isAdmin: true);
        var (plainService, plainId) = await fixture.ServiceAsync("indexer", isAdmin: false);

        // Act
        using var byPlain = await plainService.PostAsync($"/api/v1/documents/{contentId}/revoke", null);
        using var byAdmin = await adminService.PostAsync($"/api/v1/documents/{contentId}/revoke", null);

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(byPlain, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        Assert.EndsWith($"; {plainId} is neither.", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(adminId, (await byAdmin.Content.ReadFromJsonAsync<DocumentDetails>())!.RevokedBy);
        adminService.Dispose();
        plainService.Dispose();
    }

    [Fact]
    public async Task Revoke_UnknownDocument_NotFound()
    {
        var unknown = Guid.NewGuid();
        using var response = await fixture.Alice.Http.PostAsync($"/api/v1/documents/{unknown}/revoke", null);
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemCodes.NotFound);
        Assert.Contains(unknown.ToString(), detail, StringComparison.Ordinal);
        Assert.Equal(UsageResult.Failed, Assert.Single(await EntriesAsync(unknown, "RevokeAccess")).Result);
    }

    [Fact]
    public async Task Revoke_Twice_KeepsTheFirstRevocation()
    {
        // Arrange - a second revocation (say, by an administrator after the owner) must not rewrite who did it.
        var (_, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, _bobViews);
        using var first = await fixture.Alice.Http.PostAsync($"/api/v1/documents/{contentId}/revoke", null);
        var firstDetails = (await first.Content.ReadFromJsonAsync<DocumentDetails>())!;

        // Act
        using var second = await fixture.Admin.PostAsync($"/api/v1/documents/{contentId}/revoke", null);

        // Assert
        var secondDetails = (await second.Content.ReadFromJsonAsync<DocumentDetails>())!;
        Assert.Equal((firstDetails.RevokedAt, "alice@contoso.test"), (secondDetails.RevokedAt, secondDetails.RevokedBy));
    }

    [Fact]
    public async Task Unrevoke_ByOwnerOrAdministrator_RecipientOpensAgainAndLogged()
    {
        // Arrange
        var (license, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, _bobViews);
        (await fixture.Alice.Http.PostAsync($"/api/v1/documents/{contentId}/revoke", null)).Dispose();

        // Act
        using var byBob = await fixture.Bob.Http.PostAsync($"/api/v1/documents/{contentId}/unrevoke", null);
        using var byAlice = await fixture.Alice.Http.PostAsync($"/api/v1/documents/{contentId}/unrevoke", null);
        using var bob = await fixture.Bob.AcquireAsync(license);
        (await fixture.Admin.PostAsync($"/api/v1/documents/{contentId}/revoke", null)).Dispose();
        using var byAdmin = await fixture.Admin.PostAsync($"/api/v1/documents/{contentId}/unrevoke", null);
        using var bobAgain = await fixture.Bob.AcquireAsync(license);

        // Assert
        await ProblemAssert.IsProblemAsync(byBob, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        Assert.Equal(HttpStatusCode.OK, byAlice.StatusCode);
        var details = (await byAlice.Content.ReadFromJsonAsync<DocumentDetails>())!;
        Assert.Equal((null, null), (details.RevokedAt, details.RevokedBy));
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bobAgain.StatusCode);
        var entries = await EntriesAsync(contentId, "UnrevokeAccess");
        Assert.Equal(
            [("bob@contoso.test", UsageResult.Denied, (string?)null), ("alice@contoso.test", UsageResult.Granted, null), ("admin", UsageResult.Granted, $"UnrevokeAccess {contentId} of alice@contoso.test")],
            entries.Select(e => (e.UserEmail, e.Result, e.AdminAction)));
    }
}
