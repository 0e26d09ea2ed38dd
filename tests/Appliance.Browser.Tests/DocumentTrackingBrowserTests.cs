using Appliance.Crypto.Licensing;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Appliance.Browser.Tests;

/// <summary>An owner follows a document from the documents list to its timeline and revokes it, in a real browser.</summary>
public sealed class DocumentTrackingBrowserTests(BrowserNode fixture) : IClassFixture<BrowserNode>
{
    private static readonly string _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Tracking_OwnerOpensTheTimelineAndRevokes_StateShowsRevoked()
    {
        // Arrange - pia protects a document for ravi, who opens it; sid is refused it.
        foreach (var user in new[] { "pia@contoso.test", "ravi@contoso.test", "sid@contoso.test" })
        {
            await fixture.AddUserAsync(user);
        }

        using var pia = await Publisher.BootstrapAsync(await fixture.Node.SignInAsync("pia@contoso.test", BrowserNode.PasswordOf("pia@contoso.test")));
        using var ravi = await Publisher.BootstrapAsync(await fixture.Node.SignInAsync("ravi@contoso.test", BrowserNode.PasswordOf("ravi@contoso.test")));
        using var sid = await Publisher.BootstrapAsync(await fixture.Node.SignInAsync("sid@contoso.test", BrowserNode.PasswordOf("sid@contoso.test")));
        var (license, _, contentId) = await pia.PublishAsync(new RightsGrant("ravi@contoso.test", ["VIEW"]));
        (await ravi.AcquireAsync(license)).Dispose();
        (await sid.AcquireAsync(license)).Dispose();
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await PortalPages.SignInAsync(page, "pia@contoso.test", BrowserNode.PasswordOf("pia@contoso.test"));

        // Act
        await page.GetByRole(AriaRole.Link, new() { Name = "Documents" }).ClickAsync();
        await page.GetByTestId("document-link").First.ClickAsync();
        await Expect(page.GetByTestId("event-user")).ToHaveTextAsync(["sid@contoso.test", "ravi@contoso.test"]);
        await Expect(page.GetByTestId("summary-refusals")).ToHaveTextAsync("1");
        await ShotAsync(page, "document-tracking");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();

        // Assert
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The document is revoked");
        await Expect(page.GetByTestId("document-state")).ToContainTextAsync("Revoked by pia@contoso.test");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Un-revoke" })).ToBeVisibleAsync();
        Assert.NotNull(await fixture.Node.QueryAsync(db => db.ProtectedDocuments.Where(d => d.ContentId == contentId).Select(d => d.RevokedAt).SingleAsync()));
        Assert.True(new FileInfo(Path.Combine(_screenshots, "document-tracking.png")).Length > 1000);
        await page.Context.CloseAsync();
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(_screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, name + ".png"), FullPage = true });
    }
}
