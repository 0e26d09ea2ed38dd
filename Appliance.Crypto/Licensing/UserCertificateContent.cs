namespace Appliance.Crypto.Licensing;

/// <summary>
/// A user's certificate (JWS typ "rms-uc+jws", signed by the tenant signing key <paramref name="IssuerKeyId"/>, which is
/// also the JWS "kid"). <paramref name="PublicKey"/> is the user's RSA public key as SubjectPublicKeyInfo DER.
/// </summary>
public sealed record UserCertificateContent(
    int Version,
    Guid TenantId,
    Guid UserId,
    string Email,
    byte[] PublicKey,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string IssuerKeyId);
