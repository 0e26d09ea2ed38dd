using System.Security.Cryptography;

namespace Appliance.Crypto.KeyWrap;

/// <summary>
/// Seals a private key under the tenant key in two steps (RSA-OAEP of a random AES-256 KEK, then RFC 5649
/// AES-KWP of the PKCS#8 under the KEK), the same two steps an HSM without CKM_RSA_AES_KEY_WRAP can undo.
/// </summary>
public static class PrivateKeyEnvelope
{
    private const int KekSize = 32;

    /// <summary>Wraps <paramref name="pkcs8"/> for the tenant key whose public key is <paramref name="tenantSpki"/>.</summary>
    /// <exception cref="ArgumentException">An empty key id or PKCS#8, or a tenant key that is not RSA-2048+.</exception>
    public static WrappedPrivateKey Seal(string tenantKeyId, ReadOnlySpan<byte> tenantSpki, KeyWrapAlgorithm alg, ReadOnlySpan<byte> pkcs8)
    {
        Span<byte> kek = stackalloc byte[KekSize];
        try
        {
            RandomNumberGenerator.Fill(kek);
            return Seal(tenantKeyId, tenantSpki, alg, pkcs8, kek);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>Deterministic core with a caller-chosen KEK (test vectors).</summary>
    internal static WrappedPrivateKey Seal(string tenantKeyId, ReadOnlySpan<byte> tenantSpki, KeyWrapAlgorithm alg, ReadOnlySpan<byte> pkcs8, ReadOnlySpan<byte> kek)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantKeyId);
        if (pkcs8.IsEmpty)
        {
            throw new ArgumentException("The private key is empty.", nameof(pkcs8));
        }

        var wrappedKek = RsaKeyWrap.Wrap(tenantSpki, kek, alg);
        using var aes = Aes.Create();
        aes.SetKey(kek);
        return new WrappedPrivateKey(tenantKeyId, alg, wrappedKek, aes.EncryptKeyWrapPadded(pkcs8));
    }

    /// <summary>Recovers the PKCS#8 private key. The caller owns (and should zero) the returned bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="tenantKey"/> is not the key the envelope was sealed for.</exception>
    /// <exception cref="CryptographicException">The KEK does not unwrap, or the wrapped key fails its integrity check.</exception>
    public static async ValueTask<byte[]> OpenAsync(WrappedPrivateKey sealedKey, IKeyUnwrapper tenantKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sealedKey);
        ArgumentNullException.ThrowIfNull(tenantKey);
        if (!string.Equals(sealedKey.TenantKeyId, tenantKey.KeyId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The envelope was sealed for tenant key '{sealedKey.TenantKeyId}', not '{tenantKey.KeyId}'.", nameof(tenantKey));
        }

        var kek = await tenantKey.UnwrapAsync(sealedKey.WrappedKek, sealedKey.Algorithm, ct).ConfigureAwait(false);
        try
        {
            if (kek.Length != KekSize)
            {
                // SECURITY: one generic message for every integrity failure; the length says nothing useful to a caller.
                throw new CryptographicException("The wrapped private key could not be opened.");
            }

            using var aes = Aes.Create();
            aes.SetKey(kek);
            return aes.DecryptKeyWrapPadded(sealedKey.WrappedKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }
}
