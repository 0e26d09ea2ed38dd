using Appliance.Crypto.KeyWrap;

namespace Appliance.Crypto.Licensing;

/// <summary>
/// The signed payload of a publishing licence (JWS typ "rms-pl+jws"). <paramref name="WrappedContentKey"/> is the
/// content key RSA-OAEP-wrapped under tenant key <paramref name="TenantKeyId"/>; <paramref name="EncryptedPolicy"/> is the
/// policy encrypted under a key derived from the content key. <paramref name="SignerCertificate"/> is the signer's
/// user certificate JWS, or null when the server signed with the tenant signing key.
/// </summary>
public sealed record PublishingLicenseContent(
    int Version,
    Guid ContentId,
    Guid TenantId,
    string Issuer,
    string TenantKeyId,
    KeyWrapAlgorithm WrapAlgorithm,
    byte[] WrappedContentKey,
    byte[] EncryptedPolicy,
    DateTimeOffset IssuedAt,
    string? SignerCertificate);
