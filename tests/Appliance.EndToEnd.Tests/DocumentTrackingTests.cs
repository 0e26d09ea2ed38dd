using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// `rms documents`, `rms track`, `rms revoke` and `rms unrevoke`, and the refusals of expired and revoked content as
/// `rms` users meet them. Documents are protected with --offline-days 0, so every open asks the appliance.
/// </summary>
public sealed class DocumentTrackingTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-").FullName;
    private string _server = string.Empty;
    private RmsRunner _admin = null!;
    private RmsRunner _alice = null!;
    private RmsRunner _bob = null!;
    private RmsRunner _eve = null!;

    public async Task InitializeAsync()
    {
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        foreach (var name in new[] { "alice", "bob", "eve" })
        {
            await _node.AddUserAsync($"{name}@contoso.test", $"password of {name} 123");
        }

        _admin = await SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);
        _alice = await SignedInAsync("alice", "alice@contoso.test", "password of alice 123");
        _bob = await SignedInAsync("bob", "bob@contoso.test", "password of bob 123");
        _eve = await SignedInAsync("eve", "eve@contoso.test", "password of eve 123");
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

    /// <summary>Alice protects a text file for bob (VIEW); returns the protected file's path and its content id.</summary>
    private async Task<(string File, Guid ContentId)> ProtectAsync(string name, params string[] extra)
    {
        var text = Path.Combine(_work, name + ".txt");
        await File.WriteAllTextAsync(text, $"{name}\n");
        (await _alice.RunAsync(["protect", text, "--grant", "bob@contoso.test=VIEW", "--offline-days", "0", .. extra])).Succeeded();
        var protectedFile = Path.Combine(_work, name + ".ptxt");
        await using var stream = File.OpenRead(protectedFile);
        return (protectedFile, (await RmsClient.ReadHeaderAsync(stream)).ContentId);
    }

    [Fact]
    public async Task Track_Owner_SeesTheOpenAndTheRefusalWithUserAndAddress()
    {
        // Arrange - bob opens the document, eve (no grant) is refused.
        var (file, contentId) = await ProtectAsync("minutes");
        (await _bob.RunAsync("view", file)).Succeeded();
        Assert.Equal(ExitCodes.AccessDenied, (await _eve.RunAsync("view", file)).ExitCode);

        // Act
        var byFile = (await _alice.RunAsync("track", file)).Succeeded();
        var byId = (await _alice.RunAsync("track", contentId.ToString())).Succeeded();
        var byEve = await _eve.RunAsync("track", file);

        // Assert
        var lines = byFile.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"content id: {contentId}", lines);
        Assert.Contains("file name: minutes.txt", lines);
        Assert.Contains("owner: alice@contoso.test", lines);
        Assert.Contains("revoked: no", lines);
        var events = lines.Where(l => l.Contains('\t', StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();
        Assert.Equal(
            [
                ["eve@contoso.test", "AcquireLicense", "Denied", "127.0.0.1", ProblemCodes.AccessDenied],
                ["bob@contoso.test", "AcquireLicense", "Granted", "127.0.0.1", "-"],
                ["alice@contoso.test", "Publish", "Granted", "127.0.0.1", "-"],
            ],
            events.Select(e => e[1..]));
        Assert.All(events, e => DateTimeOffset.ParseExact(e[0], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Assert.Equal(byFile.Output, byId.Output);
        Assert.Equal(ExitCodes.AccessDenied, byEve.ExitCode);
        Assert.Equal(
            "Only the document's owner, an administrator or an auditor can see its tracking; eve@contoso.test is none of them.",
            byEve.Stderr.Trim());
    }

    [Fact]
    public async Task RevokeAndUnrevoke_OwnerAndAdministrator_StopAndRestoreTheRecipient()
    {
        // Arrange
        var (file, contentId) = await ProtectAsync("plan");
        (await _bob.RunAsync("view", file)).Succeeded();

        // Act
        var revoked = (await _alice.RunAsync("revoke", file)).Succeeded();
        var bobRevoked = await _bob.RunAsync("view", file);
        var aliceRevoked = await _alice.RunAsync("view", file);
        var tracked = (await _alice.RunAsync("track", file)).Succeeded();
        var unrevoked = (await _admin.RunAsync("unrevoke", contentId.ToString())).Succeeded();
        var bobAgain = await _bob.RunAsync("view", file);
        var byAdmin = (await _admin.RunAsync("revoke", contentId.ToString())).Succeeded();
        var bobByAdmin = await _bob.RunAsync("view", file);

        // Assert
        Assert.StartsWith($"plan.txt (content id {contentId}) is revoked (by alice@contoso.test on ", revoked.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.AccessDenied, bobRevoked.ExitCode);
        Assert.Matches(@"^The document was revoked by alice@contoso\.test on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.$", bobRevoked.Stderr.Trim());
        Assert.Equal("plan\n", aliceRevoked.Succeeded().Output);
        Assert.Contains("revoked: ", tracked.Output, StringComparison.Ordinal);
        Assert.Contains("by alice@contoso.test", tracked.Output, StringComparison.Ordinal);
        Assert.Contains("\tbob@contoso.test\tAcquireLicense\tDenied\t127.0.0.1\tcontent-revoked", tracked.Output, StringComparison.Ordinal);
        Assert.Contains("\talice@contoso.test\tRevokeAccess\tGranted\t", tracked.Output, StringComparison.Ordinal);
        Assert.Contains("is not revoked", unrevoked.Output, StringComparison.Ordinal);
        Assert.Equal("plan\n", bobAgain.Succeeded().Output);
        Assert.Contains("is revoked (by admin on ", byAdmin.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.AccessDenied, bobByAdmin.ExitCode);
        Assert.StartsWith("The document was revoked by admin on ", bobByAdmin.Stderr, StringComparison.Ordinal);

        var log = await _node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.ContentId == contentId && (e.RequestType == "RevokeAccess" || e.RequestType == "UnrevokeAccess"))
            .OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(
            [("RevokeAccess", "alice@contoso.test"), ("UnrevokeAccess", "admin"), ("RevokeAccess", "admin")],
            log.Select(e => (e.RequestType, e.UserEmail!)));
        Assert.All(log, e => Assert.Equal(UsageResult.Granted, e.Result));
    }

    [Fact]
    public async Task Revoke_SomeoneElsesDocument_OneSentenceAndExitThree()
    {
        var (file, _) = await ProtectAsync("budget");

        var byBob = await _bob.RunAsync("revoke", file);
        var unknown = await _alice.RunAsync("revoke", Guid.NewGuid().ToString());
        var neither = await _alice.RunAsync("revoke", "not-a-file-or-id");

        Assert.Equal(ExitCodes.AccessDenied, byBob.ExitCode);
        Assert.Equal("Only the document's owner or an administrator can revoke it; bob@contoso.test is neither.", byBob.Stderr.Trim());
        Assert.Equal(ExitCodes.Failure, unknown.ExitCode);
        Assert.StartsWith("No document with content id ", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, neither.ExitCode);
        Assert.Equal("not-a-file-or-id is neither a protected file nor a content id", neither.Stderr.Trim());
        Assert.Equal(ExitCodes.Success, (await _bob.RunAsync("view", file)).ExitCode);
    }

    [Fact]
    public async Task View_AfterExpiry_RecipientRefusedOwnerStillOpens()
    {
        // Arrange - an expiry a few seconds ahead (rms refuses one in the past), then wait for it to pass.
        var expires = DateTimeOffset.UtcNow.AddSeconds(3);
        expires = expires.AddTicks(-(expires.UtcTicks % TimeSpan.TicksPerSecond)).AddSeconds(1);
        var (file, _) = await ProtectAsync("offer", "--expires", expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var wait = expires - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(200));
        }

        // Act
        var bob = await _bob.RunAsync("view", file);
        var alice = await _alice.RunAsync("view", file);

        // Assert
        Assert.Equal(ExitCodes.AccessDenied, bob.ExitCode);
        Assert.Equal(
            $"The document expired on {expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}; only its owner can still open it.",
            bob.Stderr.Trim());
        Assert.Equal("offer\n", alice.Succeeded().Output);
    }

    [Fact]
    public async Task Documents_ListsMineNewestFirst()
    {
        var (_, first) = await ProtectAsync("first");
        var (_, second) = await ProtectAsync("second");
        (await _alice.RunAsync("revoke", second.ToString())).Succeeded();

        var mine = (await _alice.RunAsync("documents")).Succeeded();
        var bobs = (await _bob.RunAsync("documents")).Succeeded();

        var rows = mine.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[1..]).ToList();
        Assert.Equal(
            [[second.ToString(), "second.txt", "-", "revoked"], [first.ToString(), "first.txt", "-", "-"]],
            rows);
        Assert.Empty(bobs.Output);
    }
}
