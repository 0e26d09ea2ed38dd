using System.Security.Cryptography;
using Appliance.Crypto.Derivation;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Crypto.Wire;

namespace Appliance.Crypto.Licensing;

/// <summary>The use licence the appliance hands a consumer, as a JWS of typ "rms-ul+jws" (docs/format.md).</summary>
public static class UseLicense
{
    private const int MaxWrappedKeyLength = 1024;

    /// <exception cref="ArgumentException">The content is not well formed (version, ids, rights, policy, wrapped key).</exception>
    public static Task<string> IssueAsync(UseLicenseContent content, ISignatureKey tenantSigningKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!IsWellFormed(content))
        {
            throw new ArgumentException(
                "A use licence needs version 1, non-empty ids and recipient, known rights, a well-formed policy and a wrapped key.",
                nameof(content));
        }

        return Jws.SignAsync(JwsTypes.UseLicense, WireJson.Serialize(content), tenantSigningKey, ct);
    }

    /// <summary>
    /// Verifies the signature with the tenant signing key (SubjectPublicKeyInfo DER) and returns the content.
    /// Time (<see cref="UseLicenseContent.ValidUntil"/>, the policy's expiry) is the caller's to check against its clock.
    /// </summary>
    /// <exception cref="LicenseException">SignatureInvalid, Malformed, UnsupportedVersion, UnsupportedAlgorithm or WrongType.</exception>
    public static UseLicenseContent Verify(string jws, ReadOnlySpan<byte> tenantSigningSpki)
    {
        var parts = Jws.Decode(jws, JwsTypes.UseLicense);
        Jws.VerifyOrThrow(parts, tenantSigningSpki);
        var content = Jws.ReadPayload<UseLicenseContent>(parts.Payload, "use licence");
        return IsWellFormed(content) ? content : throw Jws.Malformed("The use licence has an empty, unknown or oversized member.");
    }

    /// <summary>The header, to find the signing key id before verifying.</summary>
    /// <exception cref="LicenseException">Malformed, UnsupportedAlgorithm or WrongType.</exception>
    public static JwsHeader ReadHeader(string jws) => Jws.Decode(jws, JwsTypes.UseLicense).Header;

    /// <summary>Unwraps the content key with the recipient's private key. The caller should zero the result after use.</summary>
    /// <exception cref="LicenseException">KeyUnwrapFailed.</exception>
    public static byte[] UnwrapContentKey(UseLicenseContent content, RSA userPrivateKey)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(userPrivateKey);
        byte[] key;
        try
        {
            key = RsaKeyWrap.Unwrap(userPrivateKey, content.WrappedContentKey, content.WrapAlgorithm);
        }
        catch (CryptographicException e)
        {
            // SECURITY: a wrong key and a tampered blob are reported alike; the detail stays in the inner exception.
            throw new LicenseException(LicenseError.KeyUnwrapFailed, "The content key could not be unwrapped.", e);
        }

        if (key.Length != ContentKeyDerivation.ContentKeySize)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new LicenseException(LicenseError.KeyUnwrapFailed, "The content key could not be unwrapped.");
        }

        return key;
    }

    private static bool IsWellFormed(UseLicenseContent c) =>
        c.Version == JwsTypes.CurrentVersion
        && c.ContentId != Guid.Empty
        && c.TenantId != Guid.Empty
        && !string.IsNullOrWhiteSpace(c.IssuedTo)
        && c.IssuedTo.Length <= PolicyRules.MaxPrincipalLength
        && c.Rights is not null
        && PolicyRules.AreKnownRights(c.Rights)
        && c.WrappedContentKey is { Length: > 0 and <= MaxWrappedKeyLength }
        && Enum.IsDefined(c.WrapAlgorithm)
        && c.Policy is not null
        && c.Policy.Grants is not null
        && PolicyRules.IsValid(c.Policy)
        && (c.ActingAs is null || (c.ActingAs.Length is > 0 and <= PolicyRules.MaxPrincipalLength && !string.IsNullOrWhiteSpace(c.ActingAs)));
}
