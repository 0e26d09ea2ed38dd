using System.Net;
using System.Text.Json;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.DeviceSignIn;

/// <summary>The device authorization flow (RFC 8628) against a real node: what needs no browser session.</summary>
public sealed class DeviceFlowTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["emea"]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Discovery_AdvertisesTheDeviceAuthorizationEndpoint()
    {
        using var client = _node.Anonymous();

        using var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration"));

        Assert.Equal(new Uri(_node.BaseAddress, "/connect/device").AbsoluteUri,
            discovery.RootElement.GetProperty("device_authorization_endpoint").GetString());
        Assert.Contains("urn:ietf:params:oauth:grant-type:device_code",
            discovery.RootElement.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Start_GivesCodesAndTheVerificationPage_AndPollingWaitsForApproval()
    {
        using var client = _node.Anonymous();

        var started = await DeviceFlow.StartAsync(client);
        var poll = await DeviceFlow.PollAsync(client, started.DeviceCode);

        Assert.False(string.IsNullOrWhiteSpace(started.UserCode));
        Assert.Equal(new Uri(_node.BaseAddress, "/connect/verify").AbsoluteUri, started.VerificationUri);
        Assert.Contains(Uri.EscapeDataString(started.UserCode), started.VerificationUriComplete, StringComparison.Ordinal);
        Assert.InRange(started.ExpiresIn, 60, 900);
        Assert.Equal(HttpStatusCode.BadRequest, poll.StatusCode);
        Assert.Equal("authorization_pending", poll.Error);
    }

    [Fact]
    public async Task Start_ByAnUnknownClient_IsRefused()
    {
        using var client = _node.Anonymous();

        using var response = await client.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "not-a-client",
            ["scope"] = "openid rms",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_WithAForgedDeviceCode_IsRefused()
    {
        using var client = _node.Anonymous();

        var poll = await DeviceFlow.PollAsync(client, "forged-device-code");

        Assert.Equal(HttpStatusCode.BadRequest, poll.StatusCode);
        Assert.Equal("invalid_grant", poll.Error);
    }

    [Fact]
    public async Task VerificationPage_WithoutAPortalSession_SendsToSignInAndBack()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _node.BaseAddress };
        var started = await DeviceFlow.StartAsync(client);

        using var response = await client.GetAsync(new Uri(started.VerificationUriComplete).PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Contains("/account/login", location, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Uri.EscapeDataString("/connect/verify?user_code="), location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decision_WithoutAntiforgeryToken_IsRejectedAndGrantsNothing()
    {
        using var client = _node.Anonymous();
        var started = await DeviceFlow.StartAsync(client);

        using var response = await client.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = started.UserCode,
            ["decision"] = "accept",
        }));
        var poll = await DeviceFlow.PollAsync(client, started.DeviceCode);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("authorization_pending", poll.Error);
    }
}
