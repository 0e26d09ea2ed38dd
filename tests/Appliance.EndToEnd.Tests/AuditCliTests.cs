using Appliance.Client.Cli;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>`rms admin audit`: the usage log of real protect and open requests verifies, and stops verifying once edited.</summary>
public sealed class AuditCliTests : RmsNodeTest
{
    public override async Task InitializeAsync()
    {
        await Node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await Node.AddUserAsync("alice@contoso.test", "password of alice 1");
        await Node.AddUserAsync("bob@contoso.test", "password of bob 123");
    }

    [Fact]
    public async Task Verify_RealRequests_IntactUntilAnEntryIsEdited()
    {
        // Arrange - alice protects for bob, who opens it: the open is the entry someone would want gone.
        var admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);
        var alice = await SignedInAsync("alice", "alice@contoso.test", "password of alice 1");
        var bob = await SignedInAsync("bob", "bob@contoso.test", "password of bob 123");
        var file = Path.Combine(Work, "plan.txt");
        await File.WriteAllTextAsync(file, "the plan\n");
        (await alice.RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW", "--offline-days", "0")).Succeeded();
        (await bob.RunAsync("view", Path.Combine(Work, "plan.ptxt"))).Succeeded();

        // Act
        var checkpoint = await admin.RunAsync("admin", "audit", "checkpoint");
        var intact = await admin.RunAsync("admin", "audit", "verify", "--tenant", "Contoso");
        var open = await Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .SingleAsync(e => e.RequestType == "AcquireLicense" && e.UserEmail == "bob@contoso.test"));
        await Node.QueryAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "UsageLog" SET "UserEmail" = 'carol@contoso.test' WHERE "Id" = {open.Id}"""));
        var broken = await admin.RunAsync("admin", "audit", "verify");

        // Assert
        Assert.StartsWith("checkpoint: ", checkpoint.Succeeded().Output, StringComparison.Ordinal);
        Assert.StartsWith("Contoso: intact, entries 1-", intact.Succeeded().Output, StringComparison.Ordinal);
        Assert.Contains("1 checkpoint(s)", intact.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.AuditFailed, broken.ExitCode);
        Assert.Contains($"Contoso: BROKEN (altered): Entry {open.Sequence} (row {open.Id}, AcquireLicense at ", broken.Output, StringComparison.Ordinal);
    }
}
