using System.Net;
using Appliance.Web.Identity;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Portal;

/// <summary>The portal's roles page: an administrator picks the organisations the scoped roles are held for.</summary>
public sealed class RolesPageTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    [Fact]
    public async Task SetRoles_OrganisationsTicked_HeldForThemShownAndLogged()
    {
        // Arrange - an auditor of Fabrikam who is also to audit Contoso, ticked on the page.
        await fixture.AddUserAsync("page-auditor@fabrikam.test");
        var tenants = await fixture.Node.QueryAsync(db => db.Tenants.ToDictionaryAsync(t => t.Name, t => t.Id));
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.User", "page-auditor@fabrikam.test"),
            new("role", ApplianceRoles.Auditor),
            new("org", tenants["Contoso"].ToString()),
            new("org", tenants["Fabrikam"].ToString()),
        };

        // Act
        using var posted = await admin.PostFormFieldsAsync("/admin/roles", "set-roles", fields);
        var saved = await posted.Content.ReadAsStringAsync();
        var edit = await PortalHtml.PageAsync(admin, "/admin/roles?user=page-auditor@fabrikam.test");
        using var auditor = await fixture.PortalAsync("page-auditor@fabrikam.test");
        using var contosoUsage = await auditor.GetAsync($"/reports/usage?tenant={tenants["Contoso"]}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("page-auditor@fabrikam.test now holds: Auditor for Contoso, Fabrikam.", PortalHtml.Text(saved, "notice"));
        Assert.Contains("Contoso, Fabrikam", PortalHtml.Texts(saved, "role-scope"));
        // The edit form comes back with both organisations ticked.
        Assert.Contains($"name=\"org\" value=\"{tenants["Contoso"]}\" checked", edit, StringComparison.Ordinal);
        Assert.Contains($"name=\"org\" value=\"{tenants["Fabrikam"]}\" checked", edit, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, contosoUsage.StatusCode);
        var action = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.AdminAction!.StartsWith("SetRoles page-auditor@")).Select(e => e.AdminAction).SingleAsync());
        Assert.Equal("SetRoles page-auditor@fabrikam.test: [Auditor] for [contoso.test, fabrikam.test]", action);
    }

    [Fact]
    public async Task SetRoles_NoOrganisationTicked_HeldForTheUsersOwn()
    {
        // Arrange - nothing ticked is the default of the API: the user's own organisation, and nobody else's.
        await fixture.AddUserAsync("own-auditor@contoso.test");
        var contoso = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.Id).SingleAsync());
        var fabrikam = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Fabrikam").Select(t => t.Id).SingleAsync());
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);

        // Act
        var saved = await PortalHtml.PostAsync(admin, "/admin/roles", "set-roles", new() { ["Input.User"] = "own-auditor@contoso.test", ["role"] = ApplianceRoles.Auditor });
        using var auditor = await fixture.PortalAsync("own-auditor@contoso.test");
        using var own = await auditor.GetAsync($"/reports/usage?tenant={contoso}");
        using var other = await auditor.GetAsync($"/reports/usage?tenant={fabrikam}");

        // Assert
        Assert.Equal("own-auditor@contoso.test now holds: Auditor for Contoso.", PortalHtml.Text(saved, "notice"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("Auditor is not held for the organisation Fabrikam", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
