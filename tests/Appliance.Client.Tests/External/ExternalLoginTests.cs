using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Client.Tests.Support;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Tests.External;

/// <summary>`rms login --email-code ADDRESS`: an external recipient's sign-in, profile and device key.</summary>
public sealed class ExternalLoginTests : IAsyncLifetime, IDisposable
{
    private const string External = "ext@fabrikam.test";

    private readonly TempDirectory _temp = new();
    private readonly CannedHandler _unused = new(HttpStatusCode.InternalServerError, "{}");
    private FakeAppliance _appliance = null!;

    public async Task InitializeAsync() => _appliance = await FakeAppliance.CreateAsync();

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _unused.Dispose();
        _temp.Dispose();
    }

    private CliRunner Runner(HttpMessageHandler handler) => new(_temp.Combine("home"), handler);

    private static Task<CliResult> LoginAsync(CliRunner runner, string code, string address = External) =>
        runner.RunWithInputAsync(code + "\n", "login", "--server", FakeAppliance.Server, "--email-code", address);

    public static TheoryData<string[], string> Conflicting => new()
    {
        { ["--email-code", External, "--user", "alice@contoso.test", "--password-stdin"], "--email-code goes alone" },
        { ["--email-code", External, "--client-id", "svc-1", "--client-secret-stdin"], "--email-code goes alone" },
        { ["--email-code", External, "--id-token-stdin"], "--email-code goes alone" },
        { ["--email-code", External, "--password-stdin"], "--email-code goes alone" },
        { ["--email-code"], "Required argument missing for option: '--email-code'" },
    };

    [Theory]
    [MemberData(nameof(Conflicting))]
    public async Task Login_EmailCodeWithAnotherWayToSignIn_ExitsTwoBeforeAnyRequest(string[] options, string expected)
    {
        // Arrange - two ways to sign in at once is a mistake, not a choice for rms to make.
        var result = await Runner(_unused).RunWithInputAsync("12345678\n", ["login", "--server", FakeAppliance.Server, .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(_unused.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fabrikam.test")]
    [InlineData("ext@")]
    [InlineData("two words@fabrikam.test")]
    public async Task Login_EmailCodeNotAnAddress_ExitsTwoNamingItBeforeAnyRequest(string address)
    {
        var result = await LoginAsync(Runner(_unused), "12345678", address);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"--email-code '{address}' is not an e-mail address", result.Error, StringComparison.Ordinal);
        Assert.Empty(_unused.Requests);
    }

    [Fact]
    public async Task Login_EmailCode_StoresExternalProfileAndOwnerOnlyDeviceKeyWithoutBootstrap()
    {
        var runner = Runner(_appliance);

        var result = await LoginAsync(runner, FakeAppliance.EmailCode);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"A sign-in code was sent to {External}", result.Error, StringComparison.Ordinal);
        Assert.Contains($"as {External} (external recipient", result.Output, StringComparison.Ordinal);
        Assert.Equal(["POST /api/external/v1/codes", "POST /connect/token"], _appliance.Requests);

        var store = new ProfileStore(runner.Home);
        var profile = store.LoadProfile()!;
        Assert.True(profile.IsExternal);
        Assert.Equal(External, profile.User);
        Assert.NotNull(profile.AccessToken);
        using (var json = JsonDocument.Parse(await File.ReadAllBytesAsync(store.ProfilePath)))
        {
            Assert.True(json.RootElement.GetProperty("isExternal").GetBoolean());
        }

        // The device key: a real RSA-2048 key, readable by its owner only, and no user keys beside it.
        Assert.True(File.Exists(store.DeviceKeyPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.DeviceKeyPath));
        }

        using var rsa = RSA.Create();
        rsa.ImportFromPem(await File.ReadAllTextAsync(store.DeviceKeyPath));
        Assert.Equal(2048, rsa.KeySize);
        Assert.False(File.Exists(store.UserKeyPath));
        Assert.False(File.Exists(store.IdentityPath));

        // The one-time code is never kept.
        foreach (var file in Directory.EnumerateFiles(runner.Home))
        {
            Assert.DoesNotContain(FakeAppliance.EmailCode, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Login_EmailCodeTwice_MakesANewDeviceKey()
    {
        var runner = Runner(_appliance);
        Assert.Equal(0, (await LoginAsync(runner, FakeAppliance.EmailCode)).ExitCode);
        var first = await File.ReadAllTextAsync(new ProfileStore(runner.Home).DeviceKeyPath);

        Assert.Equal(0, (await LoginAsync(runner, FakeAppliance.EmailCode)).ExitCode);

        Assert.NotEqual(first, await File.ReadAllTextAsync(new ProfileStore(runner.Home).DeviceKeyPath));
    }

    [Fact]
    public async Task Login_WrongCode_ExitsFourWithOneSentenceAndKeepsNoProfile()
    {
        var runner = Runner(_appliance);

        var result = await LoginAsync(runner, "00000000");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        var lines = result.Error.Trim().Split('\n');
        Assert.Equal("The code is wrong, expired or used up; ask for a new one.", lines[^1].Trim());
        Assert.DoesNotContain("00000000", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(runner.Home, ProfileStore.ProfileFileName)));
        Assert.False(File.Exists(Path.Combine(runner.Home, ProfileStore.DeviceKeyFileName)));
    }

    [Fact]
    public async Task Login_NoCodeOnStandardInput_ExitsTwoNamingIt()
    {
        var runner = Runner(_appliance);

        var result = await LoginAsync(runner, string.Empty);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--email-code found no code on standard input", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("POST /connect/token", _appliance.Requests);
    }

    [Fact]
    public async Task Login_OrganisationAddress_ExitsTwoSayingToUseTheOrganisationAccount()
    {
        // Arrange - contoso.test is an organisation on the fake appliance: its people have accounts.
        var runner = Runner(_appliance);

        var result = await LoginAsync(runner, FakeAppliance.EmailCode, "bob@contoso.test");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(
            "bob@contoso.test belongs to an organisation on this appliance: sign in with your organisation account instead.",
            result.Error.Trim());
        Assert.False(File.Exists(Path.Combine(runner.Home, ProfileStore.ProfileFileName)));
    }

    [Theory]
    [InlineData(ProblemCodes.MailNotConfigured, "the appliance has no mail server configured, so it cannot send sign-in codes; ask its administrator")]
    [InlineData(ProblemCodes.MailUnavailable, "the appliance's mail server did not accept the message, so no code was sent; try again later")]
    public async Task Login_NoMailServer_ExitsOneWithOneSentence(string code, string sentence)
    {
        // Arrange - a problem without detail: the client's own sentence for the code.
        using var handler = new CannedHandler(HttpStatusCode.ServiceUnavailable, $$"""{"status":503,"code":"{{code}}"}""");
        var runner = Runner(handler);

        var result = await LoginAsync(runner, FakeAppliance.EmailCode);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(sentence, result.Error.Trim());
        Assert.Single(handler.Requests);
        Assert.False(File.Exists(Path.Combine(runner.Home, ProfileStore.ProfileFileName)));
    }

    [Fact]
    public void LoadProfile_WrittenBeforeExternalRecipients_IsNotExternal()
    {
        // Arrange - a profile.json from an older rms has no isExternal member.
        var store = new ProfileStore(_temp.Combine("old"));
        SecureFile.WriteAllText(store.ProfilePath, """
            {"server":"https://rms.contoso.test/","user":"alice@contoso.test","accessToken":"at","refreshToken":"rt","expiresAt":"2030-01-01T00:00:00+00:00"}
            """);

        var profile = store.LoadProfile()!;

        Assert.False(profile.IsExternal);
        Assert.Equal("alice@contoso.test", profile.User);
        Assert.Equal("rt", profile.RefreshToken);
    }
}
