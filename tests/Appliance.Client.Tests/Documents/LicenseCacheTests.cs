using System.Buffers.Text;
using System.Text;
using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Client.Tests.Support;
using Appliance.Crypto.Container;

namespace Appliance.Client.Tests.Documents;

/// <summary>
/// The licence cache in $RMS_HOME: a use licence that may be used offline is kept and used while it is valid, never
/// after, and never when it no longer verifies. The fake appliance and the client share one movable clock.
/// </summary>
public sealed class LicenseCacheTests : IAsyncLifetime, IDisposable
{
    private const string Licenses = "POST /api/v1/licenses";

    private readonly TempDirectory _temp = new();
    private readonly InstantClock _clock = new(DateTimeOffset.UtcNow);
    private FakeAppliance _appliance = null!;

    public async Task InitializeAsync()
    {
        _appliance = await FakeAppliance.CreateAsync();
        _appliance.Clock = _clock;
    }

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _temp.Dispose();

    private int LicenceRequests => _appliance.Requests.Count(r => r == Licenses);

    private async Task<CliRunner> SignInAsync(string user)
    {
        var runner = new CliRunner(_temp.Combine("homes", user), _appliance) { Clock = _clock };
        var result = await runner.LoginAsync(user);
        Assert.True(result.ExitCode == 0, result.ToString());
        return runner;
    }

    /// <summary>Alice protects a file for bob; returns bob's runner, the file and its content id.</summary>
    private async Task<(CliRunner Bob, string File, Guid ContentId)> SharedWithBobAsync(string rights = "VIEW")
    {
        var alice = await SignInAsync("alice@contoso.test");
        var source = _temp.Combine("report.txt");
        await File.WriteAllTextAsync(source, "quarterly numbers\n");
        var protect = await alice.RunAsync("protect", source, "--grant", $"bob@contoso.test={rights}");
        Assert.True(protect.ExitCode == 0, protect.ToString());
        var file = _temp.Combine("report.ptxt");
        await using var stream = File.OpenRead(file);
        var header = await ProtectedFile.ReadHeaderAsync(stream, CancellationToken.None);
        return (await SignInAsync("bob@contoso.test"), file, header.ContentId);
    }

    private static string CachedPath(CliRunner runner, Guid contentId) => new ProfileStore(runner.Home).Licenses.PathOf(contentId);

