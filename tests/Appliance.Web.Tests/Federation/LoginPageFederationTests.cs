using System.Net;
using System.Text.RegularExpressions;
using Appliance.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Federation;

/// <summary>The portal's login page and the organisation's identity provider, together.</summary>
public sealed partial class LoginPageFederationTests : IAsyncLifetime
{
    private readonly FederationNode _fed = new();

    public Task InitializeAsync() => _fed.InitializeAsync();

    public Task DisposeAsync() => _fed.DisposeAsync();

    [Fact]
    public async Task LoginPage_OffersTheProvider_AndItsButtonSignsInKeepingTheReturnUrl()
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        _fed.AddProviderUser("alice", "alice@contoso.test");
        using var browser = _fed.Browser();

        var login = await browser.GetAsync(new Uri(_fed.Node.BaseAddress, "/account/login?returnUrl=%2Fhealth"));
        var button = ProviderButton().Match(login.Body);
        Assert.True(button.Success, login.Body);
        var form = await browser.GetAsync(new Uri(_fed.Node.BaseAddress, WebUtility.HtmlDecode(button.Groups["href"].Value)));
        var landed = await browser.SubmitLoginAsync(form, "alice", FederationNode.Password);

        Assert.Equal("Test IdP", button.Groups["label"].Value);
        Assert.Equal(new Uri(_fed.Node.BaseAddress, "/health"), landed.Url);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(_fed.Node.BaseAddress, "/account/session"))).Status);
    }

    [Theory]
    [InlineData("external-user-unknown", "this appliance has no account for your address")]
    [InlineData("external-domain-not-allowed", "may not sign in addresses of that domain")]
    [InlineData("something-else", "did not complete")]
    public async Task LoginPage_AfterARefusedExternalSignIn_SaysWhyInOneSentence(string code, string expected)
    {
        using var browser = _fed.Browser();

        var page = await browser.GetAsync(new Uri(_fed.Node.BaseAddress, "/account/login?error=" + code));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(expected, page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UserWithAuthenticatorApp_StillAsksForTheSecondFactor()
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        _fed.AddProviderUser("alice", "alice@contoso.test");
        await using (var scope = _fed.Node.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
            var alice = (await users.FindByEmailAsync("alice@contoso.test"))!;
            await users.ResetAuthenticatorKeyAsync(alice);
            await users.SetTwoFactorEnabledAsync(alice, true);
        }

        using var browser = _fed.Browser();

        var landed = await _fed.PortalSignInAsync(browser, "alice", returnUrl: "/health");

        Assert.Equal("/account/login-2fa", landed.Url.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString("/health"), landed.Url.Query, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync(new Uri(_fed.Node.BaseAddress, "/account/session"))).Status);
    }

    [GeneratedRegex("<a[^>]*data-provider=\"testidp\"[^>]*href=\"(?<href>[^\"]+)\"[^>]*>Sign in with (?<label>[^<]+)</a>")]
    private static partial Regex ProviderButton();
}
