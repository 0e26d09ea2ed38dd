using System.Text.RegularExpressions;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Appliance.Browser.Tests;

public sealed class TwoFactorBrowserTests(BrowserNode fixture) : IClassFixture<BrowserNode>
{
    [Fact]
    public async Task TwoFactor_EnrolSignOutSignInAgain_AsksForTheCode()
    {
        // Arrange
        const string Email = "tom@contoso.test";
        await fixture.AddUserAsync(Email);
        var page = await fixture.NewPageAsync();
        await PortalPages.SignInAsync(page, Email, BrowserNode.PasswordOf(Email));
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(Email);

        // Act - enrol, sign out, sign in with password then code.
        await page.GetByRole(AriaRole.Link, new() { Name = "Two-factor sign-in" }).ClickAsync();
        var key = await PortalPages.EnrolAsync(page);
        await PortalPages.SignOutAsync(page);
        await PortalPages.SignInAsync(page, Email, BrowserNode.PasswordOf(Email));
        await Expect(page).ToHaveURLAsync(new Regex("/account/login-2fa"));
        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        await page.GetByLabel("Code from your authenticator app").FillAsync(PortalPages.CodeFor(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        // Assert
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(Email);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Roles_AdminAssignsAuditor_TheUserCanReadTheUsageLogThroughTheApi()
    {
        // Arrange - ann's API client exists before the change: roles apply from the next request.
        const string Email = "ann@contoso.test";
        await fixture.AddUserAsync(Email);
        using var ann = await fixture.Node.SignInAsync(Email, BrowserNode.PasswordOf(Email));
        using var before = await ann.GetAsync("/api/admin/v1/usage");
        var page = await fixture.NewPageAsync();
        await PortalPages.SignInAsync(page, "admin", ApplianceFactory.AdminPassword);

        // Act
        await page.GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        await page.GetByLabel("User (e-mail").FillAsync(Email);
        await page.Locator("input[type=checkbox][value=Auditor]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();

        // Assert
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{Email} now holds: Auditor");
        await Expect(page.GetByTestId("role-table").GetByRole(AriaRole.Row, new() { Name = Email })).ToContainTextAsync("Auditor");
        using var after = await ann.GetAsync("/api/admin/v1/usage");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, after.StatusCode);
        await page.Context.CloseAsync();
    }
}
