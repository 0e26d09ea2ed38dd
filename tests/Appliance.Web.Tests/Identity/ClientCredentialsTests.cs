using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Identity;

public sealed class ClientCredentialsTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["na"]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<CreatedService> CreateServiceAsync(string name, bool isAdmin)
    {
        using var admin = await _node.SignInAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/admin/v1/services", new CreateServiceRequest(name, isAdmin));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedService>())!;
    }

    private async Task<HttpResponseMessage> TokenAsync(string clientId, string secret)
    {
        using var client = _node.Anonymous();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = "rms",
        }));
    }

    [Fact]
    public async Task ClientCredentials_AdminService_CallsTheAdminApi()
    {
        // Arrange - automation runs as a service principal, not as a person's account.
        var service = await CreateServiceAsync("provisioning", isAdmin: true);
        using var token = await TokenAsync(service.ClientId, service.ClientSecret);
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();

        // Act
        using var client = _node.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var activate = await client.PostAsJsonAsync("/api/admin/v1/tenants", new ActivateTenantRequest("Automated", "na", ["automated.test"]));

        // Assert
        Assert.Equal(HttpStatusCode.Created, activate.StatusCode);
    }

    [Fact]
    public async Task ClientCredentials_ServiceWithoutRole_ForbiddenOnAdminApi()
    {
        var service = await CreateServiceAsync("indexer", isAdmin: false);
        using var token = await TokenAsync(service.ClientId, service.ClientSecret);
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        using var client = _node.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        using var response = await client.GetAsync("/api/admin/v1/tenants");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_InvalidClient()
    {
        var service = await CreateServiceAsync("wrongsecret", isAdmin: true);
        using var token = await TokenAsync(service.ClientId, "not-the-secret");
        Assert.False(token.IsSuccessStatusCode);
        Assert.Equal("invalid_client", JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }
}
