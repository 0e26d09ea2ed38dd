using System.Net;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Identity;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Portal;

/// <summary>/documents and /documents/{id}: the owner's and the roles' view of a document, and revocation from the page.</summary>
public sealed class DocumentPagesTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    /// <summary>
    /// <paramref name="owner"/> protects a document for <paramref name="reader"/>, who opens it; <paramref name="stranger"/>
    /// is refused it. Each person is new to the node, so the tests of the class do not meet.
    /// </summary>
    private async Task<(Guid ContentId, string License, Publisher Reader)> DocumentWithActivityAsync(string owner, string reader, string stranger)
    {
        foreach (var user in new[] { owner, reader, stranger })
        {
            await fixture.AddUserAsync(user);
        }

        using var publisher = await Publisher.BootstrapAsync(await fixture.Node.SignInAsync(owner, PortalNode.PasswordOf(owner)));
        var readerClient = await Publisher.BootstrapAsync(await fixture.Node.SignInAsync(reader, PortalNode.PasswordOf(reader)));
        using var strangerClient = await Publisher.BootstrapAsync(await fixture.Node.SignInAsync(stranger, PortalNode.PasswordOf(stranger)));
        var (license, _, contentId) = await publisher.PublishAsync(new RightsGrant(reader, ["VIEW"]));
        using (var opened = await readerClient.AcquireAsync(license))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        using (var refused = await strangerClient.AcquireAsync(license))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        return (contentId, license, readerClient);
    }

    [Fact]
    public async Task Tracking_Owner_SeesTheTimelineWithUsersAndAddresses()
    {
        // Arrange
        var (contentId, _, reader) = await DocumentWithActivityAsync("olga@contoso.test", "rita@contoso.test", "sam@contoso.test");
        reader.Dispose();
        using var olga = await fixture.PortalAsync("olga@contoso.test");

        // Act
        var list = await PortalHtml.PageAsync(olga, "/documents");
        var page = await PortalHtml.PageAsync(olga, $"/documents/{contentId}");

        // Assert
        Assert.Equal("Your documents", PortalHtml.Text(list, "documents-heading"));
        Assert.Contains($"href=\"documents/{contentId}\"", list, StringComparison.Ordinal);
        Assert.Equal("olga@contoso.test", PortalHtml.Text(page, "document-owner"));
        Assert.Equal("doc.docx", PortalHtml.Text(page, "document-file"));
        Assert.Equal("Active", PortalHtml.Text(page, "document-state"));
        Assert.Equal(["sam@contoso.test", "rita@contoso.test"], PortalHtml.Texts(page, "event-user"));
        Assert.Equal(["Refused", "Opened"], PortalHtml.Texts(page, "event-result"));
        Assert.Equal(["access-denied", ""], PortalHtml.Texts(page, "event-error"));
        Assert.Equal(["127.0.0.1", "127.0.0.1"], PortalHtml.Texts(page, "event-ip"));
        Assert.Equal(["1", "1", "2", "1"], new[] { "summary-opens", "summary-refusals", "summary-users", "summary-ips" }.Select(id => PortalHtml.Text(page, id)));
        Assert.Contains("data-testid=\"revoke\"", page, StringComparison.Ordinal);
        var read = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .SingleAsync(e => e.RequestType == "TrackDocument" && e.ContentId == contentId));
        Assert.Equal((UsageResult.Granted, "olga@contoso.test"), (read.Result, read.UserEmail));
    }

    [Fact]
    public async Task Tracking_SomeoneElse_RefusedAndShownNothing()
    {
        // Arrange - a colleague with no role, and a user of another organisation.
        var (contentId, _, reader) = await DocumentWithActivityAsync("otto@contoso.test", "rosa@contoso.test", "saul@contoso.test");
        reader.Dispose();
        await fixture.AddUserAsync("felix@fabrikam.test");
        using var saul = await fixture.PortalAsync("saul@contoso.test");
        using var felix = await fixture.PortalAsync("felix@fabrikam.test");

        // Act
        using var bySaul = await saul.GetAsync($"/documents/{contentId}");
        using var byFelix = await felix.GetAsync($"/documents/{contentId}");
        var saulsList = await PortalHtml.PageAsync(saul, "/documents");

        // Assert
        foreach (var response in new[] { bySaul, byFelix })
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Only the document's owner, an administrator or an auditor", PortalHtml.Text(html, "error"), StringComparison.Ordinal);
            Assert.Empty(PortalHtml.Texts(html, "event-user"));
        }

        Assert.DoesNotContain(contentId.ToString(), saulsList, StringComparison.Ordinal);
        Assert.Equal(2, await fixture.Node.QueryAsync(db => db.UsageLog.CountAsync(e =>
            e.RequestType == "TrackDocument" && e.ContentId == contentId && e.Result == UsageResult.Denied)));
    }

    [Fact]
    public async Task Revoke_AdministratorThroughThePage_NextLicenceRefused()
    {
        // Arrange - the administrator finds the document through the organisation picker.
        var (contentId, license, reader) = await DocumentWithActivityAsync("opal@contoso.test", "ruth@contoso.test", "seth@contoso.test");
        using var _ = reader;
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        var contoso = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.Id).SingleAsync());
        var list = await PortalHtml.PageAsync(admin, $"/documents?tenant={contoso}");

        // Act
        var revoked = await PortalHtml.PostAsync(admin, $"/documents/{contentId}", "document-revocation", new() { ["action"] = "revoke" });
        using var refused = await reader.AcquireAsync(license);

        // Assert
        Assert.Equal("All documents of Contoso", PortalHtml.Text(list, "documents-heading"));
        Assert.Contains($"href=\"documents/{contentId}\"", list, StringComparison.Ordinal);
        Assert.Equal("The document is revoked: nobody but its owner gets a new licence.", PortalHtml.Text(revoked, "notice"));
        Assert.StartsWith("Revoked by admin on ", PortalHtml.Text(revoked, "document-state"), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"unrevoke\"", revoked, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, ProblemCodes.ContentRevoked);
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .SingleAsync(e => e.RequestType == "RevokeAccess" && e.ContentId == contentId));
        Assert.Equal((UsageResult.Granted, $"RevokeAccess {contentId} of opal@contoso.test"), (entry.Result, entry.AdminAction));
    }

    [Fact]
    public async Task Revoke_Auditor_NoButtonAndAPostIsRefused()
    {
        // Arrange
        var (contentId, license, reader) = await DocumentWithActivityAsync("orla@contoso.test", "reed@contoso.test", "sina@contoso.test");
        using var _ = reader;
        await fixture.AddUserAsync("audra@contoso.test", ApplianceRoles.Auditor);
        using var auditor = await fixture.PortalAsync("audra@contoso.test");

        // Act
        var page = await PortalHtml.PageAsync(auditor, $"/documents/{contentId}");
        using var post = await auditor.PostFormAsync($"/documents/{contentId}", "document-revocation", new Dictionary<string, string> { ["action"] = "revoke" });
        using var stillOpens = await reader.AcquireAsync(license);

        // Assert
        Assert.Equal(["sina@contoso.test", "reed@contoso.test"], PortalHtml.Texts(page, "event-user"));
        Assert.DoesNotContain("data-testid=\"revoke\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Null(await fixture.Node.QueryAsync(db => db.ProtectedDocuments.Where(d => d.ContentId == contentId).Select(d => d.RevokedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, stillOpens.StatusCode);
        Assert.True(await fixture.Node.QueryAsync(db => db.UsageLog.AnyAsync(e =>
            e.RequestType == "RevokeAccess" && e.ContentId == contentId && e.Result == UsageResult.Denied && e.UserEmail == "audra@contoso.test")));
    }
}
