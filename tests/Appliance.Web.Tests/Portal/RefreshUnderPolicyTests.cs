using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Portal;

/// <summary>Turning the administrators' second-factor policy on reaches sessions that already hold a refresh token.</summary>
public sealed class RefreshUnderPolicyTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["emea"]);

    public async Task InitializeAsync()
    {
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await _node.AddUserAsync("root@contoso.test", "password of root 1234", isAdmin: true);
        await _node.AddUserAsync("alice@contoso.test", "password of alice 123");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<string> RefreshTokenOfAsync(string user, string password)
    {
        using var client = _node.Anonymous();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user,
            ["password"] = password,
            ["client_id"] = "rms-cli",
            ["scope"] = "openid offline_access rms",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("refresh_token").GetString()!;
    }

    private async Task<(HttpStatusCode Status, string Body)> RefreshAsync(string refreshToken)
    {
        using var client = _node.Anonymous();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = "rms-cli",
        }));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refresh_AdministratorWithoutSecondFactorAfterPolicyTurnedOn_IsRefused_PlainUserIsNot()
    {
        var rootRefresh = await RefreshTokenOfAsync("root@contoso.test", "password of root 1234");
        var aliceRefresh = await RefreshTokenOfAsync("alice@contoso.test", "password of alice 123");
        var before = await RefreshAsync(rootRefresh);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        rootRefresh = JsonDocument.Parse(before.Body).RootElement.GetProperty("refresh_token").GetString()!;

        using (var admin = await _node.SignInAdminAsync())
        {
            using var set = await admin.PutAsJsonAsync("/api/admin/v1/security-policy", new { requireAdministratorTwoFactor = true });
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        }

        var root = await RefreshAsync(rootRefresh);
        var alice = await RefreshAsync(aliceRefresh);

        Assert.Equal(HttpStatusCode.BadRequest, root.Status);
        Assert.Contains("/account/two-factor", root.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alice.Status);
    }
}
