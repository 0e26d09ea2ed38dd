using Appliance.Crypto.Signing;
using Appliance.Crypto.Wire;

namespace Appliance.Crypto.Licensing;

/// <summary>The user certificate, as a JWS of typ "rms-uc+jws" (docs/format.md).</summary>
public static class UserCertificate
{
    /// <exception cref="ArgumentException">Malformed content, or <paramref name="tenantSigningKey"/>'s id is not <see cref="UserCertificateContent.IssuerKeyId"/>.</exception>
    public static Task<string> IssueAsync(UserCertificateContent c, ISignatureKey tenantSigningKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(tenantSigningKey);
        if (!IsWellFormed(c))
        {
            throw new ArgumentException(
                "A user certificate needs version 1, non-empty ids and e-mail, an RSA-2048+ public key and ExpiresAt after IssuedAt.",
                nameof(c));
        }

        if (!string.Equals(c.IssuerKeyId, tenantSigningKey.KeyId, StringComparison.Ordinal))
        {
            throw new ArgumentException("IssuerKeyId must be the id of the signing key.", nameof(tenantSigningKey));
        }

        return Jws.SignAsync(JwsTypes.UserCertificate, WireJson.Serialize(c), tenantSigningKey, ct);
    }

    /// <summary>
    /// Verifies the signature with the tenant signing key (SubjectPublicKeyInfo DER) and returns the content. Validity
    /// in time (<see cref="UserCertificateContent.ExpiresAt"/>) is the caller's to check against its clock.
    /// </summary>
    /// <exception cref="LicenseException">SignatureInvalid, Malformed, UnsupportedVersion, UnsupportedAlgorithm or WrongType.</exception>
    public static UserCertificateContent Verify(string jws, ReadOnlySpan<byte> tenantSigningSpki)
    {
        var parts = Jws.Decode(jws, JwsTypes.UserCertificate);
        Jws.VerifyOrThrow(parts, tenantSigningSpki);
        var content = Jws.ReadPayload<UserCertificateContent>(parts.Payload, "user certificate");
        if (!IsWellFormed(content) || !string.Equals(content.IssuerKeyId, parts.Header.Kid, StringComparison.Ordinal))
        {
            throw Jws.Malformed("The user certificate is not well formed, or its issuer is not the JWS key id.");
        }

        return content;
    }

    /// <exception cref="LicenseException">Malformed, UnsupportedAlgorithm or WrongType.</exception>
    public static JwsHeader ReadHeader(string jws) => Jws.Decode(jws, JwsTypes.UserCertificate).Header;

    private static bool IsWellFormed(UserCertificateContent c)
    {
        if (c.Version != JwsTypes.CurrentVersion || c.TenantId == Guid.Empty || c.UserId == Guid.Empty
            || string.IsNullOrWhiteSpace(c.Email) || c.Email.Length > PolicyRules.MaxPrincipalLength
            || string.IsNullOrWhiteSpace(c.IssuerKeyId) || c.ExpiresAt <= c.IssuedAt || c.PublicKey is null)
        {
            return false;
        }

        using var rsa = KeyChecks.TryImportRsaPublicKey(c.PublicKey);
        return rsa is not null;
    }
}
