using System.Text.Json.Serialization;

namespace Appliance.Client.Sdk.Http;

/// <summary>The answer of the device authorization endpoint (RFC 8628 section 3.2).</summary>
internal sealed record DeviceAuthorizationResponse(
    [property: JsonPropertyName("device_code")] string? DeviceCode,
    [property: JsonPropertyName("user_code")] string? UserCode,
    [property: JsonPropertyName("verification_uri")] string? VerificationUri,
    [property: JsonPropertyName("verification_uri_complete")] string? VerificationUriComplete,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("interval")] long? Interval)
{
    // SECURITY: the generated record ToString would print the device code.
    public override string ToString() => $"DeviceAuthorizationResponse {{ UserCode = {UserCode} }}";
}
