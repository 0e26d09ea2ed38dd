using System.Net.Http.Json;
using Appliance.Crypto.Protocol;
using Appliance.EndToEnd.Tests;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Appliance.Browser.Tests;

/// <summary>
/// Issue 4's department template made in the wizard of a real browser, then used from the real <c>rms</c>: a member
/// of the department sees it and protects with it, someone outside does not see it. Each step is a screenshot.
/// </summary>
public sealed class TemplateWizardBrowserTests(BrowserNode fixture) : IClassFixture<BrowserNode>, IDisposable
{
    private static readonly string _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-browser-templates-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Wizard_DepartmentTemplate_MemberProtectsWithItOutsiderDoesNotSeeIt()
    {
        // Arrange - legal has alice; eve is outside it.
        await fixture.AddUserAsync("alice@contoso.test");
        await fixture.AddUserAsync("eve@contoso.test");
        using (var group = await fixture.Admin.PostAsJsonAsync("/api/admin/v1/groups", new CreateGroupRequest("legal@contoso.test", "Legal")))
        {
            Assert.True(group.IsSuccessStatusCode, await group.Content.ReadAsStringAsync());
        }

        using (var member = await fixture.Admin.PostAsJsonAsync("/api/admin/v1/groups/legal@contoso.test/members", new AddMemberRequest("alice@contoso.test")))
        {
            Assert.True(member.IsSuccessStatusCode, await member.Content.ReadAsStringAsync());
        }

        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 1000);
        await PortalPages.SignInAsync(page, "admin", ApplianceFactory.AdminPassword);

        // Act - the wizard, step by step.
        await page.GetByRole(AriaRole.Link, new() { Name = "Templates", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("template-name").First).ToHaveTextAsync("Contoso - Confidential (default)");
        await page.GetByTestId("new-template").ClickAsync();
        await Expect(page.GetByTestId("step-heading")).ToHaveTextAsync("Step 1 of 5: Names and descriptions");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Legal <Confidential>");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Only the legal department.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(page.Locator("[data-field='names[0].text']")).ToContainTextAsync("'<'");
        await ShotAsync(page, "wizard-1-names-error");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Legal Confidential");
        await ShotAsync(page, "wizard-1-names");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(page.GetByTestId("step-heading")).ToHaveTextAsync("Step 2 of 5: Rights");
        await page.GetByLabel("User or group e-mail").FillAsync("legal@contoso.test");
        await page.GetByLabel("Role").SelectOptionAsync(TemplatePresets.Editor);
        await ShotAsync(page, "wizard-2-rights");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(page.GetByTestId("step-heading")).ToHaveTextAsync("Step 3 of 5: Expiry and offline access");
        await Expect(page.GetByTestId("max-offline")).ToHaveTextAsync("30");
        await page.Locator("#offline-days").FillAsync("3");
        await ShotAsync(page, "wizard-3-expiry");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(page.GetByTestId("step-heading")).ToHaveTextAsync("Step 4 of 5: Scope and status");
        await page.GetByLabel("Only members of these groups").CheckAsync();
        await page.GetByLabel("Group e-mails").FillAsync("legal@contoso.test");
        await ShotAsync(page, "wizard-4-scope");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(page.GetByTestId("step-heading")).ToHaveTextAsync("Step 5 of 5: Review and save");
        await Expect(page.GetByTestId("review-scope")).ToHaveTextAsync("Members of legal@contoso.test");
        await Expect(page.GetByTestId("review-grant")).ToHaveTextAsync("Editor");
        await ShotAsync(page, "wizard-5-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save template" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("The template 'Legal Confidential' was saved.");
        await ShotAsync(page, "templates");
        await page.Context.CloseAsync();

        // Act - the template from rms, for a member and for someone outside legal.
        var server = fixture.Node.BaseAddress.ToString().TrimEnd('/');
        var alice = await SignedInAsync(server, "alice", "alice@contoso.test");
        var eve = await SignedInAsync(server, "eve", "eve@contoso.test");
        var aliceSees = (await alice.RunAsync("templates")).Succeeded();
        var eveSees = (await eve.RunAsync("templates")).Succeeded();
        var brief = Path.Combine(_work, "brief.txt");
        await File.WriteAllTextAsync(brief, "privileged\n");
        var protect = (await alice.RunAsync("protect", brief, "--template", "Legal Confidential")).Succeeded();

        // Assert
        var template = (await fixture.Node.QueryAsync(db => db.Templates.AsNoTracking().Where(t => t.TenantId == fixture.ContosoId).ToListAsync()))
            .Single(t => t.Texts.Any(x => x.Name == "Legal Confidential"));
        Assert.Equal(["legal@contoso.test"], template.ScopeGroups);
        Assert.Equal(3, template.OfflineDays);
        Assert.Contains("Legal Confidential\t" + template.Id, aliceSees.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Legal Confidential", eveSees.Output, StringComparison.Ordinal);
        Assert.Contains("Contoso - Confidential\t", eveSees.Output, StringComparison.Ordinal);
        Assert.Contains("with the template 'Legal Confidential'", protect.Output, StringComparison.Ordinal);
        Assert.Equal(template.Id, await fixture.Node.QueryAsync(db => db.ProtectedDocuments.AsNoTracking().Select(d => d.TemplateId).SingleAsync()));
        Assert.All(
            new[] { "wizard-1-names-error", "wizard-1-names", "wizard-2-rights", "wizard-3-expiry", "wizard-4-scope", "wizard-5-review", "templates" },
            name => Assert.True(new FileInfo(Path.Combine(_screenshots, name + ".png")).Length > 1000, name));
    }

    private async Task<RmsRunner> SignedInAsync(string server, string name, string user)
    {
        var rms = new RmsRunner(Path.Combine(_work, "home-" + name));
        (await rms.RunWithInputAsync(BrowserNode.PasswordOf(user) + "\n", "login", "--server", server, "--user", user, "--password-stdin")).Succeeded();
        return rms;
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(_screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, name + ".png"), FullPage = true });
    }
}
