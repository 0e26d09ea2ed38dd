using Appliance.Data.DirectorySync;
using Appliance.TestSupport.Ldap;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Appliance.Browser.Tests;

public sealed class LdapBrowserTests(BrowserNode fixture) : IClassFixture<BrowserNode>
{
    [Fact]
    public async Task Ldap_AdminConfiguresAndSyncs_UsersArriveAndThePasswordNeverShows()
    {
        // Arrange
        var url = await SlapdTestServer.GetUrlAsync();
        var page = await fixture.NewPageAsync();
        await PortalPages.SignInAsync(page, "admin", ApplianceFactory.AdminPassword);

        // Act
        await page.GetByRole(AriaRole.Link, new() { Name = "Directory" }).ClickAsync();
        await page.GetByLabel("Server URL").FillAsync(url);
        await page.GetByLabel("Bind DN").FillAsync(SlapdTestServer.SyncDn);
        await page.GetByLabel("Bind password").FillAsync(SlapdTestServer.SyncPassword);
        await page.GetByLabel("Base DN").FillAsync(SlapdTestServer.BaseDn);
        await page.GetByLabel("User filter", new() { Exact = true }).FillAsync("(&(objectClass=inetOrgPerson)(uid=*))");
        await page.GetByLabel("Group filter").FillAsync("(objectClass=groupOfNames)");
        await page.GetByLabel("Disabled-user filter").FillAsync("(description=disabled)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByTestId("ldap-notice")).ToHaveTextAsync("Settings saved.");
        var afterSave = await page.ContentAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();

        // Assert
        await Expect(page.GetByTestId("ldap-notice")).ToContainTextAsync("Synced: users +4");
        await Expect(page.GetByTestId("last-sync")).ToContainTextAsync("ok: users +4");
        Assert.DoesNotContain(SlapdTestServer.SyncPassword, afterSave, StringComparison.Ordinal);
        Assert.DoesNotContain(SlapdTestServer.SyncPassword, await page.ContentAsync(), StringComparison.Ordinal);
        var synced = await fixture.Node.QueryAsync(db => db.Users.CountAsync(u => u.Source == PrincipalSources.Ldap && u.TenantId == fixture.ContosoId));
        Assert.Equal(4, synced);
        await page.Context.CloseAsync();
    }
}
