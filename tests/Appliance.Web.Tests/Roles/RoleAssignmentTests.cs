using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Roles;

/// <summary>The tests share one node; each uses its own users and leaves 'admin' the only global administrator.</summary>
public sealed class RoleAssignmentTests(RolesNode fixture) : IClassFixture<RolesNode>
{
    private readonly HttpClient _admin = fixture.Admin;

    [Fact]
    public async Task SetRoles_RoundTrip_ListedAppliedAndLogged()
    {
        // Arrange - the role list is what an operator picks from; setting replaces, never adds.
        using var list = await _admin.GetAsync("/api/admin/v1/roles");
        var roles = (await list.Content.ReadFromJsonAsync<List<RoleSummary>>())!;
        Assert.Equal(ApplianceRoles.All, roles.Select(r => r.Name));
        Assert.All(roles, r => Assert.False(string.IsNullOrWhiteSpace(r.Description)));
        using var ann = await fixture.UserAsync("ann@contoso.test");

        // Act
        using var set = await RolesNode.SetRolesAsync(_admin, "Ann@Contoso.test", ApplianceRoles.Auditor, ApplianceRoles.SecurityOfficer, ApplianceRoles.Auditor);
        using var asAuditor = await ann.GetAsync("/api/admin/v1/usage");
        using var cleared = await RolesNode.SetRolesAsync(_admin, "ann@contoso.test");
        using var asPlain = await ann.GetAsync("/api/admin/v1/usage");

        // Assert
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var assigned = (await set.Content.ReadFromJsonAsync<UserRoles>())!;
        Assert.Equal("ann@contoso.test", assigned.Email);
        Assert.Equal([ApplianceRoles.SecurityOfficer, ApplianceRoles.Auditor], assigned.Roles);
        Assert.Equal(HttpStatusCode.OK, asAuditor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Empty((await cleared.Content.ReadFromJsonAsync<UserRoles>())!.Roles);
        await ProblemAssert.IsProblemAsync(asPlain, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        var actions = await fixture.Node.QueryAsync(db => db.UsageLog
            .Where(e => e.RequestType == "Admin" && e.AdminAction!.StartsWith("SetRoles ann@"))
            .OrderBy(e => e.Id).Select(e => e.AdminAction).ToListAsync());
        Assert.Equal(["SetRoles ann@contoso.test: [SecurityOfficer, Auditor]", "SetRoles ann@contoso.test: []"], actions);
    }

    [Fact]
    public async Task SetRoles_ChangedAfterSignIn_AppliesToTheExistingTokenAtTheNextRequest()
    {
        // Arrange - an access token lives 30 minutes; a demoted administrator must not keep the admin API
        // that long, and a new auditor should not have to sign in again.
        using var bob = await fixture.UserAsync("bob@contoso.test", ApplianceRoles.Administrator);
        using var carl = await fixture.UserAsync("carl@contoso.test");
        using var bobBefore = await bob.GetAsync("/api/admin/v1/tenants");
        using var carlBefore = await carl.GetAsync("/api/admin/v1/usage");

        // Act
        using var demote = await RolesNode.SetRolesAsync(_admin, "bob@contoso.test");
        using var promote = await RolesNode.SetRolesAsync(_admin, "carl@contoso.test", ApplianceRoles.Auditor);
        using var bobAfter = await bob.GetAsync("/api/admin/v1/tenants");
        using var carlAfter = await carl.GetAsync("/api/admin/v1/usage");

        // Assert
        Assert.Equal(HttpStatusCode.OK, bobBefore.StatusCode);
        await ProblemAssert.IsProblemAsync(carlBefore, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        await ProblemAssert.IsProblemAsync(bobAfter, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        Assert.Equal(HttpStatusCode.OK, carlAfter.StatusCode);
    }

    [Fact]
    public async Task SetRoles_UnknownRoleOrUser_RefusedAndNothingChanged()
    {
        // Arrange - a typo in a role name must not silently drop the roles that were meant.
        using var eve = await fixture.UserAsync("eve@contoso.test", ApplianceRoles.Auditor);

        // Act
        using var unknownRole = await RolesNode.SetRolesAsync(_admin, "eve@contoso.test", ApplianceRoles.Auditor, "Overlord", "auditor");
        using var unknownUser = await RolesNode.SetRolesAsync(_admin, "nobody@contoso.test", ApplianceRoles.Auditor);
        using var noList = await _admin.PutAsJsonAsync("/api/admin/v1/users/eve@contoso.test/roles", new { });
        using var stillAuditor = await eve.GetAsync("/api/admin/v1/usage");

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(unknownRole, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Contains("'Overlord'", detail, StringComparison.Ordinal);
        Assert.Contains("'auditor'", detail, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(unknownUser, HttpStatusCode.NotFound, ProblemCodes.NotFound);
        await ProblemAssert.IsProblemAsync(noList, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(HttpStatusCode.OK, stillAuditor.StatusCode);
    }

    [Fact]
    public async Task SetRoles_LastGlobalAdministrator_Conflict()
    {
        // Arrange - with no global administrator left nobody could grant the role again.
        using var dora = await fixture.UserAsync("dora@contoso.test");

        // Act / Assert - 'admin' alone holds the role.
        using var adminAlone = await RolesNode.SetRolesAsync(_admin, "admin", ApplianceRoles.Auditor);
        await ProblemAssert.IsProblemAsync(adminAlone, HttpStatusCode.Conflict, ProblemCodes.Conflict);

        // Two administrators: either may go, but not the second.
        using var promote = await RolesNode.SetRolesAsync(_admin, "dora@contoso.test", ApplianceRoles.Administrator);
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        using var adminSteps = await RolesNode.SetRolesAsync(_admin, "admin");
        Assert.Equal(HttpStatusCode.OK, adminSteps.StatusCode);
        using var doraAlone = await RolesNode.SetRolesAsync(dora, "dora@contoso.test", ApplianceRoles.TemplateAdministrator);
        await ProblemAssert.IsProblemAsync(doraAlone, HttpStatusCode.Conflict, ProblemCodes.Conflict);

        // The refused change was not applied: dora can still restore 'admin', who then demotes her.
        using var restore = await RolesNode.SetRolesAsync(dora, "admin", ApplianceRoles.Administrator);
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        using var demote = await RolesNode.SetRolesAsync(_admin, "dora@contoso.test");
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
    }
}
