using Appliance.TestSupport.Oidc;
using Appliance.Web.Tests.Support;

namespace Appliance.EndToEnd.Tests;

/// <summary>`rms login --id-token-stdin` with an ID token from a real external provider the node trusts.</summary>
public sealed class FederatedLoginTests : IAsyncLifetime
{
    private const string ClientId = "rms-appliance";
    private const string ClientSecret = "appliance client secret at the test provider";
    private const string Password = "provider password 1";

    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-fed-").FullName;
    private OidcTestProvider _idp = null!;
    private ApplianceFactory _node = null!;
    private string _server = string.Empty;

    public async Task InitializeAsync()
    {
        _idp = await OidcTestProvider.StartAsync();
        await _idp.RegisterClientAsync(ClientId, ClientSecret);
        _node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>
        {
            ["Appliance:Federation:Providers:0:Name"] = "testidp",
            ["Appliance:Federation:Providers:0:Authority"] = _idp.Authority,
            ["Appliance:Federation:Providers:0:ClientId"] = ClientId,
            ["Appliance:Federation:Providers:0:ClientSecret"] = ClientSecret,
            ["Appliance:Federation:Providers:0:Domains:0"] = "contoso.test",
        });
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        await _node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await _node.AddUserAsync("alice@contoso.test", "alice local password 1");
        _idp.AddUser("alice", Password, new Dictionary<string, string> { ["email"] = "alice@contoso.test" });
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _idp.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Login_IdTokenFromTrustedProvider_SignsInAndBootstraps()
    {
        var rms = new RmsRunner(Path.Combine(_work, "home-alice"));
        var idToken = await _idp.GetIdTokenAsync(ClientId, ClientSecret, "alice", Password);

        var result = (await rms.RunWithInputAsync(idToken + "\n", "login", "--server", _server, "--id-token-stdin")).Succeeded();

        Assert.Contains("as alice@contoso.test (Contoso)", result.Output, StringComparison.Ordinal);
        // The saved profile carries the tokens: the next command is sent signed in (and refused for its role only).
        var next = await rms.RunAsync("admin", "user", "list");
        Assert.NotEqual(0, next.ExitCode);
        Assert.DoesNotContain("rms login", next.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_TokenForAnotherAudience_OneSentenceAndExitCode()
    {
        var rms = new RmsRunner(Path.Combine(_work, "home-mallory"));
        var forged = _idp.SignToken(
            new Dictionary<string, object> { ["sub"] = "x", ["email"] = "alice@contoso.test" }, "another-app", DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5));

        var result = await rms.RunWithInputAsync(forged + "\n", "login", "--server", _server, "--id-token-stdin");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("not issued to this appliance", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(rms.Home, "profile.json")));
    }
}
