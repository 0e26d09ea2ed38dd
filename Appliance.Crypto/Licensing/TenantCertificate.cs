using Appliance.Crypto.Signing;
using Appliance.Crypto.Wire;

namespace Appliance.Crypto.Licensing;

/// <summary>
/// The tenant certificate, as a JWS of typ "rms-tc+jws" (docs/format.md). The self-signature proves that whoever made
/// it held the signing key and binds the two public keys together; trust in the key itself comes from how the
/// certificate was obtained (bootstrap over an authenticated channel), not from the signature.
/// </summary>
public static class TenantCertificate
{
    private const int MaxTextLength = 256;

    /// <exception cref="ArgumentException">Malformed content, or a signing key whose id or algorithm does not match the content.</exception>
    public static Task<string> IssueAsync(TenantCertificateContent c, ISignatureKey signingKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(signingKey);
        if (!IsWellFormed(c))
        {
            throw new ArgumentException(
                "A tenant certificate needs version 1, non-empty ids and names, a positive key version, an RSA encryption key whose size matches EncryptionAlgorithm, and a signing key of SigningAlgorithm.",
                nameof(c));
        }

        if (!string.Equals(c.KeyId, signingKey.KeyId, StringComparison.Ordinal) || c.SigningAlgorithm != signingKey.Algorithm)
        {
            throw new ArgumentException("The signing key's id and algorithm must be the certificate's KeyId and SigningAlgorithm.", nameof(signingKey));
        }

        return Jws.SignAsync(JwsTypes.TenantCertificate, WireJson.Serialize(c), signingKey, ct);
    }

    /// <summary>Checks the structure and the self-signature (by the certificate's own signing key).</summary>
    /// <exception cref="LicenseException">SignatureInvalid, Malformed, UnsupportedVersion, UnsupportedAlgorithm or WrongType.</exception>
    public static TenantCertificateContent Verify(string jws)
    {
        var parts = Jws.Decode(jws, JwsTypes.TenantCertificate);

        // The key is inside the payload, so the payload is read before the signature is checked.
        var content = Jws.ReadPayload<TenantCertificateContent>(parts.Payload, "tenant certificate");
        if (!IsWellFormed(content)
            || content.SigningAlgorithm != parts.Algorithm
            || !string.Equals(content.KeyId, parts.Header.Kid, StringComparison.Ordinal))
        {
            throw Jws.Malformed("The tenant certificate is not well formed, or its key id or algorithm differs from the JWS header.");
        }

        Jws.VerifyOrThrow(parts, content.SigningPublicKey);
        return content;
    }

    private static bool IsWellFormed(TenantCertificateContent c)
    {
        if (c.Version != JwsTypes.CurrentVersion || c.TenantId == Guid.Empty || c.KeyVersion < 1
            || !IsText(c.TenantName) || !IsText(c.Region) || !IsText(c.KeyId)
            || c.EncryptionPublicKey is null || c.SigningPublicKey is null
            || !Enum.IsDefined(c.WrapAlgorithm) || !Enum.IsDefined(c.SigningAlgorithm))
        {
            return false;
        }

        var expectedBits = c.EncryptionAlgorithm switch
        {
            "RSA-2048" => 2048,
            "RSA-3072" => 3072,
            _ => 0,
        };
        using (var rsa = KeyChecks.TryImportRsaPublicKey(c.EncryptionPublicKey))
        {
            if (rsa is null || rsa.KeySize != expectedBits)
            {
                return false;
            }
        }

        return c.SigningAlgorithm switch
        {
            SignatureAlgorithm.Es256 => HasKey(KeyChecks.TryImportP256PublicKey(c.SigningPublicKey)),
            SignatureAlgorithm.Rs256 => HasKey(KeyChecks.TryImportRsaPublicKey(c.SigningPublicKey)),
            _ => false,
        };
    }

    private static bool HasKey(IDisposable? key)
    {
        key?.Dispose();
        return key is not null;
    }

    private static bool IsText(string value) => !string.IsNullOrWhiteSpace(value) && value.Length <= MaxTextLength;
}
