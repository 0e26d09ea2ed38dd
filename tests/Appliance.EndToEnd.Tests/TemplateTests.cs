using System.Text.RegularExpressions;
using Appliance.Client.Cli;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// Issue 4's template path through the real <c>rms</c> verbs: an administrator makes a department template for
/// sales; a sales member sees it and protects with it, someone outside sales neither sees nor uses it, and a
/// member of the grant opens the file.
/// </summary>
public sealed partial class TemplateTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-templates-").FullName;
    private string _server = string.Empty;

    public Task InitializeAsync()
    {
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<RmsRunner> SignedInAsync(string name, string user, string password)
    {
        var rms = new RmsRunner(Path.Combine(_work, "home-" + name));
        (await rms.RunWithInputAsync(password + "\n", "login", "--server", _server, "--user", user, "--password-stdin")).Succeeded();
        return rms;
    }

    [GeneratedRegex(@"\(([0-9a-f-]{36})\)")]
    private static partial Regex IdInParentheses();

    [Fact]
    public async Task DepartmentTemplate_AddedWithRms_SalesProtectsOthersRefusedGranteeOpens()
    {
        // Arrange - everything set up with rms: organisation, people, the sales group (bob through a nested group).
        var admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);
        (await admin.RunAsync("admin", "activate", "--org", "Contoso", "--region", "emea", "--domain", "contoso.test")).Succeeded();
        foreach (var name in new[] { "alice", "bob", "eve" })
        {
            (await admin.RunWithInputAsync($"password of {name} 123\n", "admin", "user", "add", $"{name}@contoso.test", "--password-stdin")).Succeeded();
        }

        (await admin.RunAsync("admin", "group", "add", "sales@contoso.test")).Succeeded();
        (await admin.RunAsync("admin", "group", "add", "emea-sales@contoso.test")).Succeeded();
        (await admin.RunAsync("admin", "group", "member", "add", "sales@contoso.test", "alice@contoso.test")).Succeeded();
        (await admin.RunAsync("admin", "group", "member", "add", "sales@contoso.test", "emea-sales@contoso.test")).Succeeded();
        (await admin.RunAsync("admin", "group", "member", "add", "emea-sales@contoso.test", "bob@contoso.test")).Succeeded();

        // Act 1 - the department template.
        var added = (await admin.RunAsync("admin", "template", "add", "--tenant", "contoso.test",
            "--name", "en-US=Sales Confidential", "--name", "de-DE=Vertrieb vertraulich",
            "--description", "en-US=Only the sales team", "--description", "de-DE=Nur der Vertrieb",
            "--grant", "sales@contoso.test=Viewer", "--expires", "30d", "--offline", "3d", "--scope", "sales@contoso.test")).Succeeded();
        var templateId = IdInParentheses().Match(added.Output).Groups[1].Value;
        var listed = (await admin.RunAsync("admin", "template", "list", "--tenant", "contoso.test")).Succeeded();

        var alice = await SignedInAsync("alice", "alice@contoso.test", "password of alice 123");
        var bob = await SignedInAsync("bob", "bob@contoso.test", "password of bob 123");
        var eve = await SignedInAsync("eve", "eve@contoso.test", "password of eve 123");
        var aliceSees = (await alice.RunAsync("templates")).Succeeded();
        var eveSees = (await eve.RunAsync("templates")).Succeeded();

        // Act 2 - protect with it, by name; eve tries the same.
        var plan = Path.Combine(_work, "plan.txt");
        await File.WriteAllTextAsync(plan, "sales plan for 2031\n");
        var protect = (await alice.RunAsync("protect", plan, "--template", "sales confidential")).Succeeded();
        var protectedPlan = Path.Combine(_work, "plan.ptxt");
        var evePlan = Path.Combine(_work, "eve.txt");
        await File.WriteAllTextAsync(evePlan, "not for sales\n");
        var eveProtect = await eve.RunAsync("protect", evePlan, "--template", "Sales Confidential");
        var eveById = await eve.RunAsync("protect", evePlan, "--template", templateId);

        // Act 3 - bob (in the grant, through emea-sales) opens; eve does not.
        var bobView = await bob.RunAsync("view", protectedPlan);
        var eveView = await eve.RunAsync("view", protectedPlan);

        // Assert
        Assert.Matches("^[0-9a-f-]{36}$", templateId);
        Assert.Contains($"{templateId}\tpublished\tSales Confidential\tsales@contoso.test", listed.Output, StringComparison.Ordinal);
        Assert.Contains("Sales Confidential\t" + templateId, aliceSees.Output, StringComparison.Ordinal);
        Assert.Contains("Contoso - Confidential\t", aliceSees.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Sales Confidential", eveSees.Output, StringComparison.Ordinal);
        Assert.Contains("Contoso - Confidential View Only\t", eveSees.Output, StringComparison.Ordinal);

        Assert.Contains("with the template 'Sales Confidential'", protect.Output, StringComparison.Ordinal);
        var document = await _node.QueryAsync(db => db.ProtectedDocuments.AsNoTracking().SingleAsync());
        Assert.Equal(Guid.Parse(templateId), document.TemplateId);

        foreach (var refused in new[] { eveProtect, eveById })
        {
            Assert.NotEqual(ExitCodes.Success, refused.ExitCode);
            Assert.Single(refused.Stderr.Trim().Split('\n'));
            Assert.Contains("is available to you", refused.Stderr, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(_work, "eve.ptxt")));
        bobView.Succeeded();
        Assert.Equal("sales plan for 2031\n", bobView.Output);
        Assert.Equal(ExitCodes.AccessDenied, eveView.ExitCode);
    }

    [Fact]
    public async Task UsedTemplate_DeleteRefusedArchiveStopsProtectionButContentOpens()
    {
        // Arrange
        await _node.ActivateTenantAsync("Fabrikam", "emea", "fabrikam.test");
        await _node.AddUserAsync("alice@fabrikam.test", "password of alice 123");
        var admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);
        var added = (await admin.RunAsync("admin", "template", "add", "--tenant", "fabrikam.test",
            "--name", "en=Everyone reads", "--description", "en=The whole organisation may read",
            "--grant", "organization=VIEW", "--offline", "never")).Succeeded();
        var templateId = IdInParentheses().Match(added.Output).Groups[1].Value;
        var alice = await SignedInAsync("alice", "alice@fabrikam.test", "password of alice 123");
        var memo = Path.Combine(_work, "memo.txt");
        await File.WriteAllTextAsync(memo, "memo\n");
        (await alice.RunAsync("protect", memo, "--template", "Everyone reads")).Succeeded();

        // Act
        var delete = await admin.RunAsync("admin", "template", "delete", templateId);
        (await admin.RunAsync("admin", "template", "archive", templateId)).Succeeded();
        var again = await alice.RunAsync("protect", memo, "--template", "Everyone reads", "-o", Path.Combine(_work, "memo2.ptxt"));
        var reopen = await alice.RunAsync("view", Path.Combine(_work, "memo.ptxt"));
        var shown = (await admin.RunAsync("admin", "template", "show", templateId)).Succeeded();

        // Assert
        Assert.Equal(ExitCodes.Failure, delete.ExitCode);
        Assert.Contains("archive it instead", delete.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(ExitCodes.Success, again.ExitCode);
        Assert.False(File.Exists(Path.Combine(_work, "memo2.ptxt")));
        reopen.Succeeded();
        Assert.Equal("memo\n", reopen.Output);
        Assert.Contains("status: archived, used", shown.Output, StringComparison.Ordinal);
        Assert.Contains("grant: organization=VIEW", shown.Output, StringComparison.Ordinal);
    }
}
