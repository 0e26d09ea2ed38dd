using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Documents;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.SuperUsers;

/// <summary>
/// Super users: off by default; while on, a member (a user, or anyone in a member group) gets every right on the
/// tenant's content, each licence logged as acting for the owner; every change to the feature is in the admin log.
/// The tests run in order on one node and leave the feature off with no members.
/// </summary>
public sealed class SuperUserTests(DocumentsNode fixture) : IClassFixture<DocumentsNode>
{
    private string Path => $"/api/admin/v1/tenants/{TenantId}/super-users";

    private Guid TenantId => fixture.Alice.Tenant.TenantId;

    private async Task<SuperUserSettings> SetEnabledAsync(bool enabled)
    {
        using var response = await fixture.Admin.PutAsJsonAsync(Path, new SetSuperUsersRequest(enabled));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SuperUserSettings>())!;
    }

    private async Task AddAsync(string principal)
    {
        using var response = await fixture.Admin.PostAsJsonAsync(Path + "/members", new AddSuperUserRequest(principal));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task RemoveAsync(string principal)
    {
        using var response = await fixture.Admin.DeleteAsync($"{Path}/members/{principal}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, UseLicenseContent? License)> AcquireAsync(Publisher who, string license)
    {
        using var response = await who.AcquireAsync(license);
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, who.Verify((await response.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense))
            : (response.StatusCode, null);
    }

    [Fact]
    public async Task Member_OnlyWhileEnabled_GetsOwnerActingForTheOwner_AndEveryChangeIsLogged()
    {
        // Arrange - a document of alice's that grants bob nothing.
        var (license, contentId) = await DocumentsNode.PublishAsync(fixture.Alice, null, new RightsGrant("eve@contoso.test", ["VIEW"]));
        var start = await fixture.Node.QueryAsync(db => db.UsageLog.MaxAsync(e => e.Id));
        var initially = await fixture.Admin.GetFromJsonAsync<SuperUserSettings>(Path);
        await AddAsync("Bob@Contoso.test");

        // Act
        var whileOff = await AcquireAsync(fixture.Bob, license);
        var enabled = await SetEnabledAsync(true);
        var whileOn = await AcquireAsync(fixture.Bob, license);
        var eveWhileOn = await AcquireAsync(fixture.Eve, license);
        await SetEnabledAsync(false);
        var offAgain = await AcquireAsync(fixture.Bob, license);
        await RemoveAsync("bob@contoso.test");

        // Assert
        Assert.Equal((false, 0), (initially!.Enabled, initially.Members.Count));
        Assert.Equal(HttpStatusCode.Forbidden, whileOff.Status);
        Assert.True(enabled.Enabled);
        Assert.Equal(("bob@contoso.test", false, "admin"), (enabled.Members[0].Principal, enabled.Members[0].IsGroup, enabled.Members[0].AddedBy));
        Assert.Equal(HttpStatusCode.OK, whileOn.Status);
        Assert.Equal(UsageRights.All, whileOn.License!.Rights);
        Assert.Equal("alice@contoso.test", whileOn.License.ActingAs);
        // A grantee is not acting as a super user.
        Assert.Equal(["VIEW"], eveWhileOn.License!.Rights);
        Assert.Null(eveWhileOn.License.ActingAs);
        Assert.Equal(HttpStatusCode.Forbidden, offAgain.Status);
        var acquires = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.ContentId == contentId && e.RequestType == "AcquireLicense").OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(
            [("bob@contoso.test", UsageResult.Denied, null), ("bob@contoso.test", UsageResult.Granted, "alice@contoso.test"),
             ("eve@contoso.test", UsageResult.Granted, null), ("bob@contoso.test", UsageResult.Denied, null)],
            acquires.Select(e => (e.UserEmail, e.Result, e.ActingAs)));
        var changes = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.Id > start && e.TenantId == TenantId && e.RequestType == "Admin" && e.Result == UsageResult.Granted
                && e.AdminAction!.Contains("SuperUser")).OrderBy(e => e.Id)
            .Select(e => e.AdminAction!).ToListAsync());
        Assert.Equal(["AddSuperUser bob@contoso.test", "EnableSuperUsers", "DisableSuperUsers", "RemoveSuperUser bob@contoso.test"], changes);
    }

    [Fact]
    public async Task GroupMember_IsASuperUser_ExpiryDoesNotStopThem_RevocationDoes()
    {
        // Arrange - eve is in a nested group of the super users' group; alice's documents grant her nothing.
        using (var group = await fixture.Admin.PostAsJsonAsync("/api/admin/v1/groups", new CreateGroupRequest("ediscovery@contoso.test", null)))
        using (var inner = await fixture.Admin.PostAsJsonAsync("/api/admin/v1/groups", new CreateGroupRequest("legal-hold@contoso.test", null)))
        using (var nest = await fixture.Admin.PostAsJsonAsync("/api/admin/v1/groups/ediscovery@contoso.test/members", new AddMemberRequest("legal-hold@contoso.test")))
        using (var member = await fixture.Admin.PostAsJsonAsync("/api/admin/v1/groups/legal-hold@contoso.test/members", new AddMemberRequest("eve@contoso.test")))
        {
            Assert.Equal(HttpStatusCode.NoContent, member.StatusCode);
        }

        var (expired, _) = await DocumentsNode.PublishAsync(fixture.Alice, DateTimeOffset.UtcNow.AddSeconds(2), new RightsGrant("bob@contoso.test", ["VIEW"]));
        var (revoked, revokedId) = await DocumentsNode.PublishAsync(fixture.Alice, null, new RightsGrant("bob@contoso.test", ["VIEW"]));
        using (var revoke = await fixture.Alice.Http.PostAsync($"/api/v1/documents/{revokedId}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        await AddAsync("ediscovery@contoso.test");
        await SetEnabledAsync(true);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        // Act
        var afterExpiry = await AcquireAsync(fixture.Eve, expired);
        var bobAfterExpiry = await AcquireAsync(fixture.Bob, expired);
        using var afterRevocation = await fixture.Eve.AcquireAsync(revoked);
        await SetEnabledAsync(false);
        await RemoveAsync("ediscovery@contoso.test");

        // Assert
        Assert.Equal(HttpStatusCode.OK, afterExpiry.Status);
        Assert.Equal(("alice@contoso.test", true), (afterExpiry.License!.ActingAs, afterExpiry.License.ValidUntil > DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Forbidden, bobAfterExpiry.Status);
        await ProblemAssert.IsProblemAsync(afterRevocation, HttpStatusCode.Forbidden, ProblemCodes.ContentRevoked);
    }

    [Theory]
    [InlineData("nobody@contoso.test", HttpStatusCode.NotFound, ProblemCodes.NotFound)]
    [InlineData("someone@fabrikam.test", HttpStatusCode.NotFound, ProblemCodes.NotFound)]
    [InlineData("not an address", HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed)]
    public async Task AddMember_NotAUserOrGroupOfTheTenant_Refused(string principal, HttpStatusCode status, string code)
    {
        using var response = await fixture.Admin.PostAsJsonAsync(Path + "/members", new AddSuperUserRequest(principal));

        await ProblemAssert.IsProblemAsync(response, status, code);
        Assert.Empty((await fixture.Admin.GetFromJsonAsync<SuperUserSettings>(Path))!.Members);
    }

    [Fact]
    public async Task Changes_BadInput_ClearProblems()
    {
        // Act
        await AddAsync("audrey@contoso.test");
        using var twice = await fixture.Admin.PostAsJsonAsync(Path + "/members", new AddSuperUserRequest("audrey@contoso.test"));
        await RemoveAsync("audrey@contoso.test");
        using var notMember = await fixture.Admin.DeleteAsync($"{Path}/members/audrey@contoso.test");
        using var noValue = await fixture.Admin.PutAsJsonAsync(Path, new SetSuperUsersRequest(null));
        using var unknownTenant = await fixture.Admin.GetAsync($"/api/admin/v1/tenants/{Guid.NewGuid()}/super-users");

        // Assert
        await ProblemAssert.IsProblemAsync(twice, HttpStatusCode.Conflict, ProblemCodes.Conflict);
        await ProblemAssert.IsProblemAsync(notMember, HttpStatusCode.NotFound, ProblemCodes.NotFound);
        await ProblemAssert.IsProblemAsync(noValue, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        await ProblemAssert.IsProblemAsync(unknownTenant, HttpStatusCode.NotFound, ProblemCodes.NotFound);
    }
}
