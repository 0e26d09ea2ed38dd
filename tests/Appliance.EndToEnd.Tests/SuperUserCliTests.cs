using Appliance.Client.Cli;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>`rms admin super-users`: an eDiscovery officer opens content not granted to them only while the feature is on.</summary>
public sealed class SuperUserCliTests : RmsNodeTest
{
    public override async Task InitializeAsync()
    {
        await Node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await Node.AddUserAsync("alice@contoso.test", "password of alice 1");
        await Node.AddUserAsync("dana@contoso.test", "password of dana 12");
    }

    [Fact]
    public async Task SuperUser_OpensOthersContentOnlyWhileOn_ActingForTheOwner()
    {
        // Arrange - always ask the appliance, so every open is a fresh decision.
        var admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);
        var alice = await SignedInAsync("alice", "alice@contoso.test", "password of alice 1");
        var dana = await SignedInAsync("dana", "dana@contoso.test", "password of dana 12");
        var file = Path.Combine(Work, "merger.txt");
        await File.WriteAllTextAsync(file, "merger terms\n");
        (await alice.RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW", "--offline-days", "0")).Succeeded();
        var protectedFile = Path.Combine(Work, "merger.ptxt");

        // Act
        var before = await dana.RunAsync("view", protectedFile);
        var added = (await admin.RunAsync("admin", "super-users", "add", "dana@contoso.test")).Succeeded();
        var on = (await admin.RunAsync("admin", "super-users", "on")).Succeeded();
        var viewed = await dana.RunAsync("view", protectedFile);
        var info = await dana.RunAsync("info", protectedFile);
        var off = (await admin.RunAsync("admin", "super-users", "off")).Succeeded();
        var after = await dana.RunAsync("view", protectedFile);

        // Assert
        Assert.Equal(ExitCodes.AccessDenied, before.ExitCode);
        Assert.Equal("dana@contoso.test is a super user of Contoso.\n", added.Output);
        Assert.StartsWith("super-users: on\nmember: dana@contoso.test\tuser\t", on.Output, StringComparison.Ordinal);
        Assert.Equal("merger terms\n", viewed.Succeeded().Output);
        Assert.Contains("acting as: alice@contoso.test", info.Succeeded().Output, StringComparison.Ordinal);
        Assert.StartsWith("super-users: off", off.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.AccessDenied, after.ExitCode);
        Assert.Single(after.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task SuperUser_UnprotectRecursive_RecoversEveryFileOfAFolder()
    {
        // Arrange - alice's folder, none of it granted to dana.
        var admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);
        var alice = await SignedInAsync("alice", "alice@contoso.test", "password of alice 1");
        var dana = await SignedInAsync("dana", "dana@contoso.test", "password of dana 12");
        var folder = Directory.CreateDirectory(Path.Combine(Work, "share", "2026")).Parent!.FullName;
        foreach (var (name, text) in new[] { ("a.txt", "first\n"), (Path.Combine("2026", "b.txt"), "second\n") })
        {
            var plain = Path.Combine(folder, name);
            await File.WriteAllTextAsync(plain, text);
            (await alice.RunAsync("protect", plain, "--grant", "bob@contoso.test=VIEW")).Succeeded();
            File.Delete(plain);
        }

        (await admin.RunAsync("admin", "super-users", "add", "dana@contoso.test")).Succeeded();
        (await admin.RunAsync("admin", "super-users", "on")).Succeeded();
        var output = Path.Combine(Work, "recovered");

        // Act
        var result = await dana.RunAsync("unprotect", "--recursive", folder, "-o", output);

        // Assert
        Assert.Equal("2 unprotected, 0 refused, 0 skipped, 0 failed", result.Succeeded().Output.Trim().Split('\n')[^1]);
        Assert.Equal("first\n", await File.ReadAllTextAsync(Path.Combine(output, "a.txt")));
        Assert.Equal("second\n", await File.ReadAllTextAsync(Path.Combine(output, "2026", "b.txt")));
        var acting = await Node.QueryAsync(db => db.UsageLog.CountAsync(e => e.UserEmail == "dana@contoso.test" && e.ActingAs == "alice@contoso.test"));
        Assert.Equal(2, acting);
    }

    [Fact]
    public async Task Add_NotAnAddressOrUnknown_UsageOrNotFound()
    {
        var admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);

        var notAddress = await admin.RunAsync("admin", "super-users", "add", "dana");
        var unknown = await admin.RunAsync("admin", "super-users", "add", "nobody@contoso.test");

        Assert.Equal(ExitCodes.Usage, notAddress.ExitCode);
        Assert.NotEqual(ExitCodes.Success, unknown.ExitCode);
        Assert.Contains("nobody@contoso.test is neither a user nor a group", unknown.Stderr, StringComparison.Ordinal);
    }
}
