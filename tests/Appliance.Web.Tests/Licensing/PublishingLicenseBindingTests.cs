using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Licensing;

/// <summary>
/// A use licence is issued only for the publishing licence registered for its content id. Anyone who holds a
/// document's content key (every recipient does, from their own use licence) can sign a new, valid licence for the
/// same content id; these tests are the attacks found from outside, each refused with the answer an unregistered
/// content id gets, so the answer tells nothing about the real document.
/// </summary>
public sealed class PublishingLicenseBindingTests(ForgeryNode fixture) : IClassFixture<ForgeryNode>
{
    private static readonly RightsGrant _bobViews = new("bob@contoso.test", ["VIEW"]);

    /// <summary>What a licence for a content id nobody registered gets, asked by <paramref name="who"/> of their own tenant.</summary>
    private static async Task<string> UnregisteredAnswerAsync(Publisher who)
    {
        var orphan = await who.ForgeLicenseAsync(Guid.NewGuid(), RandomNumberGenerator.GetBytes(32), _bobViews);
        var (status, _, problem) = await ForgeryNode.AcquireAsync(who, orphan);
        Assert.Equal(HttpStatusCode.NotFound, status);
        return problem;
    }

    private Task<List<UsageLogEntry>> EntriesOfAsync(Guid contentId) =>
        fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking().Where(e => e.ContentId == contentId).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Acquire_RecipientForgesLicenceForSameContentId_EveGetsNothing()
    {
        // Arrange - bob may only VIEW alice's document; with the content key from his own licence he writes a licence
        // for the same content id naming himself owner and eve OWNER, signed with his own valid user key.
        var (license, contentId) = await ForgeryNode.PublishAsync(fixture.Alice, _bobViews);
        var contentKey = await ForgeryNode.ContentKeyAsync(fixture.Bob, license);
        var forged = await fixture.Bob.ForgeLicenseAsync(contentId, contentKey, new RightsGrant("eve@contoso.test", ["OWNER"]));

        // Act
        var eve = await ForgeryNode.AcquireAsync(fixture.Eve, forged);
        var bob = await ForgeryNode.AcquireAsync(fixture.Bob, forged);
        using var register = await fixture.Bob.Http.PostAsJsonAsync("/api/v1/publish", new RegisterContentRequest(forged, "plan.docx"));

        // Assert - refused exactly as a content id nobody registered, for both; registering the forgery stays a clash.
        var unregistered = await UnregisteredAnswerAsync(fixture.Eve);
        Assert.Equal((HttpStatusCode.NotFound, unregistered), (eve.Status, eve.Problem));
        Assert.Equal((HttpStatusCode.NotFound, unregistered), (bob.Status, bob.Problem));
        Assert.Contains("\"content-not-registered\"", unregistered, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(register, HttpStatusCode.Conflict, ProblemCodes.Conflict);
        var real = await ForgeryNode.AcquireAsync(fixture.Bob, license);
        Assert.Equal(["VIEW"], real.License!.Rights);
    }

    [Fact]
    public async Task Acquire_ForgedOwnerAfterRevocation_StillRevoked()
    {
        // Arrange - the owner is exempt from revocation; the forgery names bob owner to claim that exemption.
        var (license, contentId) = await ForgeryNode.PublishAsync(fixture.Alice, _bobViews);
        var contentKey = await ForgeryNode.ContentKeyAsync(fixture.Bob, license);
        var forged = await fixture.Bob.ForgeLicenseAsync(contentId, contentKey);
        using (var revoke = await fixture.Alice.Http.PostAsync($"/api/v1/documents/{contentId}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        // Act
        var forgedAnswer = await ForgeryNode.AcquireAsync(fixture.Bob, forged);
        using var realAnswer = await fixture.Bob.AcquireAsync(license);
        var alice = await ForgeryNode.AcquireAsync(fixture.Alice, license);

        // Assert
        Assert.Equal((HttpStatusCode.NotFound, await UnregisteredAnswerAsync(fixture.Bob)), (forgedAnswer.Status, forgedAnswer.Problem));
        await ProblemAssert.IsProblemAsync(realAnswer, HttpStatusCode.Forbidden, ProblemCodes.ContentRevoked);
        Assert.Equal(UsageRights.All, alice.License!.Rights);
    }

    [Fact]
    public async Task Acquire_OwnLicenceForSomeoneElsesContentId_RefusedAndNotInTheirTracking()
    {
        // Arrange - eve has no right and no content key: she signs a licence of her own (a random key) for alice's
        // content id, naming herself owner.
        var (license, contentId) = await ForgeryNode.PublishAsync(fixture.Alice, _bobViews);
        var forged = await fixture.Eve.ForgeLicenseAsync(contentId, RandomNumberGenerator.GetBytes(32));

        // Act
        var eve = await ForgeryNode.AcquireAsync(fixture.Eve, forged);
        var tracking = await fixture.Alice.Http.GetFromJsonAsync<List<DocumentEvent>>($"/api/v1/documents/{contentId}/tracking");

        // Assert - refused, and alice's tracking shows only the real document's events: its registration.
        Assert.Equal((HttpStatusCode.NotFound, await UnregisteredAnswerAsync(fixture.Eve)), (eve.Status, eve.Problem));
        Assert.DoesNotContain(tracking!, e => e.User == "eve@contoso.test");
        Assert.DoesNotContain(await EntriesOfAsync(contentId), e => e.UserEmail == "eve@contoso.test");
        var refusal = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.UserEmail == "eve@contoso.test" && e.RequestType == "AcquireLicense").OrderBy(e => e.Id).LastAsync());
        Assert.Equal((UsageResult.Failed, ProblemCodes.ContentNotRegistered, (Guid?)null), (refusal.Result, refusal.ErrorCode, refusal.ContentId));
        Assert.NotNull(license);
    }

    [Fact]
    public async Task Acquire_OtherOrganisationsLicenceWithContosoContentId_SameAnswerAsUnregisteredEvenWhenRevoked()
    {
        // Arrange - frank signs a Fabrikam licence carrying the content id of a revoked Contoso document. Before the
        // binding he got 200, and on the revoked document a refusal naming alice and the date of the revocation.
        var (_, contentId) = await ForgeryNode.PublishAsync(fixture.Alice, _bobViews);
        using (var revoke = await fixture.Alice.Http.PostAsync($"/api/v1/documents/{contentId}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        var (_, liveContentId) = await ForgeryNode.PublishAsync(fixture.Alice, _bobViews);
        var onRevoked = await fixture.Frank.ForgeLicenseAsync(contentId, RandomNumberGenerator.GetBytes(32), new RightsGrant("frank@fabrikam.test", ["VIEW"]));
        var onLive = await fixture.Frank.ForgeLicenseAsync(liveContentId, RandomNumberGenerator.GetBytes(32));

        // Act
        var revoked = await ForgeryNode.AcquireAsync(fixture.Frank, onRevoked);
        var live = await ForgeryNode.AcquireAsync(fixture.Frank, onLive);
        var unregistered = await UnregisteredAnswerAsync(fixture.Frank);

        // Assert - one answer for a revoked, a live and an unknown content id: no oracle, nothing of Contoso's.
        Assert.Equal((HttpStatusCode.NotFound, unregistered), (revoked.Status, revoked.Problem));
        Assert.Equal((HttpStatusCode.NotFound, unregistered), (live.Status, live.Problem));
        Assert.DoesNotContain("alice", unregistered, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(await EntriesOfAsync(contentId), e => e.UserEmail == "frank@fabrikam.test");
    }

    [Fact]
    public async Task Acquire_SuperUserOrServiceWithForgedLicence_Refused()
    {
        // Arrange - the other licence paths share the binding: a super user (every right on the tenant's content) and
        // a service authorised for all of Contoso's content, each presenting bob's forgery.
        var (license, contentId) = await ForgeryNode.PublishAsync(fixture.Alice, _bobViews);
        var contentKey = await ForgeryNode.ContentKeyAsync(fixture.Bob, license);
        var forged = await fixture.Bob.ForgeLicenseAsync(contentId, contentKey, new RightsGrant("eve@contoso.test", ["OWNER"]));
        var superUsers = $"/api/admin/v1/tenants/{fixture.Alice.Tenant.TenantId}/super-users";
        using (var add = await fixture.Admin.PostAsJsonAsync(superUsers + "/members", new AddSuperUserRequest("eve@contoso.test")))
        using (var on = await fixture.Admin.PutAsJsonAsync(superUsers, new SetSuperUsersRequest(true)))
        {
            Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (add.StatusCode, on.StatusCode));
        }

        using var create = await fixture.Admin.PostAsJsonAsync("/api/admin/v1/services", new CreateServiceRequest("forgery-reader", false));
        var service = (await create.Content.ReadFromJsonAsync<CreatedService>())!;
        using (var grant = await fixture.Admin.PutAsJsonAsync(
            $"/api/admin/v1/services/{service.ClientId}/content-access/{fixture.Alice.Tenant.TenantId}", new ServiceContentAccessRequest()))
        {
            Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        }

        using var serviceClient = await ServiceClientAsync(service);
        using var key = RSA.Create(2048);

        try
        {
            // Act
            var superUser = await ForgeryNode.AcquireAsync(fixture.Eve, forged);
            using var serviceForged = await serviceClient.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(forged, key.ExportSubjectPublicKeyInfo()));
            using var serviceReal = await serviceClient.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(license, key.ExportSubjectPublicKeyInfo()));
            var superUserReal = await ForgeryNode.AcquireAsync(fixture.Eve, license);

            // Assert - the real licence still works on both paths.
            Assert.Equal((HttpStatusCode.NotFound, await UnregisteredAnswerAsync(fixture.Eve)), (superUser.Status, superUser.Problem));
            await ProblemAssert.IsProblemAsync(serviceForged, HttpStatusCode.NotFound, ProblemCodes.ContentNotRegistered);
            Assert.Equal(HttpStatusCode.OK, serviceReal.StatusCode);
            Assert.Equal("alice@contoso.test", superUserReal.License!.ActingAs);
            Assert.Equal(UsageRights.All, superUserReal.License.Rights);
        }
        finally
        {
            using var off = await fixture.Admin.PutAsJsonAsync(superUsers, new SetSuperUsersRequest(false));
            using var remove = await fixture.Admin.DeleteAsync(superUsers + "/members/eve@contoso.test");
        }
    }

    [Fact]
    public async Task Acquire_ServerPublishedDocumentForgedByRecipient_Refused()
    {
        // Arrange - a licence the appliance signed itself (server-side publishing) is bound the same way.
        using var device = RSA.Create(2048);
        using var publish = await fixture.Alice.Http.PostAsJsonAsync("/api/v1/publish/server",
            new ServerPublishRequest(device.ExportSubjectPublicKeyInfo(), null, [new RightsGrant("bob@contoso.test", ["VIEW"])], null, null, "memo.txt"));
        var published = (await publish.Content.ReadFromJsonAsync<ServerPublishResponse>())!;
        var contentKey = await ForgeryNode.ContentKeyAsync(fixture.Bob, published.PublishingLicense);
        var forged = await fixture.Bob.ForgeLicenseAsync(published.ContentId, contentKey, new RightsGrant("eve@contoso.test", ["OWNER"]));

        // Act
        var eve = await ForgeryNode.AcquireAsync(fixture.Eve, forged);

        // Assert
        Assert.Equal((HttpStatusCode.NotFound, await UnregisteredAnswerAsync(fixture.Eve)), (eve.Status, eve.Problem));
    }

    [Fact]
    public async Task Acquire_RegistrationFromBeforeTheBinding_OwnersLicenceOpensRecipientsForgeryRefused()
    {
        // Arrange - a document registered before the digest existed has none: it stays bound to its tenant and to a
        // signer who is its owner, so its real licence opens and bob's forgery still does not.
        var (license, contentId) = await ForgeryNode.PublishAsync(fixture.Alice, _bobViews);
        await fixture.Node.QueryAsync(db => db.ProtectedDocuments.Where(d => d.ContentId == contentId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.PublishingLicenseDigest, (byte[]?)null)));
        var contentKey = await ForgeryNode.ContentKeyAsync(fixture.Bob, license);
        var forged = await fixture.Bob.ForgeLicenseAsync(contentId, contentKey, new RightsGrant("eve@contoso.test", ["OWNER"]));

        // Act
        var bobReal = await ForgeryNode.AcquireAsync(fixture.Bob, license);
        var eve = await ForgeryNode.AcquireAsync(fixture.Eve, forged);
        using var retry = await fixture.Alice.Http.PostAsJsonAsync("/api/v1/publish", new RegisterContentRequest(license, "plan.docx"));

        // Assert
        Assert.Equal(["VIEW"], bobReal.License!.Rights);
        Assert.Equal((HttpStatusCode.NotFound, await UnregisteredAnswerAsync(fixture.Eve)), (eve.Status, eve.Problem));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task Publish_SameLicenceAgain_IdempotentAndDigestRecorded()
    {
        // Arrange - a client retrying its registration must not be told it clashes with itself.
        var (license, contentId) = await ForgeryNode.PublishAsync(fixture.Alice, _bobViews);

        // Act
        using var retry = await fixture.Alice.Http.PostAsJsonAsync("/api/v1/publish", new RegisterContentRequest(license, "plan.docx"));
        var stored = await fixture.Node.QueryAsync(db => db.ProtectedDocuments.AsNoTracking().SingleAsync(d => d.ContentId == contentId));

        // Assert
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(PublishingLicense.Parse(license).RegistrationDigest(), stored.PublishingLicenseDigest);
    }

    private async Task<HttpClient> ServiceClientAsync(CreatedService service)
    {
        using var anonymous = fixture.Node.Anonymous();
        using var token = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = service.ClientId,
            ["client_secret"] = service.ClientSecret,
            ["scope"] = "rms",
        }));
        var body = await token.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        var client = fixture.Node.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", body!["access_token"].ToString());
        return client;
    }
}
