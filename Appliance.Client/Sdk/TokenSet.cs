namespace Appliance.Client.Sdk;

/// <summary>The OAuth tokens of a signed-in user or service.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt)
{
    /// <summary>True when the access token is expired or expires within <paramref name="skew"/>.</summary>
    public bool IsExpired(DateTimeOffset now, TimeSpan skew) => now + skew >= ExpiresAt;

    // SECURITY: the generated record ToString would print the tokens into logs and exception messages.
    public override string ToString() => $"TokenSet {{ ExpiresAt = {ExpiresAt:O}, HasRefreshToken = {RefreshToken is not null} }}";
}
