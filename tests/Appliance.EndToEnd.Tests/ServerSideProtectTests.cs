using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>`rms protect --server-side`: a device without user keys protects through the appliance.</summary>
public sealed class ServerSideProtectTests : RmsNodeTest
{
    public override async Task InitializeAsync()
    {
        await Node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await Node.AddUserAsync("carol@contoso.test", "password of carol 1");
        await Node.AddUserAsync("bob@contoso.test", "password of bob 123");
    }

    [Fact]
    public async Task ServerSide_DeviceWithoutUserKeys_ProtectsAndTheRecipientOpens()
    {
        // Arrange - a phone-like device: signed in, but with its user keys gone.
        var carol = await SignedInAsync("carol", "carol@contoso.test", "password of carol 1");
        var bob = await SignedInAsync("bob", "bob@contoso.test", "password of bob 123");
        File.Delete(Path.Combine(carol.Home, ProfileStore.UserKeyFileName));
        File.Delete(Path.Combine(carol.Home, ProfileStore.IdentityFileName));
        var file = Path.Combine(Work, "memo.txt");
        await File.WriteAllTextAsync(file, "the memo\n");

        // Act
        var clientSide = await carol.RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW", "-o", Path.Combine(Work, "client.ptxt"));
        var serverSide = await carol.RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW", "--server-side");
        var viewed = await bob.RunAsync("view", Path.Combine(Work, "memo.ptxt"));
        var unprotect = await bob.RunAsync("unprotect", Path.Combine(Work, "memo.ptxt"), "-o", Path.Combine(Work, "out.txt"));

        // Assert
        Assert.NotEqual(ExitCodes.Success, clientSide.ExitCode);
        Assert.False(File.Exists(Path.Combine(Work, "client.ptxt")));
        serverSide.Succeeded();
        Assert.Equal("the memo\n", viewed.Succeeded().Output);
        Assert.Equal(ExitCodes.AccessDenied, unprotect.ExitCode);
        Assert.Contains("EXPORT", unprotect.Stderr, StringComparison.Ordinal);
        var document = await Node.QueryAsync(db => db.ProtectedDocuments.AsNoTracking().SingleAsync());
        Assert.Equal(("carol@contoso.test", "memo.txt"), (document.OwnerEmail, document.FileName));
        Assert.Equal(1, await Node.QueryAsync(db => db.UsageLog.CountAsync(e => e.RequestType == "ServerSidePublish" && e.ContentId == document.ContentId)));
    }

    [Fact]
    public async Task ServerSide_WithTemplate_TheTemplatesPolicy()
    {
        // Arrange
        var carol = await SignedInAsync("carol", "carol@contoso.test", "password of carol 1");
        var bob = await SignedInAsync("bob", "bob@contoso.test", "password of bob 123");
        var file = Path.Combine(Work, "plan.txt");
        await File.WriteAllTextAsync(file, "the plan\n");

        // Act - the default view-only template grants every user of Contoso.
        (await carol.RunAsync("protect", file, "--template", "Contoso - Confidential View Only", "--server-side")).Succeeded();
        var info = (await bob.RunAsync("info", Path.Combine(Work, "plan.ptxt"))).Succeeded();

        // Assert
        Assert.Contains("template: Contoso - Confidential View Only", info.Output, StringComparison.Ordinal);
        Assert.Contains("owner: carol@contoso.test", info.Output, StringComparison.Ordinal);
    }
}
