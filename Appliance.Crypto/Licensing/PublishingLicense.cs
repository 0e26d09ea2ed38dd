using System.Security.Cryptography;
using Appliance.Crypto.Derivation;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Crypto.Wire;

namespace Appliance.Crypto.Licensing;

/// <summary>
/// The publishing licence: the document's wrapped content key and encrypted policy, signed by its author
/// (or by the server), as a JWS of typ "rms-pl+jws" (docs/format.md).
/// </summary>
public static class PublishingLicense
{
    private const int MaxWrappedKeyLength = 1024;
    private const int MaxTextLength = 1024;

    /// <summary>
    /// Wraps the content key for the tenant, encrypts the policy, and signs. <paramref name="signerCertificate"/> is
    /// the signer's user certificate JWS (offline publishing with a user key) or null (the server's tenant signing key).
    /// </summary>
    /// <exception cref="ArgumentException">An invalid request: content key not 32 bytes, bad tenant key, bad policy, ...</exception>
    public static Task<string> CreateAsync(PublishingLicenseRequest request, ISignatureKey signer, string? signerCertificate, CancellationToken ct)
    {
        Span<byte> nonce = stackalloc byte[PolicyCipher.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return CreateAsync(request, signer, signerCertificate, DateTimeOffset.UtcNow, nonce.ToArray(), ct);
    }

    /// <summary>Core with the issue time and policy nonce chosen by the caller (test vectors).</summary>
    internal static Task<string> CreateAsync(
        PublishingLicenseRequest request,
        ISignatureKey signer,
        string? signerCertificate,
        DateTimeOffset issuedAt,
        byte[] policyNonce,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signer);
        ContentKeyDerivation.RequireContentKey(request.ContentKey.Span);
        RequireId(request.ContentId, nameof(request));
        RequireId(request.TenantId, nameof(request));
        RequireText(request.Issuer, "issuer", nameof(request));
        RequireText(request.TenantKeyId, "tenant key id", nameof(request));
        if (signerCertificate is not null && !IsCompactJws(signerCertificate))
        {
            throw new ArgumentException("The signer certificate is not a JWS compact serialisation.", nameof(signerCertificate));
        }

        var policy = PolicyRules.Normalize(request.Policy, nameof(request));
        var content = new PublishingLicenseContent(
            JwsTypes.CurrentVersion,
            request.ContentId,
            request.TenantId,
            request.Issuer,
            request.TenantKeyId,
            request.WrapAlgorithm,
            RsaKeyWrap.Wrap(request.TenantEncryptionPublicKey, request.ContentKey.Span, request.WrapAlgorithm),
            PolicyCipher.Encrypt(request.ContentKey.Span, request.ContentId, request.TenantId, policy, policyNonce),
            issuedAt,
            signerCertificate);
        return Jws.SignAsync(JwsTypes.PublishingLicense, WireJson.Serialize(content), signer, ct);
    }

    /// <summary>Checks the structure (not the signature: see <see cref="ParsedPublishingLicense.VerifySignature"/>).</summary>
    /// <exception cref="LicenseException">Malformed, UnsupportedVersion, UnsupportedAlgorithm or WrongType.</exception>
    public static ParsedPublishingLicense Parse(string jws)
    {
        var parts = Jws.Decode(jws, JwsTypes.PublishingLicense);
        var content = Jws.ReadPayload<PublishingLicenseContent>(parts.Payload, "publishing licence");
        if (content.ContentId == Guid.Empty || content.TenantId == Guid.Empty
            || !IsText(content.Issuer) || !IsText(content.TenantKeyId)
            || content.WrappedContentKey.Length is 0 or > MaxWrappedKeyLength
            || content.EncryptedPolicy.Length < PolicyCipher.NonceSize + PolicyCipher.TagSize
            || (content.SignerCertificate is not null && !IsCompactJws(content.SignerCertificate)))
        {
            throw Jws.Malformed("The publishing licence has an empty, oversized or malformed member.");
        }

        return ParsedPublishingLicense.FromParse(jws, parts.Header, content);
    }

    /// <summary>
    /// Unwraps the content key with the tenant key and decrypts the policy. Exceptions of the unwrapper other than
    /// <see cref="CryptographicException"/> (an unavailable HSM, cancellation) pass through unchanged.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tenantKey"/> is not the key named by the licence.</exception>
    /// <exception cref="LicenseException">KeyUnwrapFailed, PolicyDecryptionFailed, or Malformed (a decrypted policy that breaks the schema).</exception>
    public static async Task<OpenedPublishingLicense> OpenAsync(ParsedPublishingLicense pl, IKeyUnwrapper tenantKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pl);
        ArgumentNullException.ThrowIfNull(tenantKey);
        var content = pl.Content;
        if (!string.Equals(content.TenantKeyId, tenantKey.KeyId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The licence is wrapped for tenant key '{content.TenantKeyId}', not '{tenantKey.KeyId}'.", nameof(tenantKey));
        }

        byte[] contentKey;
        try
        {
            contentKey = await tenantKey.UnwrapAsync(content.WrappedContentKey, content.WrapAlgorithm, ct).ConfigureAwait(false);
        }
        catch (CryptographicException e)
        {
            // SECURITY: the cause of an unwrap failure stays in the inner exception (server log), not in the message.
            throw new LicenseException(LicenseError.KeyUnwrapFailed, "The content key could not be unwrapped.", e);
        }

        try
        {
            if (contentKey.Length != ContentKeyDerivation.ContentKeySize)
            {
                throw new LicenseException(LicenseError.KeyUnwrapFailed, "The content key could not be unwrapped.");
            }

            var policy = PolicyCipher.Decrypt(contentKey, content.ContentId, content.TenantId, content.EncryptedPolicy);
            var result = new OpenedPublishingLicense(contentKey, policy);
            contentKey = [];
            return result;
        }
        finally
        {
            // Zeroes the key unless it was handed to the caller.
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }

    internal static bool IsCompactJws(string value)
    {
        if (value.Length is 0 or > Jws.MaxLength)
        {
            return false;
        }

        var dots = 0;
        foreach (var c in value)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!Base64UrlStrict.IsAlphabet(c))
            {
                return false;
            }
        }

        return dots == 2;
    }

    private static bool IsText(string value) => !string.IsNullOrWhiteSpace(value) && value.Length <= MaxTextLength;

    private static void RequireText(string value, string what, string parameterName)
    {
        if (!IsText(value))
        {
            throw new ArgumentException($"The {what} must have 1 to {MaxTextLength} characters.", parameterName);
        }
    }

    private static void RequireId(Guid id, string parameterName)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("Content and tenant ids cannot be empty.", parameterName);
        }
    }
}
