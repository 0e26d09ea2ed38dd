using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Portal;

public sealed class GroupsPageTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    [Fact]
    public async Task Groups_CreateAddAndRemoveMember_GridAndDatabaseFollow()
    {
        // Arrange
        await fixture.AddUserAsync("gina@contoso.test");
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);

        // Act
        var created = await PortalHtml.PostAsync(admin, "/admin/groups", "create-group", new() { ["Input.Email"] = "Sales@contoso.test", ["Input.DisplayName"] = "Sales" });
        var added = await PortalHtml.PostAsync(admin, "/admin/groups", "group-member", new() { ["group"] = "sales@contoso.test", ["add"] = "1", ["member"] = "gina@contoso.test" });
        var membersInDb = await fixture.Node.QueryAsync(db => db.GroupMemberships.CountAsync(m => db.Groups.Any(g => g.Id == m.GroupId && g.Email == "sales@contoso.test")));
        var removed = await PortalHtml.PostAsync(admin, "/admin/groups", "group-member", new() { ["group"] = "sales@contoso.test", ["remove"] = "gina@contoso.test" });

        // Assert
        Assert.Equal("sales@contoso.test was added to Contoso.", PortalHtml.Text(created, "notice"));
        Assert.Contains("sales@contoso.test", PortalHtml.Texts(created, "group-email"));
        Assert.Equal("gina@contoso.test is now a member of sales@contoso.test.", PortalHtml.Text(added, "notice"));
        Assert.Equal(["gina@contoso.test"], PortalHtml.Texts(added, "member-email"));
        Assert.Equal(1, membersInDb);
        Assert.Equal("gina@contoso.test is no longer a member of sales@contoso.test.", PortalHtml.Text(removed, "notice"));
        Assert.Empty(PortalHtml.Texts(removed, "member-email"));
        Assert.Equal(0, await fixture.Node.QueryAsync(db => db.GroupMemberships.CountAsync(m => db.Groups.Any(g => g.Id == m.GroupId && g.Email == "sales@contoso.test"))));
        var actions = await fixture.Node.QueryAsync(db => db.UsageLog.Where(e => e.AdminAction!.Contains("sales@contoso.test") && e.Result == UsageResult.Granted)
            .OrderBy(e => e.Id).Select(e => e.AdminAction).ToListAsync());
        Assert.Equal(["CreateGroup sales@contoso.test", "AddGroupMember gina@contoso.test to sales@contoso.test", "RemoveGroupMember gina@contoso.test from sales@contoso.test"], actions);
    }

    [Fact]
    public async Task Groups_MemberOfAnotherTenant_RefusedWithASentence()
    {
        // Arrange - a Contoso group cannot hold a Fabrikam user.
        await fixture.AddUserAsync("frank@fabrikam.test");
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        await PortalHtml.PostAsync(admin, "/admin/groups", "create-group", new() { ["Input.Email"] = "legal@contoso.test" });

        // Act
        var html = await PortalHtml.PostAsync(admin, "/admin/groups", "group-member", new() { ["group"] = "legal@contoso.test", ["add"] = "1", ["member"] = "frank@fabrikam.test" });

        // Assert
        Assert.Equal("frank@fabrikam.test belongs to another organisation than legal@contoso.test.", PortalHtml.Text(html, "error"));
        Assert.False(await fixture.Node.QueryAsync(db => db.GroupMemberships.AnyAsync(m => db.Groups.Any(g => g.Id == m.GroupId && g.Email == "legal@contoso.test"))));
    }

    [Fact]
    public async Task Groups_FilterByTenantAndSortByMembers_ShowTheRightRows()
    {
        // Arrange
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        await fixture.AddUserAsync("m1@fabrikam.test");
        foreach (var group in new[] { "zeta@fabrikam.test", "alpha@fabrikam.test" })
        {
            await PortalHtml.PostAsync(admin, "/admin/groups", "create-group", new() { ["Input.Email"] = group });
        }

        await PortalHtml.PostAsync(admin, "/admin/groups", "group-member", new() { ["group"] = "zeta@fabrikam.test", ["add"] = "1", ["member"] = "m1@fabrikam.test" });
        var fabrikam = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Fabrikam").Select(t => t.Id).SingleAsync());

        // Act
        var byEmail = await PortalHtml.PageAsync(admin, $"/admin/groups?tenant={fabrikam}");
        var byMembers = await PortalHtml.PageAsync(admin, $"/admin/groups?tenant={fabrikam}&sort=members&dir=desc");

        // Assert
        Assert.Equal(["alpha@fabrikam.test", "zeta@fabrikam.test"], PortalHtml.Texts(byEmail, "group-email"));
        Assert.Equal(["zeta@fabrikam.test", "alpha@fabrikam.test"], PortalHtml.Texts(byMembers, "group-email"));
    }
}
