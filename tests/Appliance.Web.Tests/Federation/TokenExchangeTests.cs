using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.TestSupport.Oidc;
using Microsoft.IdentityModel.Tokens;

namespace Appliance.Web.Tests.Federation;

/// <summary>RFC 8693 token exchange at /connect/token: the test provider's ID token for the appliance's tokens.</summary>
public sealed class TokenExchangeTests : IAsyncLifetime
{
    private readonly FederationNode _fed = new();

    public Task InitializeAsync() => _fed.InitializeAsync();

    public Task DisposeAsync() => _fed.DisposeAsync();

    private Task<string> IdTokenAsync(string userName) =>
        _fed.Idp.GetIdTokenAsync(FederationNode.ClientId, FederationNode.ClientSecret, userName, FederationNode.Password);

    [Fact]
    public async Task Exchange_ProviderIdToken_GivesAccessTokenThatBootstraps()
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        _fed.AddProviderUser("alice", "alice@contoso.test");

        using var response = await _fed.ExchangeAsync(await IdTokenAsync("alice"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var tokens = JsonDocument.Parse(body).RootElement;
        using var client = _fed.WithBearer(tokens.GetProperty("access_token").GetString()!);
        using var bootstrap = await client.PostAsync("/api/v1/bootstrap", null);
        Assert.True(bootstrap.StatusCode == HttpStatusCode.OK, await bootstrap.Content.ReadAsStringAsync());
        var identity = (await bootstrap.Content.ReadFromJsonAsync<BootstrapResponse>())!;
        Assert.Equal("Contoso", identity.Tenant.Name);
    }

    [Fact]
    public async Task Exchange_AddressOutsideProviderDomains_Refused()
    {
        await _fed.Node.ActivateTenantAsync("Fabrikam", "na", "fabrikam.test");
        await _fed.Node.AddUserAsync("mallory@fabrikam.test", "mallory local password 1", isAdmin: true);
        _fed.AddProviderUser("mallory", "mallory@fabrikam.test");

        using var response = await _fed.ExchangeAsync(await IdTokenAsync("mallory"));

        Assert.Contains("fabrikam.test", await FederationNode.RefusedAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_UnknownUser_Refused()
    {
        _fed.AddProviderUser("carol", "carol@contoso.test");

        using var response = await _fed.ExchangeAsync(await IdTokenAsync("carol"));

        Assert.Contains("no account", await FederationNode.RefusedAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_LockedUser_Refused()
    {
        await _fed.Node.AddUserAsync("bob@contoso.test", "bob local password 1");
        await _fed.LockAsync("bob@contoso.test");
        _fed.AddProviderUser("bob", "bob@contoso.test");

        using var response = await _fed.ExchangeAsync(await IdTokenAsync("bob"));

        Assert.Contains("locked", await FederationNode.RefusedAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_TokenFromAnotherIssuer_Refused()
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        // Arrange - a real provider the appliance does not trust, issuing for the same client id and address.
        await using var other = await OidcTestProvider.StartAsync();
        await other.RegisterClientAsync(FederationNode.ClientId, FederationNode.ClientSecret);
        other.AddUser("alice", FederationNode.Password, new Dictionary<string, string> { ["email"] = "alice@contoso.test" });
        var foreign = await other.GetIdTokenAsync(FederationNode.ClientId, FederationNode.ClientSecret, "alice", FederationNode.Password);

        using var response = await _fed.ExchangeAsync(foreign);

        Assert.Contains("not a provider this appliance trusts", await FederationNode.RefusedAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_ExpiredToken_Refused()
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        var user = _fed.AddProviderUser("alice", "alice@contoso.test");
        var expired = _fed.Idp.SignToken(Claims(user), FederationNode.ClientId, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));

        using var response = await _fed.ExchangeAsync(expired);

        Assert.Contains("expired", await FederationNode.RefusedAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_TokenForAnotherAudience_Refused()
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        var user = _fed.AddProviderUser("alice", "alice@contoso.test");
        var token = _fed.Idp.SignToken(Claims(user), "some-other-app", DateTime.UtcNow, DateTime.UtcNow.AddMinutes(10));

        using var response = await _fed.ExchangeAsync(token);

        Assert.Contains("not issued to this appliance", await FederationNode.RefusedAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_ForgedSignature_Refused()
    {
        await _fed.Node.AddUserAsync("alice@contoso.test", "alice local password 1");
        var user = _fed.AddProviderUser("alice", "alice@contoso.test");
        var genuine = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(await IdTokenAsync("alice"));
        // Arrange - right issuer, audience and key id, but signed with a key the provider never published.
        var forger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = genuine.Kid };
        var forged = _fed.Idp.SignToken(Claims(user), FederationNode.ClientId, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(10), forger);

        using var response = await _fed.ExchangeAsync(forged);

        Assert.Contains("could not be verified", await FederationNode.RefusedAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_NotAJwt_Refused()
    {
        using var response = await _fed.ExchangeAsync("not-a-token");

        Assert.Contains("not a JWT", await FederationNode.RefusedAsync(response), StringComparison.Ordinal);
    }

    private static Dictionary<string, object> Claims(OidcTestUser user) => new()
    {
        ["sub"] = user.Subject,
        ["email"] = user.Claims["email"],
    };
}
