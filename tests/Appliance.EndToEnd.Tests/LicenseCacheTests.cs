using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Crypto.Container;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// Issue 5, point 3 through the real <c>rms</c> and a real node: a use licence the node allows offline (the default
/// 7 days here) is kept in $RMS_HOME and used while valid, with no request to the node; past its validity, tampered
/// with, or "always ask" (offline days 0), the node is asked. The node's usage log counts the requests.
/// </summary>
public sealed class LicenseCacheTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-cache-").FullName;
    private readonly MovableClock _clock = new(DateTimeOffset.UtcNow);
    private string _server = string.Empty;

    public async Task InitializeAsync()
    {
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await _node.AddUserAsync("alice@contoso.test", "password of alice 123");
        await _node.AddUserAsync("bob@contoso.test", "password of bob 123");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<RmsRunner> SignedInAsync(ApplianceFactory node, string name, string password)
    {
        var rms = new RmsRunner(Path.Combine(_work, "home-" + name + "-" + Guid.NewGuid().ToString("N")[..6])) { Clock = _clock };
        var server = node.BaseAddress.ToString().TrimEnd('/');
        (await rms.RunWithInputAsync(password + "\n", "login", "--server", server, "--user", $"{name}@contoso.test", "--password-stdin")).Succeeded();
        return rms;
    }

    /// <summary>Alice protects a note for bob with <paramref name="extra"/> options; returns bob and the protected file.</summary>
    private async Task<(RmsRunner Bob, string File)> SharedWithBobAsync(ApplianceFactory node, params string[] extra)
    {
        var alice = await SignedInAsync(node, "alice", "password of alice 123");
        var text = Path.Combine(_work, $"note-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(text, "offline note\n");
        (await alice.RunAsync(["protect", text, "--grant", "bob@contoso.test=VIEW", .. extra])).Succeeded();
        return (await SignedInAsync(node, "bob", "password of bob 123"), Path.ChangeExtension(text, ".ptxt"));
    }

    private Task<int> LicencesIssuedToBobAsync() =>
        _node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .CountAsync(e => e.RequestType == "AcquireLicense" && e.UserEmail == "bob@contoso.test" && e.Result == UsageResult.Granted));

    private static async Task<string> CachedPathAsync(RmsRunner rms, string file)
    {
        await using var stream = File.OpenRead(file);
        var header = await ProtectedFile.ReadHeaderAsync(stream, CancellationToken.None);
        return new ProfileStore(rms.Home).Licenses.PathOf(header.ContentId);
    }

    [Fact]
    public async Task View_TwiceWithinValidity_AsksTheNodeOnceAndAgainAfterValidity()
    {
        var (bob, file) = await SharedWithBobAsync(_node);

        var first = await bob.RunAsync("view", file);
        _clock.Advance(TimeSpan.FromDays(6));
        var second = await bob.RunAsync("view", file);
        var afterSecond = await LicencesIssuedToBobAsync();
        var cachedInfo = await bob.RunAsync("info", file);
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var third = await bob.RunAsync("info", file);

        Assert.Equal("offline note\n", first.Succeeded().Output);
        Assert.Equal("offline note\n", second.Succeeded().Output);
        Assert.Equal(1, afterSecond);
        Assert.Contains("licence from: the cache on this device", cachedInfo.Succeeded().Output, StringComparison.Ordinal);
        Assert.Contains("licence from: the appliance", third.Succeeded().Output, StringComparison.Ordinal);
        Assert.Equal(2, await LicencesIssuedToBobAsync());
    }

    [Fact]
    public async Task View_OfflineDaysZero_NeverCachesAndAsksEveryTime()
    {
        var (bob, file) = await SharedWithBobAsync(_node, "--offline-days", "0");

        (await bob.RunAsync("view", file)).Succeeded();
        var info = (await bob.RunAsync("info", file)).Succeeded();

        Assert.Equal(2, await LicencesIssuedToBobAsync());
        Assert.False(File.Exists(await CachedPathAsync(bob, file)));
        Assert.Contains("licence valid until: online use only", info.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task View_CachedLicenceTampered_IsDiscardedAndFetchedAgain()
    {
        var (bob, file) = await SharedWithBobAsync(_node);
        (await bob.RunAsync("view", file)).Succeeded();
        var cached = await CachedPathAsync(bob, file);
        var jws = (await File.ReadAllTextAsync(cached)).ToCharArray();
        jws[^10] = jws[^10] == 'A' ? 'B' : 'A';
        await File.WriteAllTextAsync(cached, new string(jws));

        var view = await bob.RunAsync("view", file);

        Assert.Equal("offline note\n", view.Succeeded().Output);
        Assert.Equal(2, await LicencesIssuedToBobAsync());
        Assert.NotEqual(new string(jws), await File.ReadAllTextAsync(cached));
    }

    [Fact]
    public async Task View_NodeStopped_OpensFromTheCacheWithinValidityAndFailsCleanlyAfter()
    {
        // Arrange - a node of its own, to stop it halfway.
        var node = new ApplianceFactory(regions: ["emea"]);
        var stopped = false;
        try
        {
            await node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
            await node.AddUserAsync("alice@contoso.test", "password of alice 123");
            await node.AddUserAsync("bob@contoso.test", "password of bob 123");
            var (bob, file) = await SharedWithBobAsync(node, "--offline-days", "3");
            (await bob.RunAsync("view", file)).Succeeded();
            var cached = await CachedPathAsync(bob, file);

            // Act
            await node.DisposeAsync();
            stopped = true;
            _clock.Advance(TimeSpan.FromDays(2));
            var offline = await bob.RunAsync("view", file);
            var offlineInfo = await bob.RunAsync("info", file);
            _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
            var expired = await bob.RunAsync("view", file);

            // Assert
            Assert.Equal("offline note\n", offline.Succeeded().Output);
            Assert.Contains("licence from: the cache on this device", offlineInfo.Succeeded().Output, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Failure, expired.ExitCode);
            Assert.Empty(expired.Stdout);
            Assert.StartsWith("cannot reach the appliance at ", expired.Stderr, StringComparison.Ordinal);
            Assert.Single(expired.Stderr.Trim().Split('\n'));
            Assert.False(File.Exists(cached));
        }
        finally
        {
            if (!stopped)
            {
                await node.DisposeAsync();
            }
        }
    }
}
