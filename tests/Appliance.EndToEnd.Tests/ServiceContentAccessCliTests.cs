using Appliance.Client.Cli;
using Appliance.Web.Tests.Support;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// A search indexer through `rms`: created and authorised with `rms admin service`, signed in with client
/// credentials, it reads what it is authorised for and nothing more.
/// </summary>
public sealed class ServiceContentAccessCliTests : RmsNodeTest
{
    public override async Task InitializeAsync()
    {
        await Node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await Node.AddUserAsync("alice@contoso.test", "password of alice 1");
    }

    [Fact]
    public async Task Indexer_ReadsOnlyWhileAuthorised_ViewButNotExport_CannotProtect()
    {
        // Arrange
        var admin = new RmsRunner(Path.Combine(Work, "admin"));
        (await admin.RunWithInputAsync(ApplianceFactory.AdminPassword + "\n", "login", "--server", Server, "--user", "admin", "--password-stdin")).Succeeded();
        var alice = new RmsRunner(Path.Combine(Work, "alice"));
        (await alice.RunWithInputAsync("password of alice 1\n", "login", "--server", Server, "--user", "alice@contoso.test", "--password-stdin")).Succeeded();
        var file = Path.Combine(Work, "report.txt");
        await File.WriteAllTextAsync(file, "quarterly report\n");
        (await alice.RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW", "--offline-days", "0")).Succeeded();
        var protectedFile = Path.Combine(Work, "report.ptxt");
        var created = (await admin.RunAsync("admin", "service", "add", "indexer")).Succeeded().Output.Split('\n');
        var secret = created.Single(l => l.StartsWith("client-secret: ", StringComparison.Ordinal))["client-secret: ".Length..];
        var indexer = new RmsRunner(Path.Combine(Work, "indexer"));
        (await indexer.RunWithInputAsync(secret + "\n", "login", "--server", Server, "--client-id", "svc-indexer", "--client-secret-stdin")).Succeeded();

        // Act
        var before = await indexer.RunAsync("view", protectedFile);
        var set = (await admin.RunAsync("admin", "service", "access", "set", "svc-indexer", "--tenant", "Contoso")).Succeeded();
        var viewed = await indexer.RunAsync("view", protectedFile);
        var unprotect = await indexer.RunAsync("unprotect", protectedFile, "-o", Path.Combine(Work, "plain.txt"));
        var protect = await indexer.RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW", "-o", Path.Combine(Work, "by-indexer.ptxt"));
        var list = (await admin.RunAsync("admin", "service", "access", "list", "svc-indexer")).Succeeded();
        (await admin.RunAsync("admin", "service", "access", "remove", "svc-indexer", "--tenant", "Contoso")).Succeeded();
        var after = await indexer.RunAsync("view", protectedFile);

        // Assert
        Assert.Equal(ExitCodes.AccessDenied, before.ExitCode);
        Assert.Contains("\tall\tVIEW,EXTRACT\t", set.Output, StringComparison.Ordinal);
        Assert.Equal("quarterly report\n", viewed.Succeeded().Output);
        Assert.Equal(ExitCodes.AccessDenied, unprotect.ExitCode);
        Assert.Contains("EXPORT", unprotect.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Work, "plain.txt")));
        Assert.Equal(ExitCodes.AccessDenied, protect.ExitCode);
        Assert.Contains("cannot protect", protect.Stderr, StringComparison.Ordinal);
        Assert.Equal(set.Output, list.Output);
        Assert.Equal(ExitCodes.AccessDenied, after.ExitCode);
        foreach (var home in new[] { indexer.Home, admin.Home })
        {
            foreach (var stored in Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain(secret, await File.ReadAllTextAsync(stored), StringComparison.Ordinal);
            }
        }
    }
}
