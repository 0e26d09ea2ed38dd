using System.Net;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Portal;

public sealed class UsersPageTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    [Fact]
    public async Task Users_AdminAddsUser_ShownInGridLoggedAndCanSignIn()
    {
        // Arrange
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);

        // Act
        var html = await PortalHtml.PostAsync(admin, "/admin/users?q=carol", "create-user", new()
        {
            ["Input.Email"] = "Carol@Contoso.test",
            ["Input.DisplayName"] = "Carol Danvers",
            ["Input.Password"] = "password of carol 1",
        });

        // Assert
        Assert.Equal("carol@contoso.test was added to Contoso.", PortalHtml.Text(html, "notice"));
        Assert.Equal(["carol@contoso.test"], PortalHtml.Texts(html, "user-email"));
        Assert.DoesNotContain("password of carol 1", html, StringComparison.Ordinal);
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.SingleAsync(e => e.AdminAction == "CreateUser carol@contoso.test"));
        Assert.Equal(UsageResult.Granted, entry.Result);
        using var carol = await fixture.Node.SignInAsync("carol@contoso.test", "password of carol 1");
    }

    [Fact]
    public async Task Users_UnknownDomain_ClearSentenceAndNoUser()
    {
        // Arrange
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);

        // Act
        var html = await PortalHtml.PostAsync(admin, "/admin/users", "create-user", new()
        {
            ["Input.Email"] = "dan@nowhere.test",
            ["Input.Password"] = "password of dan 1",
        });

        // Assert
        Assert.Equal("No activated organisation owns the domain 'nowhere.test'; activate one with that domain first.", PortalHtml.Text(html, "error"));
        Assert.False(await fixture.Node.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "dan@nowhere.test")));
        Assert.True(await fixture.Node.QueryAsync(db => db.UsageLog.AnyAsync(e => e.RequestType == "Admin" && e.AdminAction == "CreateUser" && e.Result == UsageResult.Failed)));
    }

    [Fact]
    public async Task Users_LockThenUnlock_TokensRefusedWhileLocked()
    {
        // Arrange
        await fixture.AddUserAsync("locked@contoso.test");
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);

        // Act
        var locked = await PortalHtml.PostAsync(admin, "/admin/users?q=locked", "user-lock", new() { ["lock"] = "locked@contoso.test" });
        using var whileLocked = await TokenAsync("locked@contoso.test");
        var unlocked = await PortalHtml.PostAsync(admin, "/admin/users?q=locked", "user-lock", new() { ["unlock"] = "locked@contoso.test" });
        using var afterUnlock = await TokenAsync("locked@contoso.test");

        // Assert
        Assert.Contains("locked@contoso.test is locked", PortalHtml.Text(locked, "notice"), StringComparison.Ordinal);
        Assert.Contains("Unlock locked@contoso.test", locked, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, whileLocked.StatusCode);
        Assert.Equal("locked@contoso.test is unlocked.", PortalHtml.Text(unlocked, "notice"));
        Assert.Equal(HttpStatusCode.OK, afterUnlock.StatusCode);
        var actions = await fixture.Node.QueryAsync(db => db.UsageLog.Where(e => e.AdminAction!.EndsWith("lockUser locked@contoso.test") || e.AdminAction!.EndsWith("LockUser locked@contoso.test")).OrderBy(e => e.Id).Select(e => e.AdminAction).ToListAsync());
        Assert.Equal(["LockUser locked@contoso.test", "UnlockUser locked@contoso.test"], actions);
    }

    [Fact]
    public async Task Users_LockOwnAccount_Refused()
    {
        // Arrange - an administrator must not shut themselves out.
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);

        // Act
        var html = await PortalHtml.PostAsync(admin, "/admin/users", "user-lock", new() { ["lock"] = "admin" });

        // Assert
        Assert.Equal("You cannot lock your own account.", PortalHtml.Text(html, "error"));
        Assert.Null(await fixture.Node.QueryAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task Users_FilterSortAndPage_ShowTheRightRows()
    {
        // Arrange - 30 users with a common word, so a page of 25 leaves 5 for the second.
        await BulkUsers.InsertAsync(fixture.Node, "Contoso", "paging", 30);
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);

        // Act
        var first = await PortalHtml.PageAsync(admin, "/admin/users?q=paging");
        var second = await PortalHtml.PageAsync(admin, "/admin/users?q=paging&page=2");
        var descending = await PortalHtml.PageAsync(admin, "/admin/users?q=paging&sort=email&dir=desc");
        var byName = await PortalHtml.PageAsync(admin, "/admin/users?q=PERSON%20PAGING%2000001");
        var fabrikam = await PortalHtml.PageAsync(admin, $"/admin/users?q=paging&tenant={await TenantIdAsync("Fabrikam")}");

        // Assert
        var firstRows = PortalHtml.Texts(first, "user-email");
        Assert.Equal(25, firstRows.Count);
        Assert.Equal("paging000001@contoso.test", firstRows[0]);
        Assert.Equal("paging000025@contoso.test", firstRows[^1]);
        Assert.Equal("30 users · page 1 of 2", PortalHtml.Text(first, "pager-summary"));
        Assert.Equal([.. Enumerable.Range(26, 5).Select(i => $"paging{i:D6}@contoso.test")], PortalHtml.Texts(second, "user-email"));
        Assert.Equal("paging000030@contoso.test", PortalHtml.Texts(descending, "user-email")[0]);
        Assert.Contains("aria-sort=\"descending\"", descending, StringComparison.Ordinal);
        Assert.Equal(["paging000010@contoso.test", "paging000011@contoso.test", "paging000012@contoso.test", "paging000013@contoso.test",
            "paging000014@contoso.test", "paging000015@contoso.test", "paging000016@contoso.test", "paging000017@contoso.test",
            "paging000018@contoso.test", "paging000019@contoso.test"], PortalHtml.Texts(byName, "user-email"));
        Assert.Empty(PortalHtml.Texts(fabrikam, "user-email"));
    }

    private Task<Guid> TenantIdAsync(string name) => fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    private async Task<HttpResponseMessage> TokenAsync(string user)
    {
        using var client = fixture.Node.Anonymous();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user,
            ["password"] = PortalNode.PasswordOf(user),
            ["client_id"] = "rms-cli",
            ["scope"] = "openid offline_access rms",
        }));
    }
}
