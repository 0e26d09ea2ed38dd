using Appliance.Crypto.KeyWrap;

namespace Appliance.Crypto.Licensing;

/// <summary>
/// What PublishingLicense.CreateAsync needs: the document's ids, the tenant's encryption public key
/// (SubjectPublicKeyInfo DER) and its id, the policy, and the 32-byte content key to wrap.
/// </summary>
public sealed record PublishingLicenseRequest(
    Guid ContentId,
    Guid TenantId,
    string Issuer,
    string TenantKeyId,
    byte[] TenantEncryptionPublicKey,
    KeyWrapAlgorithm WrapAlgorithm,
    ProtectionPolicy Policy,
    ReadOnlyMemory<byte> ContentKey);
