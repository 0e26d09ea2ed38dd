using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;

namespace Appliance.Hsm;

/// <summary>
/// The public half of a freshly generated tenant key version. Public keys are SubjectPublicKeyInfo DER;
/// the private keys stay in the region's token.
/// </summary>
public sealed record TenantKeyMaterial(
    string KeyId,
    string Region,
    TenantKeyAlgorithm EncryptionAlgorithm,
    SignatureAlgorithm SigningAlgorithm,
    KeyWrapAlgorithm WrapAlgorithm,
    byte[] EncryptionPublicKey,
    byte[] SigningPublicKey);
