using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>`rms admin tenant list|show|set`: the portal's organisation page for scripts, against a real node.</summary>
public sealed class TenantSettingsCliTests : RmsNodeTest
{
    public override async Task InitializeAsync()
    {
        await Node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await Node.ActivateTenantAsync("Fabrikam", "emea", "fabrikam.test");
        await Node.AddUserAsync("bob@contoso.test", "password of bob 123");
    }

    [Fact]
    public async Task Set_MaxOfflineDays_ShownAndCapsTheNextLicence()
    {
        // Arrange
        var admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);
        var bob = await SignedInAsync("bob", "bob@contoso.test", "password of bob 123");
        var file = Path.Combine(Work, "plan.txt");
        await File.WriteAllTextAsync(file, "plan");
        (await bob.RunAsync("protect", file, "--grant", "alice@contoso.test=VIEW", "--offline-days", "10")).Succeeded();

        // Act
        var list = (await admin.RunAsync("admin", "tenant", "list")).Succeeded();
        var before = (await admin.RunAsync("admin", "tenant", "show", "--tenant", "contoso.test")).Succeeded();
        var set = (await admin.RunAsync("admin", "tenant", "set", "--tenant", "Contoso", "--max-offline-days", "3")).Succeeded();
        var info = (await bob.RunAsync("info", Path.Combine(Work, "plan.ptxt"))).Succeeded();

        // Assert
        Assert.Equal(["Contoso", "Fabrikam"], list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[1]));
        Assert.Contains("max-offline-days: 30", before.Output, StringComparison.Ordinal);
        Assert.Contains("max-offline-days: 3", set.Output, StringComparison.Ordinal);
        Assert.Equal(3, await Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.MaxOfflineDays).SingleAsync()));
        Assert.Equal(30, await Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Fabrikam").Select(t => t.MaxOfflineDays).SingleAsync()));
        // The policy says 10 days; the licence issued after the change is cut to 3.
        var line = info.Output.Split('\n').Single(l => l.StartsWith("licence valid until: ", StringComparison.Ordinal));
        var until = DateTimeOffset.Parse(line["licence valid until: ".Length..].Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(until, DateTimeOffset.UtcNow.AddDays(3).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(3).AddMinutes(1));
    }

    [Fact]
    public async Task Set_BadInputOrNoRole_OneSentenceAndNonZeroExit()
    {
        // Arrange
        var admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);
        var bob = await SignedInAsync("bob", "bob@contoso.test", "password of bob 123");

        // Act
        var negative = await admin.RunAsync("admin", "tenant", "set", "--tenant", "Contoso", "--max-offline-days", "-1");
        var tooMany = await admin.RunAsync("admin", "tenant", "set", "--tenant", "Contoso", "--max-offline-days", "4000");
        var ambiguous = await admin.RunAsync("admin", "tenant", "set", "--max-offline-days", "5");
        var plainUser = await bob.RunAsync("admin", "tenant", "set", "--tenant", "Contoso", "--max-offline-days", "5");

        // Assert
        Assert.Equal(ExitCodes.Usage, negative.ExitCode);
        Assert.NotEqual(ExitCodes.Success, tooMany.ExitCode);
        Assert.Contains("maxOfflineDays must be between 0", tooMany.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, ambiguous.ExitCode);
        Assert.Contains("--tenant is required", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.AccessDenied, plainUser.ExitCode);
        foreach (var result in new[] { negative, tooMany, ambiguous, plainUser })
        {
            Assert.Single(result.Stderr.Trim().Split('\n'));
        }

        Assert.Equal(30, await Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.MaxOfflineDays).SingleAsync()));
    }
}
