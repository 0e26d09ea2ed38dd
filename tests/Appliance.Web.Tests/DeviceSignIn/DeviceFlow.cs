using System.Net;
using System.Text.Json;

namespace Appliance.Web.Tests.DeviceSignIn;

/// <summary>The two client calls of the device flow, made the way any OAuth client makes them.</summary>
internal static class DeviceFlow
{
    public sealed record Started(string DeviceCode, string UserCode, string VerificationUri, string VerificationUriComplete, int ExpiresIn);

    public sealed record Poll(HttpStatusCode StatusCode, string? Error, string? AccessToken);

    public static async Task<Started> StartAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "rms-cli",
            ["scope"] = "openid offline_access rms",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var root = JsonDocument.Parse(body).RootElement;
        return new Started(
            root.GetProperty("device_code").GetString()!,
            root.GetProperty("user_code").GetString()!,
            root.GetProperty("verification_uri").GetString()!,
            root.GetProperty("verification_uri_complete").GetString()!,
            root.GetProperty("expires_in").GetInt32());
    }

    public static async Task<Poll> PollAsync(HttpClient client, string deviceCode)
    {
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["device_code"] = deviceCode,
            ["client_id"] = "rms-cli",
        }));
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return new Poll(
            response.StatusCode,
            root.TryGetProperty("error", out var error) ? error.GetString() : null,
            root.TryGetProperty("access_token", out var token) ? token.GetString() : null);
    }
}
