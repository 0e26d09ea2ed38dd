using System.Text.Json.Serialization;
using Appliance.Client.Sdk;

namespace Appliance.Client.Profiles;

/// <summary>The content of profile.json: which appliance, who, and the current tokens.</summary>
/// <param name="IsExternal">
/// An external recipient signed in with an e-mailed code: no user keys, a device key instead. Absent
/// (false) in profiles written before external recipients existed.
/// </param>
/// <param name="IsService">
/// A service principal signed in with client credentials: no user keys either, a device key that the licences of
/// the content it is authorised to read are wrapped to.
/// </param>
public sealed record StoredProfile(
    string Server,
    string User,
    string? AccessToken,
    string? RefreshToken,
    DateTimeOffset? ExpiresAt,
    bool IsExternal = false,
    bool IsService = false)
{
    [JsonIgnore]
    public TokenSet? Tokens =>
        AccessToken is null ? null : new TokenSet(AccessToken, RefreshToken, ExpiresAt ?? DateTimeOffset.MinValue);

    public StoredProfile WithTokens(TokenSet? tokens) =>
        this with { AccessToken = tokens?.AccessToken, RefreshToken = tokens?.RefreshToken, ExpiresAt = tokens?.ExpiresAt };

    // SECURITY: the generated record ToString would print the tokens.
    public override string ToString() => $"StoredProfile {{ Server = {Server}, User = {User}, IsExternal = {IsExternal}, IsService = {IsService}, ExpiresAt = {ExpiresAt:O} }}";
}
