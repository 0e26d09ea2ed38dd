using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Client.Tests.Support;

namespace Appliance.Client.Tests.Sdk;

/// <summary>Sign-in, bootstrap, token refresh, admin verbs and sign-out through the CLI.</summary>
public sealed class SessionTests : IAsyncLifetime, IDisposable
{
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _temp = new();
    private FakeAppliance _appliance = null!;

    public async Task InitializeAsync() => _appliance = await FakeAppliance.CreateAsync();

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _temp.Dispose();

    private CliRunner Runner(string name = "home") => new(_temp.Combine(name), _appliance);

    [Fact]
    public async Task Login_TenantUser_StoresTokensAndIdentityOwnerOnlyAndPrintsNoSecret()
    {
        var runner = Runner();

        var result = await runner.LoginAsync("alice@contoso.test");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Signed in to {FakeAppliance.Server} as alice@contoso.test (Contoso).\n", result.Output);
        var store = new ProfileStore(runner.Home);
        var profile = store.LoadProfile()!;
        Assert.Equal("alice@contoso.test", profile.User);
        Assert.NotNull(profile.AccessToken);
        Assert.NotNull(profile.RefreshToken);
        Assert.NotNull(store.LoadIdentity());
        Assert.DoesNotContain(profile.AccessToken, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAppliance.Password, result.Output + result.Error, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(runner.Home));
            foreach (var file in Directory.GetFiles(runner.Home))
            {
                Assert.Equal(FileMode0600, File.GetUnixFileMode(file));
            }
        }

        Assert.Equal(
            [ProfileStore.IdentityFileName, ProfileStore.ProfileFileName, ProfileStore.UserKeyFileName],
            Directory.GetFiles(runner.Home).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Login_AdminWithoutTenant_KeepsTokensWithoutIdentity()
    {
        // Arrange - the appliance admin belongs to no tenant: bootstrap answers tenant-not-activated.
        var runner = Runner();

        var result = await runner.LoginAsync("admin@appliance.local");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("administration only", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Error);
        var store = new ProfileStore(runner.Home);
        Assert.NotNull(store.LoadProfile()?.AccessToken);
        Assert.Null(store.LoadIdentity());
    }

    [Fact]
    public async Task Login_AsAnotherUser_ReplacesThePreviousIdentity()
    {
        var runner = Runner();
        await runner.LoginAsync("alice@contoso.test");

        await runner.LoginAsync("admin@appliance.local");

        Assert.Equal("admin@appliance.local", new ProfileStore(runner.Home).LoadProfile()!.User);
        Assert.False(File.Exists(Path.Combine(runner.Home, ProfileStore.UserKeyFileName)));
    }

    [Fact]
    public async Task Login_WrongPasswordAfterEarlierLogin_KeepsTheEarlierSession()
    {
        var runner = Runner();
        await runner.LoginAsync("alice@contoso.test");

        var result = await runner.RunWithInputAsync("nope\n", "login", "--server", FakeAppliance.Server, "--user", "bob@contoso.test", "--password-stdin");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        Assert.Equal("The user name or password is wrong.\n", result.Error.Replace("\r", string.Empty, StringComparison.Ordinal));
        Assert.Equal("alice@contoso.test", new ProfileStore(runner.Home).LoadProfile()!.User);
    }

    [Fact]
    public async Task AdminCommands_AsAdmin_ActivateAddAndListUsers()
    {
        var runner = Runner();
        await runner.LoginAsync("admin@appliance.local");

        var activate = await runner.RunAsync("admin", "activate", "--org", "Contoso", "--region", "emea", "--domain", "contoso.test", "--domain", "contoso.example");
        var add = await runner.RunWithInputAsync("dave-password\n", "admin", "user", "add", "dave@contoso.test", "--password-stdin", "--display-name", "Dave", "--admin");
        var list = await runner.RunAsync("admin", "user", "list");

        Assert.True(activate.ExitCode == 0, activate.ToString());
        Assert.StartsWith("Activated Contoso (", activate.Output, StringComparison.Ordinal);
        Assert.Contains("contoso.test, contoso.example", activate.Output, StringComparison.Ordinal);
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.StartsWith("Created administrator dave@contoso.test", add.Output, StringComparison.Ordinal);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.Output.Split('\n'), l => l.StartsWith("dave@contoso.test\t", StringComparison.Ordinal));
        Assert.Contains(list.Output.Split('\n'), l => l.StartsWith("admin@appliance.local\t\tadmin\t-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdminUserList_Terminal_RendersATable()
    {
        var home = _temp.Combine("home");
        await new CliRunner(home, _appliance).LoginAsync("admin@appliance.local");

        var result = await new CliRunner(home, _appliance, isTerminal: true).RunAsync("admin", "user", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("E-mail", result.Output, StringComparison.Ordinal);
        Assert.Contains("bob@contoso.test", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminActivate_RegionNotServed_PrintsTheAppliancesSentence()
    {
        var runner = Runner();
        await runner.LoginAsync("admin@appliance.local");

        var result = await runner.RunAsync("admin", "activate", "--org", "Fabrikam", "--region", "apac", "--domain", "fabrikam.test");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("This appliance does not serve the region 'apac'.\n", result.Error);
    }

    [Fact]
    public async Task AdminUserList_AsOrdinaryUser_ExitsThree()
    {
        var runner = Runner();
        await runner.LoginAsync("bob@contoso.test");

        var result = await runner.RunAsync("admin", "user", "list");

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Equal("Only an appliance administrator may do this.\n", result.Error);
    }

    [Fact]
    public async Task Command_AccessTokenAboutToExpire_RefreshesFirstAndSavesNewTokens()
    {
        _appliance.AccessTokenLifetime = TimeSpan.FromSeconds(5);
        var runner = Runner();
        await runner.LoginAsync("admin@appliance.local");
        var before = new ProfileStore(runner.Home).LoadProfile()!;
        _appliance.Requests.Clear();

        var result = await runner.RunAsync("admin", "user", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["POST /connect/token", "GET /api/admin/v1/users"], _appliance.Requests);
        var after = new ProfileStore(runner.Home).LoadProfile()!;
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.NotEqual(before.RefreshToken, after.RefreshToken);
    }

    [Fact]
    public async Task Command_AccessTokenRevoked_RefreshesOnceOn401AndRetries()
    {
        var runner = Runner();
        await runner.LoginAsync("admin@appliance.local");
        _appliance.RevokeAccessTokens();
        _appliance.Requests.Clear();

        var result = await runner.RunAsync("admin", "user", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["GET /api/admin/v1/users", "POST /connect/token", "GET /api/admin/v1/users"], _appliance.Requests);
    }

    [Fact]
    public async Task Command_SessionFullyRevoked_ExitsFourAskingToSignInAgain()
    {
        var runner = Runner();
        await runner.LoginAsync("admin@appliance.local");
        _appliance.RevokeAccessTokens();
        _appliance.RevokeRefreshTokens();

        var result = await runner.RunAsync("admin", "user", "list");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        Assert.Equal("your session has expired; run rms login again\n", result.Error);
    }

    [Fact]
    public async Task Logout_AfterLogin_RemovesEverything()
    {
        var runner = Runner();
        await runner.LoginAsync("alice@contoso.test");

        var result = await runner.RunAsync("logout");
        var again = await runner.RunAsync("logout");

        Assert.Equal("Signed out.\n", result.Output);
        Assert.Equal("Not signed in.\n", again.Output);
        Assert.Empty(Directory.GetFiles(runner.Home));
    }
}
