using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.TestSupport.Mail;
using Appliance.Web.Tests.ExternalUsers;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Roles;

/// <summary>
/// One node per test class (a node start costs seconds): Contoso and Fabrikam activated, the seeded
/// admin signed in, and helpers to make callers holding given roles.
/// </summary>
public sealed class RolesNode : IAsyncLifetime
{
    public ApplianceFactory Node { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Mail for the external recipient's code sign-in.</summary>
    public SmtpSinkServer Sink { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sink = await SmtpSinkServer.StartAsync();
        Node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>(Sink.ApplianceSettings));
        await Node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await Node.ActivateTenantAsync("Fabrikam", "na", "fabrikam.test");
        Admin = await Node.SignInAdminAsync();
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Node.DisposeAsync();
        await Sink.DisposeAsync();
    }

    public static string PasswordOf(string email) => $"password of {email}";

    public static Task<HttpResponseMessage> SetRolesAsync(HttpClient caller, string user, params string[] roles) =>
        caller.PutAsJsonAsync($"/api/admin/v1/users/{user}/roles", new SetRolesRequest(roles));

    /// <summary>Sets the roles, held for <paramref name="organisations"/> (domains or ids), as the API's body names them.</summary>
    public static Task<HttpResponseMessage> SetRolesForAsync(HttpClient caller, string user, string[] organisations, params string[] roles) =>
        caller.PutAsJsonAsync($"/api/admin/v1/users/{user}/roles", new { roles, organisations });

    /// <summary>Adds a user, gives them <paramref name="roles"/> held for <paramref name="organisations"/> and signs them in.</summary>
    public async Task<HttpClient> UserForAsync(string email, string[] organisations, params string[] roles)
    {
        await Node.AddUserAsync(email, PasswordOf(email));
        using var set = await SetRolesForAsync(Admin, email, organisations, roles);
        Assert.True(set.StatusCode == HttpStatusCode.OK, $"giving {email} its roles failed: {await set.Content.ReadAsStringAsync()}");
        return await Node.SignInAsync(email, PasswordOf(email));
    }

    /// <summary>Adds a user, gives them <paramref name="roles"/> through the API and signs them in.</summary>
    public async Task<HttpClient> UserAsync(string email, params string[] roles)
    {
        await Node.AddUserAsync(email, PasswordOf(email));
        if (roles.Length > 0)
        {
            using var set = await SetRolesAsync(Admin, email, roles);
            Assert.True(set.StatusCode == HttpStatusCode.OK, $"giving {email} its roles failed: {await set.Content.ReadAsStringAsync()}");
        }

        return await Node.SignInAsync(email, PasswordOf(email));
    }

    /// <summary>An external recipient signed in with an e-mailed code (no tenant, no roles).</summary>
    public async Task<HttpClient> ExternalAsync(string email) => (await ExternalSignInFlow.SignInAsync(Node, Sink, email)).Client;

    /// <summary>Creates a client-credentials service and returns a client carrying its access token.</summary>
    public async Task<HttpClient> ServiceAsync(string name, bool isAdmin)
    {
        using var create = await Admin.PostAsJsonAsync("/api/admin/v1/services", new CreateServiceRequest(name, isAdmin));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var service = (await create.Content.ReadFromJsonAsync<CreatedService>())!;
        using var anonymous = Node.Anonymous();
        using var token = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = service.ClientId,
            ["client_secret"] = service.ClientSecret,
            ["scope"] = "rms",
        }));
        var body = await token.Content.ReadAsStringAsync();
        Assert.True(token.IsSuccessStatusCode, $"token for {service.ClientId} failed: {body}");
        var client = Node.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString());
        return client;
    }
}
