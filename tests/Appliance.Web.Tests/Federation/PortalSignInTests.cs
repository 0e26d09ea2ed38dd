using System.Net;
using System.Text.Json;

namespace Appliance.Web.Tests.Federation;

/// <summary>Portal sign-in through the real test provider: code flow with PKCE, a real login form, the Identity cookie.</summary>
public sealed class PortalSignInTests : IAsyncLifetime
{
    private readonly FederationNode _fed = new();

    public Task InitializeAsync() => _fed.InitializeAsync();

    public Task DisposeAsync() => _fed.DisposeAsync();

    [Fact]
    public async Task SignIn_KnownUserAtProvider_LandsOnReturnUrlWithPortalSession()
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        _fed.AddProviderUser("alice", "Alice@Contoso.test");
        using var browser = _fed.Browser();
        // Arrange - without the federated sign-in there is no portal session.
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync(new Uri(_fed.Node.BaseAddress, "/account/session"))).Status);

        var landed = await _fed.PortalSignInAsync(browser, "alice", returnUrl: "/health");

        Assert.Equal(new Uri(_fed.Node.BaseAddress, "/health"), landed.Url);
        Assert.Equal(HttpStatusCode.OK, landed.Status);
        var session = await browser.GetAsync(new Uri(_fed.Node.BaseAddress, "/account/session"));
        Assert.Equal(HttpStatusCode.OK, session.Status);
        Assert.Equal("alice@contoso.test", JsonDocument.Parse(session.Body).RootElement.GetProperty("email").GetString());
    }

    [Fact]
    public async Task SignIn_WrongPasswordAtProvider_ShowsTheFormAgainAndNoSession()
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        _fed.AddProviderUser("alice", "alice@contoso.test");
        using var browser = _fed.Browser();
        var form = await browser.GetAsync(new Uri(_fed.Node.BaseAddress, $"/account/external/{FederationNode.Provider}"));

        var again = await browser.SubmitLoginAsync(form, "alice", "not the password");

        Assert.Equal(_fed.Idp.Issuer.Authority, again.Url.Authority);
        Assert.Contains("incorrect", again.Body, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync(new Uri(_fed.Node.BaseAddress, "/account/session"))).Status);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    public async Task SignIn_ForeignReturnUrl_LandsOnApplianceRoot(string returnUrl)
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        _fed.AddProviderUser("alice", "alice@contoso.test");
        using var browser = _fed.Browser();

        var landed = await _fed.PortalSignInAsync(browser, "alice", returnUrl);

        // Arrange - the sign-in itself succeeds; only the destination is replaced.
        Assert.Equal(new Uri(_fed.Node.BaseAddress, "/"), landed.Url);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(_fed.Node.BaseAddress, "/account/session"))).Status);
    }

    [Fact]
    public async Task SignIn_AddressOutsideProviderDomains_RefusedEvenThoughUserExists()
    {
        // Arrange - fabrikam.test is a real organisation with this user, but the provider may vouch for contoso.test only.
        await _fed.Node.ActivateTenantAsync("Fabrikam", "na", "fabrikam.test");
        await _fed.Node.AddUserAsync("mallory@fabrikam.test", "mallory local password 1", isAdmin: true);
        _fed.AddProviderUser("mallory", "mallory@fabrikam.test");
        using var browser = _fed.Browser();

        var landed = await _fed.PortalSignInAsync(browser, "mallory");

        await AssertRefusedAsync(browser, landed, "external-domain-not-allowed");
    }

    [Fact]
    public async Task SignIn_NoApplianceAccount_RefusedAndNotCreated()
    {
        _fed.AddProviderUser("carol", "carol@contoso.test");
        using var browser = _fed.Browser();

        var landed = await _fed.PortalSignInAsync(browser, "carol");

        await AssertRefusedAsync(browser, landed, "external-user-unknown");
        Assert.False(await _fed.Node.QueryAsync(db => Task.FromResult(db.Users.Any(u => u.Email == "carol@contoso.test"))));
    }

    [Fact]
    public async Task SignIn_LockedUser_Refused()
    {
        await _fed.Node.AddUserAsync("bob@contoso.test", "bob local password 1");
        await _fed.LockAsync("bob@contoso.test");
        _fed.AddProviderUser("bob", "bob@contoso.test");
        using var browser = _fed.Browser();

        var landed = await _fed.PortalSignInAsync(browser, "bob");

        await AssertRefusedAsync(browser, landed, "external-account-locked");
    }

    [Fact]
    public async Task SignIn_SecondProviderAccountClaimingLinkedAddress_Refused()
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        _fed.AddProviderUser("alice", "alice@contoso.test");
        using (var first = _fed.Browser())
        {
            await _fed.PortalSignInAsync(first, "alice");
        }

        // Arrange - another account at the provider now asserts alice's address (an edited e-mail, say).
        _fed.AddProviderUser("impostor", "alice@contoso.test");
        using var browser = _fed.Browser();

        var landed = await _fed.PortalSignInAsync(browser, "impostor");

        await AssertRefusedAsync(browser, landed, "external-account-mismatch");
    }

    [Fact]
    public async Task Start_UnknownProvider_RedirectsToLoginWithCode()
    {
        using var browser = _fed.Browser();

        var landed = await browser.GetAsync(new Uri(_fed.Node.BaseAddress, "/account/external/nosuch"));

        Assert.Equal("/account/login", landed.Url.AbsolutePath);
        Assert.Equal("?error=external-provider-unknown", landed.Url.Query);
    }

    private async Task AssertRefusedAsync(PortalBrowser browser, Page landed, string code)
    {
        Assert.Equal(_fed.Node.BaseAddress.Authority, landed.Url.Authority);
        Assert.Equal("/account/login", landed.Url.AbsolutePath);
        Assert.Equal("?error=" + code, landed.Url.Query);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync(new Uri(_fed.Node.BaseAddress, "/account/session"))).Status);
    }
}
