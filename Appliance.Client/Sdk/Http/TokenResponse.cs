using System.Text.Json.Serialization;

namespace Appliance.Client.Sdk.Http;

/// <summary>The successful answer of the OAuth 2.0 token endpoint (RFC 6749 section 5.1).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("token_type")] string? TokenType)
{
    // SECURITY: the generated record ToString would print the tokens.
    public override string ToString() => $"TokenResponse {{ ExpiresIn = {ExpiresIn} }}";
}
