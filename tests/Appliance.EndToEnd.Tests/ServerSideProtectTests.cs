using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>`rms protect --server-side`: a device without user keys protects through the appliance.</summary>
public sealed class ServerSideProtectTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-").FullName;
    private string _server = string.Empty;

    public async Task InitializeAsync()
    {
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await _node.AddUserAsync("carol@contoso.test", "password of carol 1");
        await _node.AddUserAsync("bob@contoso.test", "password of bob 123");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<RmsRunner> SignedInAsync(string name, string user, string password)
    {
        var rms = new RmsRunner(Path.Combine(_work, name));
        (await rms.RunWithInputAsync(password + "\n", "login", "--server", _server, "--user", user, "--password-stdin")).Succeeded();
        return rms;
    }

    [Fact]
    public async Task ServerSide_DeviceWithoutUserKeys_ProtectsAndTheRecipientOpens()
    {
        // Arrange - a phone-like device: signed in, but with its user keys gone.
        var carol = await SignedInAsync("carol", "carol@contoso.test", "password of carol 1");
        var bob = await SignedInAsync("bob", "bob@contoso.test", "password of bob 123");
        File.Delete(Path.Combine(carol.Home, ProfileStore.UserKeyFileName));
        File.Delete(Path.Combine(carol.Home, ProfileStore.IdentityFileName));
        var file = Path.Combine(_work, "memo.txt");
        await File.WriteAllTextAsync(file, "the memo\n");

        // Act
        var clientSide = await carol.RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW", "-o", Path.Combine(_work, "client.ptxt"));
        var serverSide = await carol.RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW", "--server-side");
        var viewed = await bob.RunAsync("view", Path.Combine(_work, "memo.ptxt"));
        var unprotect = await bob.RunAsync("unprotect", Path.Combine(_work, "memo.ptxt"), "-o", Path.Combine(_work, "out.txt"));

        // Assert
        Assert.NotEqual(ExitCodes.Success, clientSide.ExitCode);
        Assert.False(File.Exists(Path.Combine(_work, "client.ptxt")));
        serverSide.Succeeded();
        Assert.Equal("the memo\n", viewed.Succeeded().Output);
        Assert.Equal(ExitCodes.AccessDenied, unprotect.ExitCode);
        Assert.Contains("EXPORT", unprotect.Stderr, StringComparison.Ordinal);
        var document = await _node.QueryAsync(db => db.ProtectedDocuments.AsNoTracking().SingleAsync());
        Assert.Equal(("carol@contoso.test", "memo.txt"), (document.OwnerEmail, document.FileName));
        Assert.Equal(1, await _node.QueryAsync(db => db.UsageLog.CountAsync(e => e.RequestType == "ServerSidePublish" && e.ContentId == document.ContentId)));
    }

    [Fact]
    public async Task ServerSide_WithTemplate_TheTemplatesPolicy()
    {
        // Arrange
        var carol = await SignedInAsync("carol", "carol@contoso.test", "password of carol 1");
        var bob = await SignedInAsync("bob", "bob@contoso.test", "password of bob 123");
        var file = Path.Combine(_work, "plan.txt");
        await File.WriteAllTextAsync(file, "the plan\n");

        // Act - the default view-only template grants every user of Contoso.
        (await carol.RunAsync("protect", file, "--template", "Contoso - Confidential View Only", "--server-side")).Succeeded();
        var info = (await bob.RunAsync("info", Path.Combine(_work, "plan.ptxt"))).Succeeded();

        // Assert
        Assert.Contains("template: Contoso - Confidential View Only", info.Output, StringComparison.Ordinal);
        Assert.Contains("owner: carol@contoso.test", info.Output, StringComparison.Ordinal);
    }
}
