using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Portal;

/// <summary>/admin/super-users: turning the feature on and off and choosing its members, each change audited.</summary>
public sealed class SuperUsersPageTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    [Fact]
    public async Task AddTurnOnTurnOffRemove_EachShownAndAudited()
    {
        // Arrange
        await fixture.AddUserAsync("sue@contoso.test");
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        var contoso = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.Id).SingleAsync());
        Dictionary<string, string> Form(params (string Key, string Value)[] fields) =>
            fields.Append(("tenant", contoso.ToString())).ToDictionary(f => f.Item1, f => f.Item2);

        // Act
        var added = await PortalHtml.PostAsync(admin, "/admin/super-users", "super-user-member", Form(("add", "1"), ("principal", "Sue@Contoso.test")));
        var on = await PortalHtml.PostAsync(admin, "/admin/super-users", "super-users-switch", Form(("enabled", "true")));
        var enabledInDatabase = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Id == contoso).Select(t => t.SuperUsersEnabled).SingleAsync());
        var off = await PortalHtml.PostAsync(admin, "/admin/super-users", "super-users-switch", Form(("enabled", "false")));
        var removed = await PortalHtml.PostAsync(admin, "/admin/super-users", "super-user-member", Form(("remove", "sue@contoso.test")));

        // Assert
        Assert.Equal("sue@contoso.test is a super user.", PortalHtml.Text(added, "notice"));
        Assert.Equal(["sue@contoso.test"], PortalHtml.Texts(added, "super-user"));
        Assert.Equal("off", PortalHtml.Text(added, "super-users-state"));
        Assert.Equal(("Super users are on.", "on"), (PortalHtml.Text(on, "notice"), PortalHtml.Text(on, "super-users-state")));
        Assert.True(enabledInDatabase);
        Assert.Equal("off", PortalHtml.Text(off, "super-users-state"));
        Assert.Equal("sue@contoso.test is no longer a super user.", PortalHtml.Text(removed, "notice"));
        Assert.Empty(PortalHtml.Texts(removed, "super-user"));
        var audit = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.TenantId == contoso && e.AdminAction!.Contains("SuperUser") && e.Result == UsageResult.Granted).OrderBy(e => e.Id)
            .Select(e => e.AdminAction!).ToListAsync());
        Assert.Equal(["AddSuperUser sue@contoso.test", "EnableSuperUsers", "DisableSuperUsers", "RemoveSuperUser sue@contoso.test"], audit);
    }

    [Fact]
    public async Task AddMember_OfAnotherOrganisation_OneSentenceAndNothingAdded()
    {
        // Arrange
        await fixture.AddUserAsync("frank@fabrikam.test");
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        var contoso = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.Id).SingleAsync());

        // Act
        var html = await PortalHtml.PostAsync(admin, "/admin/super-users", "super-user-member",
            new() { ["tenant"] = contoso.ToString(), ["add"] = "1", ["principal"] = "frank@fabrikam.test" });

        // Assert
        Assert.Equal("frank@fabrikam.test is neither a user nor a group of this organisation.", PortalHtml.Text(html, "error"));
        Assert.Equal(0, await fixture.Node.QueryAsync(db => db.SuperUserMembers.CountAsync()));
    }
}
