using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;

namespace Appliance.Crypto.Licensing;

/// <summary>
/// One tenant key version's public keys (JWS typ "rms-tc+jws", self-signed by <paramref name="SigningPublicKey"/>; the
/// JWS "kid" is <paramref name="KeyId"/>). Both keys are SubjectPublicKeyInfo DER. <paramref name="EncryptionAlgorithm"/>
/// is "RSA-2048" or "RSA-3072" and must match the encryption key's size.
/// </summary>
public sealed record TenantCertificateContent(
    int Version,
    Guid TenantId,
    string TenantName,
    string Region,
    string KeyId,
    int KeyVersion,
    byte[] EncryptionPublicKey,
    string EncryptionAlgorithm,
    KeyWrapAlgorithm WrapAlgorithm,
    byte[] SigningPublicKey,
    SignatureAlgorithm SigningAlgorithm,
    DateTimeOffset IssuedAt);
