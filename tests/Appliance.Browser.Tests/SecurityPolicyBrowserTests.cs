using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Appliance.Browser.Tests;

/// <summary>A node of its own: the policy it turns on binds every administrator of the node.</summary>
public sealed class SecurityPolicyBrowserTests(BrowserNode fixture) : IClassFixture<BrowserNode>
{
    [Fact]
    public async Task Policy_TurnedOn_AdministratorMustEnrolBeforeTheNextAdminPage()
    {
        // Arrange
        const string Email = "olga@contoso.test";
        await fixture.AddUserAsync(Email, "Administrator");
        var page = await fixture.NewPageAsync();
        await PortalPages.SignInAsync(page, Email, BrowserNode.PasswordOf(Email));

        // Act - turn the policy on, then try another admin page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await page.GetByLabel("Require a second factor").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("administrators now need a second factor");
        await page.GotoAsync("/admin/roles");

        // Assert - sent to enrol, and once enrolled back to the page.
        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor\\?returnUrl=%2Fadmin%2Froles$"));
        await Expect(page.GetByTestId("enrolment-required")).ToBeVisibleAsync();
        await PortalPages.EnrolAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/roles$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Roles", Exact = true })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
