using Appliance.Crypto.KeyWrap;

namespace Appliance.Crypto.Licensing;

/// <summary>
/// The signed payload of a use licence (JWS typ "rms-ul+jws", signed by the tenant signing key): the rights granted
/// to <paramref name="IssuedTo"/>, the content key wrapped to that caller's key, and the document's policy.
/// <paramref name="ValidUntil"/>: offline use is allowed until then; null means ask the server every time.
/// <paramref name="ActingAs"/>: set when a super user was granted access on the owner's behalf.
/// </summary>
public sealed record UseLicenseContent(
    int Version,
    Guid ContentId,
    Guid TenantId,
    string IssuedTo,
    IReadOnlyList<string> Rights,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ValidUntil,
    KeyWrapAlgorithm WrapAlgorithm,
    byte[] WrappedContentKey,
    ProtectionPolicy Policy,
    string? ActingAs);
