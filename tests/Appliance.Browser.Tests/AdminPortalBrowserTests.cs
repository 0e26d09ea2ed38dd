using Appliance.Web.Tests.Portal;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Appliance.Browser.Tests;

/// <summary>
/// An administrator's first hour in a real browser: activation in two steps, the overview, users and groups on their
/// grids, an organisation's offline cap. Every page visited is saved as a screenshot under <c>screenshots/</c> beside the test assembly.
/// </summary>
public sealed class AdminPortalBrowserTests(BrowserNode fixture) : IClassFixture<BrowserNode>
{
    private static readonly string _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task AdminPortal_ActivateAddUserAndGroupAndBrowseTheGrid_EveryStepShows()
    {
        // Arrange - 30 Contoso users so the grid has two pages.
        await BulkUsers.InsertAsync(fixture.Node, "Contoso", "paging", 30);
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 860);
        await PortalPages.SignInAsync(page, "admin", ApplianceFactory.AdminPassword);

        // Act and assert - activation, step 1 then the confirmation.
        await page.GetByRole(AriaRole.Link, new() { Name = "Activation" }).ClickAsync();
        await page.GetByLabel("Organisation name").FillAsync("Woodgrove Bank");
        await page.GetByLabel("Region (HSM partition)").SelectOptionAsync("na");
        await page.GetByLabel("E-mail domains").FillAsync("woodgrove.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await Expect(page.GetByTestId("activation-summary")).ToContainTextAsync("Woodgrove Bank");
        await ShotAsync(page, "activation-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(page.GetByTestId("activated")).ToContainTextAsync("Woodgrove Bank is protected");
        await Expect(page.GetByTestId("key-version")).ToHaveTextAsync("1");
        await ShotAsync(page, "activation-done");
        Assert.True(await fixture.Node.QueryAsync(db => db.Tenants.AnyAsync(t => t.Name == "Woodgrove Bank" && t.Region == "na")));

        // The overview lists it beside Contoso.
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        var woodgrove = page.Locator("tr[data-tenant='Woodgrove Bank']");
        await Expect(woodgrove.GetByTestId("key-version")).ToHaveTextAsync("1");
        await Expect(page.Locator("tr[data-tenant='Contoso']").GetByTestId("users")).ToHaveTextAsync("30");
        await ShotAsync(page, "overview");

        // Its offline cap on the organisation page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Organisation", Exact = true }).ClickAsync();
        await page.GetByTestId("tenant-picker").SelectOptionAsync(new SelectOptionValue { Label = "Woodgrove Bank" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.GetByLabel("Maximum offline days").FillAsync("14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("Saved: Woodgrove Bank's content may be used offline for at most 14 days.");
        await ShotAsync(page, "organisation");
        Assert.Equal(14, await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Woodgrove Bank").Select(t => t.MaxOfflineDays).SingleAsync()));

        // A user on the users page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("wendy@woodgrove.test");
        await page.GetByLabel("Display name (optional)").FillAsync("Wendy Wood");
        await page.GetByLabel("Initial password").FillAsync("password of wendy 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("wendy@woodgrove.test was added to Woodgrove Bank.");
        await ShotAsync(page, "users");

        // Filter, page and sort the grid.
        await page.GetByLabel("Search (e-mail or name)").FillAsync("paging");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByTestId("pager-summary")).ToHaveTextAsync("30 users · page 1 of 2");
        await Expect(page.GetByTestId("user-email").First).ToHaveTextAsync("paging000001@contoso.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.GetByTestId("pager-summary")).ToHaveTextAsync("30 users · page 2 of 2");
        await Expect(page.GetByTestId("user-email")).ToHaveCountAsync(5);
        await page.GetByRole(AriaRole.Link, new() { Name = "E-mail, sorted ascending; sort descending" }).ClickAsync();
        await Expect(page.GetByTestId("user-email").First).ToHaveTextAsync("paging000030@contoso.test");
        await ShotAsync(page, "users-filtered");

        // A group with Wendy in it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Groups", Exact = true }).ClickAsync();
        await page.GetByLabel("Group e-mail").FillAsync("tellers@woodgrove.test");
        await page.GetByLabel("Display name (optional)").FillAsync("Tellers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add group" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("tellers@woodgrove.test was added to Woodgrove Bank.");
        await page.GetByLabel("User or group e-mail").FillAsync("wendy@woodgrove.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.GetByTestId("member-email")).ToHaveTextAsync("wendy@woodgrove.test");
        await ShotAsync(page, "groups");
        Assert.Equal(1, await fixture.Node.QueryAsync(db => db.GroupMemberships.CountAsync(m => db.Groups.Any(g => g.Id == m.GroupId && g.Email == "tellers@woodgrove.test"))));
        Assert.All(
            new[] { "activation-confirm", "activation-done", "overview", "organisation", "users", "users-filtered", "groups" },
            name => Assert.True(new FileInfo(Path.Combine(_screenshots, name + ".png")).Length > 1000, name));
        await page.Context.CloseAsync();
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(_screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, name + ".png") });
    }
}
