using System.Net.Http.Headers;
using System.Text.Json;
using Appliance.Data.Users;
using Appliance.TestSupport.Oidc;
using Appliance.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Federation;

/// <summary>
/// An appliance (tenant contoso.test in region na) federated with a real test OpenID Connect provider
/// named <c>testidp</c>, which may vouch for contoso.test only.
/// </summary>
internal sealed class FederationNode : IAsyncLifetime
{
    public const string Provider = "testidp";
    public const string ClientId = "rms-appliance";
    public const string ClientSecret = "appliance client secret at the test provider";
    public const string Password = "provider password 1";

    public OidcTestProvider Idp { get; private set; } = null!;

    public ApplianceFactory Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Idp = await OidcTestProvider.StartAsync();
        Node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>
        {
            ["Appliance:Federation:Providers:0:Name"] = Provider,
            ["Appliance:Federation:Providers:0:DisplayName"] = "Test IdP",
            ["Appliance:Federation:Providers:0:Authority"] = Idp.Authority,
            ["Appliance:Federation:Providers:0:ClientId"] = ClientId,
            ["Appliance:Federation:Providers:0:ClientSecret"] = ClientSecret,
            ["Appliance:Federation:Providers:0:EmailClaim"] = "email",
            ["Appliance:Federation:Providers:0:Domains:0"] = "contoso.test",
        });
        await Idp.RegisterClientAsync(ClientId, ClientSecret, new Uri(Node.BaseAddress, $"/account/external/{Provider}/callback"));
        await Node.ActivateTenantAsync("Contoso", "na", "contoso.test");
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Idp.DisposeAsync();
    }

    /// <summary>A user at the provider whose ID tokens carry <paramref name="email"/> in the <c>email</c> claim.</summary>
    public OidcTestUser AddProviderUser(string userName, string email) =>
        Idp.AddUser(userName, Password, new Dictionary<string, string> { ["email"] = email });

    public PortalBrowser Browser() => new(Node.BaseAddress, Idp.Issuer);

    /// <summary>Starts sign-in at the appliance, signs in on the provider's form, and follows the way back.</summary>
    public async Task<Page> PortalSignInAsync(PortalBrowser browser, string userName, string? returnUrl = "/health")
    {
        var start = $"/account/external/{Provider}" + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var form = await browser.GetAsync(new Uri(Node.BaseAddress, start));
        Assert.Equal(Idp.Issuer.Authority, form.Url.Authority);
        Assert.Contains("name=\"password\"", form.Body, StringComparison.Ordinal);
        return await browser.SubmitLoginAsync(form, userName, Password);
    }

    public Task<HttpResponseMessage> ExchangeAsync(string subjectToken, string tokenType = "urn:ietf:params:oauth:token-type:id_token")
    {
        var client = Node.Anonymous();
        return client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = subjectToken,
            ["subject_token_type"] = tokenType,
            ["client_id"] = "rms-cli",
            ["scope"] = "openid offline_access rms",
        }));
    }

    public static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"expected 400 invalid_grant, got {(int)response.StatusCode}: {body}");
        var error = JsonDocument.Parse(body).RootElement;
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        return error.GetProperty("error_description").GetString() ?? string.Empty;
    }

    public HttpClient WithBearer(string accessToken)
    {
        var client = Node.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task LockAsync(string email)
    {
        await using var scope = Node.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        await users.SetLockoutEnabledAsync(user, true);
        Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddYears(1))).Succeeded);
    }
}