    [Fact]
    public async Task View_TwiceWithinValidity_AsksTheApplianceOnceAndKeepsTheLicenceOwnerOnly()
    {
        var (bob, file, contentId) = await SharedWithBobAsync();

        var first = await bob.RunAsync("view", file);
        _clock.Advance(TimeSpan.FromDays(6));
        var second = await bob.RunAsync("view", file);
        var info = await bob.RunAsync("info", file);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("quarterly numbers\n", second.Output);
        Assert.Equal(1, LicenceRequests);
        Assert.Contains("licence from: the cache on this device", info.Output, StringComparison.Ordinal);
        var cached = CachedPath(bob, contentId);
        Assert.True(File.Exists(cached));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cached));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(cached)!));
        }
    }

    [Fact]
    public async Task View_ClockPastValidUntil_AsksAgainAndKeepsTheNewLicence()
    {
        // Arrange - the fake issues licences valid offline for 7 days.
        var (bob, file, contentId) = await SharedWithBobAsync();
        (await bob.RunAsync("view", file)).AssertSucceeded();
        var firstLicence = await File.ReadAllTextAsync(CachedPath(bob, contentId));

        // Act - exactly at ValidUntil the licence is no longer good (strictly before it is).
        _clock.Advance(TimeSpan.FromDays(7));
        var info = await bob.RunAsync("info", file);

        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Equal(2, LicenceRequests);
        Assert.Contains("licence from: the appliance", info.Output, StringComparison.Ordinal);
        Assert.NotEqual(firstLicence, await File.ReadAllTextAsync(CachedPath(bob, contentId)));
    }

    [Fact]
    public async Task View_CachedLicenceTampered_IsDiscardedAndFetchedAgain()
    {
        var (bob, file, contentId) = await SharedWithBobAsync();
        (await bob.RunAsync("view", file)).AssertSucceeded();
        var cached = CachedPath(bob, contentId);
        var jws = await File.ReadAllTextAsync(cached);

        // A payload that grants more than the appliance did (EXPORT) no longer matches the signature.
        var parts = jws.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]))
            .Replace("\"VIEW\"", "\"VIEW\",\"EXPORT\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        await File.WriteAllTextAsync(cached, tampered);

        var unprotect = await bob.RunAsync("unprotect", file, "-o", _temp.Combine("copy.txt"));

        Assert.Equal(ExitCodes.AccessDenied, unprotect.ExitCode);
        Assert.Equal("you hold VIEW but unprotect needs EXPORT or OWNER" + Environment.NewLine, unprotect.Error);
        Assert.Equal(2, LicenceRequests);
        Assert.NotEqual(tampered, await File.ReadAllTextAsync(cached));
        Assert.False(File.Exists(_temp.Combine("copy.txt")));
    }

    [Fact]
    public async Task View_CachedLicenceOfAnotherUser_IsDiscarded()
    {
        // Arrange - carol, also granted, copies bob's valid licence into her own cache.
        var alice = await SignInAsync("alice@contoso.test");
        var source = _temp.Combine("report.txt");
        await File.WriteAllTextAsync(source, "numbers\n");
        (await alice.RunAsync("protect", source, "--grant", "bob@contoso.test=VIEW,EXPORT", "--grant", "carol@contoso.test=VIEW")).AssertSucceeded();
        var file = _temp.Combine("report.ptxt");
        var bob = await SignInAsync("bob@contoso.test");
        var carol = await SignInAsync("carol@contoso.test");
        (await bob.RunAsync("view", file)).AssertSucceeded();
        var contentId = Directory.GetFiles(new ProfileStore(bob.Home).Licenses.Folder).Select(f => Guid.Parse(Path.GetFileNameWithoutExtension(f))).Single();
        Directory.CreateDirectory(Path.GetDirectoryName(CachedPath(carol, contentId))!);
        File.Copy(CachedPath(bob, contentId), CachedPath(carol, contentId));

        var unprotect = await carol.RunAsync("unprotect", file, "-o", _temp.Combine("copy.txt"));

        Assert.Equal(ExitCodes.AccessDenied, unprotect.ExitCode);
        Assert.Contains("you hold VIEW but unprotect needs EXPORT", unprotect.Error, StringComparison.Ordinal);
        Assert.Equal(2, LicenceRequests);
    }

    [Fact]
    public async Task View_ClockTurnedBackBeforeTheLicenceWasIssued_AsksAgain()
    {
        var (bob, file, _) = await SharedWithBobAsync();
        (await bob.RunAsync("view", file)).AssertSucceeded();

        _clock.Advance(TimeSpan.FromHours(-1));
        (await bob.RunAsync("view", file)).AssertSucceeded();

        Assert.Equal(2, LicenceRequests);
    }

    [Fact]
    public async Task View_LicenceWithoutValidUntil_IsNeverCached()
    {
        // Offline days 0: the appliance must be asked every time.
        _appliance.OfflineDays = null;
        var (bob, file, contentId) = await SharedWithBobAsync();

        (await bob.RunAsync("view", file)).AssertSucceeded();
        var info = await bob.RunAsync("info", file);

        Assert.Equal(2, LicenceRequests);
        Assert.False(File.Exists(CachedPath(bob, contentId)));
        Assert.Contains("licence valid until: online use only", info.Output, StringComparison.Ordinal);
        Assert.Contains("licence from: the appliance", info.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task View_PolicyNowAlwaysAsk_DropsTheOlderCachedLicence()
    {
        var (bob, file, contentId) = await SharedWithBobAsync();
        (await bob.RunAsync("view", file)).AssertSucceeded();
        _clock.Advance(TimeSpan.FromDays(8));
        _appliance.OfflineDays = null;

        (await bob.RunAsync("view", file)).AssertSucceeded();

        Assert.False(File.Exists(CachedPath(bob, contentId)));
    }

    [Fact]
    public async Task Logout_RemovesTheCachedLicences()
    {
        var (bob, file, contentId) = await SharedWithBobAsync();
        (await bob.RunAsync("view", file)).AssertSucceeded();
        Assert.True(File.Exists(CachedPath(bob, contentId)));

        (await bob.RunAsync("logout")).AssertSucceeded();

        Assert.False(Directory.Exists(new ProfileStore(bob.Home).Licenses.Folder));
    }

    [Fact]
    public async Task Login_AsSomeoneElse_StartsWithAnEmptyCache()
    {
        var (bob, file, _) = await SharedWithBobAsync();
        (await bob.RunAsync("view", file)).AssertSucceeded();

        var asCarol = await bob.LoginAsync("carol@contoso.test");

        Assert.True(asCarol.ExitCode == 0, asCarol.ToString());
        Assert.False(Directory.Exists(new ProfileStore(bob.Home).Licenses.Folder));
    }
}
