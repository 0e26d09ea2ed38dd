using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Documents;

public sealed class TrackingTests(DocumentsNode fixture) : IClassFixture<DocumentsNode>
{
    private static readonly RightsGrant _bobViews = new("bob@contoso.test", ["VIEW"]);

    [Fact]
    public async Task Track_Owner_SeesRegistrationGrantedOpenAndRefusalNewestFirst()
    {
        // Arrange - bob opens, eve (no grant) is refused; reading the registry is not an event of the document.
        var (license, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, _bobViews);
        (await fixture.Bob.AcquireAsync(license)).Dispose();
        (await fixture.Eve.AcquireAsync(license)).Dispose();
        (await fixture.Alice.Http.GetAsync($"/api/v1/documents/{contentId}")).Dispose();

        // Act
        using var response = await fixture.Alice.Http.GetAsync($"/api/v1/documents/{contentId}/tracking");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await response.Content.ReadFromJsonAsync<List<DocumentEvent>>())!;
        Assert.Equal(
            [
                ("eve@contoso.test", "AcquireLicense", "Denied", ProblemCodes.AccessDenied, "127.0.0.1", null),
                ("bob@contoso.test", "AcquireLicense", "Granted", null, "127.0.0.1", "VIEW"),
                ("alice@contoso.test", "Publish", "Granted", (string?)null, "127.0.0.1", (string?)null),
            ],
            events.Select(e => (e.User, e.RequestType, e.Result, e.ErrorCode, e.ClientIp, e.Rights)));
        Assert.True(events[0].Timestamp >= events[1].Timestamp && events[0].Id > events[1].Id);
    }

    [Fact]
    public async Task Track_PagesBackwardsById()
    {
        var (license, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, _bobViews);
        (await fixture.Bob.AcquireAsync(license)).Dispose();
        (await fixture.Eve.AcquireAsync(license)).Dispose();

        var first = (await fixture.Alice.Http.GetFromJsonAsync<List<DocumentEvent>>($"/api/v1/documents/{contentId}/tracking?limit=2"))!;
        var rest = (await fixture.Alice.Http.GetFromJsonAsync<List<DocumentEvent>>($"/api/v1/documents/{contentId}/tracking?limit=2&before={first[^1].Id}"))!;

        Assert.Equal(["eve@contoso.test", "bob@contoso.test"], first.Select(e => e.User));
        Assert.Equal(["alice@contoso.test"], rest.Select(e => e.User));
    }

    [Fact]
    public async Task Track_RecipientWhoIsNotOwner_ForbiddenAndLogged()
    {
        // Arrange - bob may open the document, but who else did is the owner's business.
        var (_, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, _bobViews);

        // Act
        using var tracking = await fixture.Bob.Http.GetAsync($"/api/v1/documents/{contentId}/tracking");
        using var details = await fixture.Bob.Http.GetAsync($"/api/v1/documents/{contentId}");

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(tracking, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        Assert.Equal("Only the document's owner, an administrator or an auditor can see its tracking; bob@contoso.test is none of them.", detail);
        await ProblemAssert.IsProblemAsync(details, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking().SingleAsync(e => e.ContentId == contentId && e.RequestType == "TrackDocument"));
        Assert.Equal((UsageResult.Denied, ProblemCodes.Forbidden, "bob@contoso.test"), (entry.Result, entry.ErrorCode, entry.UserEmail));
    }

    [Fact]
    public async Task Track_AdministratorAndAuditor_SeeTheTimeline()
    {
        var (license, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, _bobViews);
        (await fixture.Bob.AcquireAsync(license)).Dispose();

        var byAdmin = (await fixture.Admin.GetFromJsonAsync<List<DocumentEvent>>($"/api/v1/documents/{contentId}/tracking"))!;
        var byAuditor = (await fixture.Auditor.GetFromJsonAsync<List<DocumentEvent>>($"/api/v1/documents/{contentId}/tracking"))!;

        Assert.Contains(byAdmin, e => e.User == "bob@contoso.test" && e.Result == "Granted");
        Assert.Equal(byAdmin.Select(e => e.Id), byAuditor.Select(e => e.Id));
    }

    [Fact]
    public async Task Get_TemplateDocument_NamesTheTemplate()
    {
        // Arrange - protect with the organisation's default template, as a client does from GET /api/v1/templates.
        var template = (await fixture.Alice.Http.GetFromJsonAsync<List<AvailableTemplate>>("/api/v1/templates"))!.First();
        var policy = new ProtectionPolicy("alice@contoso.test", template.Grants, null, template.OfflineDays, template.Id, template.Name);
        var (_, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, policy, "minutes.txt");

        // Act
        var details = (await fixture.Alice.Http.GetFromJsonAsync<DocumentDetails>($"/api/v1/documents/{contentId}"))!;

        // Assert
        Assert.Equal((contentId, "minutes.txt", "alice@contoso.test"), (details.ContentId, details.FileName, details.Owner));
        Assert.Equal((template.Id, template.Name), (details.TemplateId, details.TemplateName));
        Assert.Null(details.RevokedAt);
        Assert.True(details.RegisteredAt >= details.PublishedAt.AddMinutes(-1));
    }

    [Fact]
    public async Task List_OwnDocumentsOnlyNewestFirstInPages()
    {
        // Arrange - eve publishes three documents; alice's (from other tests) must not appear in her list.
        var published = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            published.Add((await DocumentsNode.PublishAsync(fixture.Eve, null, _bobViews)).ContentId);
        }

        // Act
        var first = (await fixture.Eve.Http.GetFromJsonAsync<List<DocumentDetails>>("/api/v1/documents?limit=2"))!;
        var before = Uri.EscapeDataString(first[^1].RegisteredAt.ToString("O", CultureInfo.InvariantCulture));
        var rest = (await fixture.Eve.Http.GetFromJsonAsync<List<DocumentDetails>>($"/api/v1/documents?limit=2&before={before}"))!;
        var bobs = (await fixture.Bob.Http.GetFromJsonAsync<List<DocumentDetails>>("/api/v1/documents"))!;

        // Assert
        Assert.Equal([published[2], published[1]], first.Select(d => d.ContentId));
        Assert.Equal([published[0]], rest.Select(d => d.ContentId));
        Assert.All(first.Concat(rest), d => Assert.Equal("eve@contoso.test", d.Owner));
        Assert.Empty(bobs);
        var listed = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .CountAsync(e => e.RequestType == "ListDocuments" && e.UserEmail == "eve@contoso.test" && e.Result == UsageResult.Granted));
        Assert.Equal(2, listed);
    }
}
