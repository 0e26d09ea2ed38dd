using Appliance.Client.Cli;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>`rms admin user lock|unlock`: the same lock as the portal's users page, for scripts.</summary>
public sealed class UserLockTests : RmsNodeTest
{
    public override async Task InitializeAsync()
    {
        await Node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await Node.AddUserAsync("bob@contoso.test", "password of bob 123");
    }

    [Fact]
    public async Task LockThenUnlock_StopsTheUserAtOnceAndLetsThemBackIn()
    {
        var admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);
        var bob = await SignedInAsync("bob", "bob@contoso.test", "password of bob 123");
        var file = Path.Combine(Work, "notes.txt");
        await File.WriteAllTextAsync(file, "notes");

        var locked = (await admin.RunAsync("admin", "user", "lock", "bob@contoso.test")).Succeeded();
        var refused = await bob.RunAsync("protect", file, "--grant", "alice@contoso.test=VIEW");
        var relogin = await new RmsRunner(Path.Combine(Work, "bob2")).RunWithInputAsync(
            "password of bob 123\n", "login", "--server", Server, "--user", "bob@contoso.test", "--password-stdin");
        (await admin.RunAsync("admin", "user", "unlock", "bob@contoso.test")).Succeeded();
        var again = await SignedInAsync("bob3", "bob@contoso.test", "password of bob 123");

        Assert.Contains("bob@contoso.test is locked.", locked.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unauthenticated, refused.ExitCode);
        Assert.Equal(ExitCodes.Unauthenticated, relogin.ExitCode);
        Assert.Single(relogin.Stderr.Trim().Split('\n'));
        (await again.RunAsync("protect", file, "--grant", "alice@contoso.test=VIEW")).Succeeded();
        var actions = await Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.AdminAction != null && e.AdminAction.Contains("bob@contoso.test") && e.Result == UsageResult.Granted)
            .Select(e => e.AdminAction!).ToListAsync());
        Assert.Contains("LockUser bob@contoso.test", actions);
        Assert.Contains("UnlockUser bob@contoso.test", actions);
    }

    [Fact]
    public async Task Lock_UnknownUser_SaysSoInOneSentence()
    {
        var admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);

        var result = await admin.RunAsync("admin", "user", "lock", "nobody@contoso.test");

        Assert.NotEqual(ExitCodes.Success, result.ExitCode);
        Assert.Contains("There is no user nobody@contoso.test", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }
}
